import type { Digest } from "../digest/digest.ts";
import type {
  ContainerCreateRequest,
  ContainerCreateResponse,
  HostConfig,
} from "../engine/api-types.ts";
import type { EndpointIpamConfig } from "../engine/engine.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { OverlayFs } from "../fs/overlay-fs.ts";
import type { ContainerConfig } from "../image/container-config.ts";
import type { Image } from "../image/image.ts";
import { parseGoIpv4 } from "../net/go-ipv4.ts";
import { initLayerTree } from "../runtime/container-rootfs.ts";
import { fromApiConfig } from "./api-container-config.ts";
import { Container, type EndpointRecord } from "./container.ts";
import { checkHealthConfig } from "./container-health.ts";
import { checkLinksNetworkMode, registerLinks } from "./container-links.ts";
import { createMounts, planMounts, validateMounts, volumesFromSpecs } from "./container-mounts.ts";
import { ContainerNameError } from "./container-name-error.ts";
import { unjoinedEndpoint } from "./container-network.ts";
import { checkPortSettings, portWarnings } from "./container-ports.ts";
import { createdState } from "./container-state.ts";
import { ContainerStdio } from "./container-stdio.ts";
import { normalizeContainerName } from "./container-store.ts";
import { entrypointAndArgs, mergeImageConfig } from "./create-config.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logContainerEvent } from "./daemon-events.ts";
import { randomId } from "./daemon-rngs.ts";
import { normalizeHostConfig, validateHostConfig } from "./host-config.ts";
import type { StoredLayer } from "./layer-data.ts";
import { LogStore } from "./log-store.ts";
import { randomContainerName } from "./names-generator.ts";
import { ipamConfigOf } from "./network-connect.ts";
import { checkPortBindings } from "./port-plan.ts";

/**
 * `docker create`: checks the request (restart policy, name, image, command, mounts) before it
 * changes anything, then builds the container's root filesystem (the image's layers, Docker's
 * init layer and a fresh writable layer), its volumes and endpoints, and registers it. A missing
 * image is `No such image: …` (404), which makes the CLI pull and retry.
 */
export async function createContainer(
  ctx: DaemonContext,
  request: ContainerCreateRequest,
  options: { name?: string } = {},
): Promise<ContainerCreateResponse> {
  const hostConfig = normalizeHostConfig(request.HostConfig);
  checkHealthConfig(request.Healthcheck);
  checkPortSettings(request, hostConfig);
  validateHostConfig(hostConfig);
  checkLinksNetworkMode(hostConfig);
  checkPortBindings(hostConfig);
  const endpointsConfig = checkEndpointsConfig(request.NetworkingConfig?.EndpointsConfig);
  const image = ctx.images.resolve(request.Image);
  const container = await createContainerFrom(ctx, {
    image,
    config: { ...fromApiConfig(request), image: request.Image },
    hostConfig,
    name: options.name,
    endpointsConfig,
  });
  return { Id: container.id, Warnings: portWarnings(hostConfig) };
}

/**
 * The common part of `docker create` and the builder's containers: `config` is the request's,
 * merged here with the image's (none for `FROM scratch`). Everything is checked before anything
 * is changed.
 */
export async function createContainerFrom(
  ctx: DaemonContext,
  options: {
    image: Image | undefined;
    config: ContainerConfig;
    hostConfig: HostConfig;
    name?: string;
    /** `NetworkingConfig.EndpointsConfig` of the request: `--ip`, `--network-alias`. */
    endpointsConfig?: Readonly<Record<string, EndpointSettingsRequest>>;
  },
): Promise<Container> {
  const { image } = options;
  const requestedName =
    options.name === undefined || options.name === ""
      ? undefined
      : normalizeContainerName(options.name);
  if (requestedName !== undefined) checkNameFree(ctx, requestedName);
  const merged = mergeImageConfig(options.config, image?.config.config);
  const specs = planMounts(
    merged,
    options.hostConfig,
    volumesFromSpecs(ctx, options.hostConfig.VolumesFrom),
  );
  validateMounts(ctx, specs);
  const diffIds = image?.config.rootfs.diffIds ?? [];
  const lowers = await Promise.all(diffIds.map((diffId) => ctx.layers.layer(diffId)));
  const id = randomId(ctx.rngs.get("container-ids"), (candidate) => ctx.containers.has(candidate));
  const name = requestedName ?? generateName(ctx, id);
  checkNameFree(ctx, name);
  const links = registerLinks(ctx, name, options.hostConfig);
  const hostConfig =
    (options.hostConfig.Links ?? []).length === 0
      ? options.hostConfig
      : { ...options.hostConfig, Links: links.links };
  const config = {
    ...merged,
    hostname: merged.hostname === "" ? id.slice(0, 12) : merged.hostname,
    workingDir: cleanWorkingDir(merged.workingDir),
  };
  const nowUs = ctx.clock.nowUs();
  const rootfs = containerRootfs(lowers, { workingDir: config.workingDir, nowUs });
  if (diffIds.length > 0) ctx.images.layers.retain(diffIds);
  const mounts = createMounts(ctx, { containerId: id, specs, rootfs });
  const logs = new LogStore({ bytesMax: ctx.limits.logBytesMax });
  const { path, args } = entrypointAndArgs(config);
  const container = new Container({
    id,
    name,
    createdUs: nowUs,
    path,
    args,
    config,
    hostConfig,
    imageId: image?.id ?? ("" as Digest),
    layerDiffIds: diffIds,
    state: createdState(),
    mounts,
    endpoints: planEndpoints(hostConfig, options.endpointsConfig, links.endpointLinks),
    rootfs,
    logs,
    stdio: ContainerStdio.forConfig({
      logs,
      clock: ctx.clock,
      config,
      sessionCountMax: ctx.limits.streamCountMax,
    }),
    restartCount: 0,
    hasBeenManuallyStopped: false,
    hasBeenStartedBefore: false,
  });
  ctx.containers.add(container);
  const data = { id, name: container.shortName, image: image?.id ?? "" };
  ctx.tracer.emit({ kind: "daemon.container.create", step: 7, data });
  ctx.tracer.emit({
    kind: "daemon.rootfs.prepare",
    step: 8,
    data: { id, layers: lowers.length, mounts: mounts.length },
  });
  logContainerEvent(ctx, container, "create");
  return container;
}

/**
 * Step 8: the container's root filesystem, the image's layers under Docker's init layer and a
 * fresh writable layer, with the working directory created in it when missing (as dockerd's
 * create does, which is how `WORKDIR` makes a layer).
 */
function containerRootfs(
  lowers: readonly StoredLayer[],
  options: { workingDir: string; nowUs: number },
): OverlayFs {
  const { nowUs, workingDir } = options;
  const rootfs = new OverlayFs({
    lowers: [...lowers.map((layer) => layer.tree), initLayerTree({ nowUs })],
    nowUs,
  });
  if (workingDir !== "" && !rootfs.exists(workingDir)) rootfs.mkdirp(workingDir, { nowUs });
  return rootfs;
}

/** dockerd cleans the working directory (`/app/` → `/app`). */
function cleanWorkingDir(path: string): string {
  if (path === "") return "";
  const parts = path.split("/").filter((part) => part !== "" && part !== ".");
  const out: string[] = [];
  for (const part of parts)
    if (part === "..") out.pop();
    else out.push(part);
  return `/${out.join("/")}`;
}

/**
 * The endpoints a container will have, with what the request asked of its network (address,
 * aliases); addresses come, and those requests are checked against the network, when it starts.
 */
export function planEndpoints(
  hostConfig: HostConfig,
  endpointsConfig: Readonly<Record<string, EndpointSettingsRequest>> = {},
  links: readonly string[] = [],
): EndpointRecord[] {
  const mode = hostConfig.NetworkMode ?? "default";
  if (mode.startsWith("container:")) return [];
  const network = mode === "default" ? "bridge" : mode;
  const requested = endpointsConfig[mode] ?? endpointsConfig[network];
  const ipamConfig = ipamConfigOf(requested?.IPAMConfig);
  const aliases = requested?.Aliases ?? [];
  return [
    {
      ...unjoinedEndpoint(network),
      ...(ipamConfig === null || Object.keys(ipamConfig).length === 0 ? {} : { ipamConfig }),
      ...(aliases.length === 0 ? {} : { aliases: [...aliases] }),
      // `--link` on a user-defined network: the endpoint's links (container-links.ts).
      ...(links.length === 0 ? {} : { links: [...links] }),
    },
  ];
}

/** One entry of `NetworkingConfig.EndpointsConfig`, as far as drydock uses it. */
export interface EndpointSettingsRequest {
  readonly IPAMConfig?: EndpointIpamConfig | null;
  readonly Aliases?: readonly string[] | null;
}

/** dockerd's `verifyNetworkingConfig` at create: addresses must parse; one network only. */
function checkEndpointsConfig(
  config: Readonly<Record<string, unknown>> | undefined,
): Readonly<Record<string, EndpointSettingsRequest>> {
  const entries = Object.entries(config ?? {});
  for (const [, value] of entries) {
    const ipam = (value as EndpointSettingsRequest | null)?.IPAMConfig;
    const v4 = ipam?.IPv4Address ?? "";
    if (v4 !== "" && parseGoIpv4(v4) === undefined)
      throw new DrydockError("InvalidArgument", `invalid IPv4 address: ${v4}`, { data: {} });
  }
  if (entries.length > 1)
    throw new DrydockError(
      "InvalidArgument",
      `Container cannot be connected to network endpoints: ${entries.map(([name]) => name).join(", ")}`,
      { data: {} },
    );
  return Object.fromEntries(
    entries.map(([name, value]) => [name, (value ?? {}) as EndpointSettingsRequest]),
  );
}

function checkNameFree(ctx: DaemonContext, name: string): void {
  const holder = ctx.containers.nameHolder(name);
  if (holder !== undefined)
    throw new ContainerNameError({ kind: "conflict", name, holderId: holder });
}

/** dockerd's `generateNewName`: six tries with the names generator, then the short ID. */
function generateName(ctx: DaemonContext, id: string): string {
  const rng = ctx.rngs.get("container-names");
  for (let retry = 0; retry < 6; retry++) {
    const name = `/${randomContainerName(rng, retry)}`;
    if (ctx.containers.nameHolder(name) === undefined) return name;
  }
  return `/${id.slice(0, 12)}`;
}
