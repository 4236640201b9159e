import { utf8Bytes } from "../archive/byte-strings.ts";
import { formatRfc3339Nano } from "../clock/time-format.ts";
import { digestHex } from "../digest/digest.ts";
import { sha256Hex } from "../digest/sha256.ts";
import type { ContainerInspect, ContainerSummary, MountPoint } from "../engine/api-types.ts";
import { treeSizeBytes } from "../fs/tree-size.ts";
import { chainIds } from "../image/chain-id.ts";
import { toApiConfig } from "./api-container-config.ts";
import type { Container, EndpointRecord } from "./container.ts";
import { linksJson } from "./container-links.ts";
import { networkPortsJson, summaryPorts } from "./container-ports.ts";
import { stateJson, stateStatus, statusText } from "./container-state.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { DOCKER_ROOT_DIR } from "./volume-store.ts";

/** `docker inspect <container>`: the shape of `examples/container-inspect.response.json`. */
export function inspectContainer(
  ctx: DaemonContext,
  container: Container,
  options: { size?: boolean } = {},
): ContainerInspect {
  const dir = `${DOCKER_ROOT_DIR}/containers/${container.id}`;
  const sizes = options.size === true ? containerSizes(ctx, container) : undefined;
  return {
    Id: container.id,
    Created: formatRfc3339Nano(container.createdUs),
    Path: container.path,
    Args: container.args,
    State: stateJson(container.state),
    Image: container.imageId,
    ResolvConfPath: `${dir}/resolv.conf`,
    HostnamePath: `${dir}/hostname`,
    HostsPath: `${dir}/hosts`,
    LogPath: `${dir}/${container.id}-json.log`,
    Name: container.name,
    RestartCount: container.restartCount,
    Driver: "overlay2",
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: "",
    ExecIDs: container.execIds.length === 0 ? null : [...container.execIds],
    HostConfig:
      container.hostConfig.Links === null || container.hostConfig.Links === undefined
        ? container.hostConfig
        : { ...container.hostConfig, Links: linksJson(container) },
    GraphDriver: { Data: graphDriverData(container), Name: "overlay2" },
    ...(sizes === undefined ? {} : { SizeRw: sizes.rw, SizeRootFs: sizes.rootFs }),
    Mounts: container.mounts.map((mount) => mountJson(mount, { listing: false })),
    Config: toApiConfig(container.config),
    NetworkSettings: networkSettings(container),
  };
}

/** One row of `docker ps` (`GET /containers/json`). */
export function summarizeContainer(
  ctx: DaemonContext,
  container: Container,
  options: { size?: boolean } = {},
): ContainerSummary {
  const sizes = options.size === true ? containerSizes(ctx, container) : undefined;
  return {
    Id: container.id,
    Names: [container.name],
    Image: listedImage(ctx, container),
    ImageID: container.imageId,
    Command: commandText([container.path, ...container.args]),
    Created: Math.floor(container.createdUs / 1_000_000),
    Ports: summaryPorts(container),
    ...(sizes === undefined ? {} : { SizeRw: sizes.rw, SizeRootFs: sizes.rootFs }),
    Labels: container.config.labels ?? {},
    State: stateStatus(container.state),
    Status: statusText(container.state, ctx.clock.nowUs()),
    HostConfig: { NetworkMode: String(container.hostConfig.NetworkMode ?? "default") },
    NetworkSettings: { Networks: networksJson(container.endpoints) },
    Mounts: container.mounts.map((mount) => mountJson(mount, { listing: true })),
  };
}

/** `docker ps`'s `COMMAND`: the path, then the arguments, those with a space single-quoted. */
export function commandText(argv: readonly string[]): string {
  return argv.map((arg, index) => (index > 0 && arg.includes(" ") ? `'${arg}'` : arg)).join(" ");
}

/** The image as created, unless that name now means another image (or none): then its ID. */
function listedImage(ctx: DaemonContext, container: Container): string {
  const name = container.config.image;
  if (name === container.imageId) return name;
  try {
    return ctx.images.resolve(name).id === container.imageId ? name : container.imageId;
  } catch {
    return container.imageId;
  }
}

/** The writable layer's size and the whole root filesystem's (`--size`). */
export function containerSizes(
  ctx: DaemonContext,
  container: Container,
): { rw: number; rootFs: number } {
  const rw = treeSizeBytes(container.rootfs.upper);
  const image = container.layerDiffIds.reduce((sum, diffId) => sum + ctx.layers.sizeOf(diffId), 0);
  return { rw, rootFs: rw + image };
}

function mountJson(mount: Container["mounts"][number], options: { listing: boolean }): MountPoint {
  if (mount.type === "bind") {
    return {
      Type: "bind",
      Source: mount.source,
      Destination: mount.destination,
      Mode: mount.mode,
      RW: mount.rw,
      Propagation: mount.propagation,
    };
  }
  return {
    Type: "volume",
    Name: mount.name,
    Source: options.listing ? "" : mount.source,
    Destination: mount.destination,
    Driver: "local",
    Mode: mount.mode,
    RW: mount.rw,
    Propagation: mount.propagation,
  };
}

function networkSettings(container: Container): Record<string, unknown> {
  const bridge = container.endpoints.find((endpoint) => endpoint.network === "bridge");
  const sandbox = container.sandboxId;
  return {
    Bridge: "",
    SandboxID: sandbox,
    HairpinMode: false,
    LinkLocalIPv6Address: "",
    LinkLocalIPv6PrefixLen: 0,
    Ports: networkPortsJson(container),
    SandboxKey: sandbox === "" ? "" : `/var/run/docker/netns/${sandbox.slice(0, 12)}`,
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: bridge?.endpointId ?? "",
    Gateway: bridge?.gateway ?? "",
    GlobalIPv6Address: "",
    GlobalIPv6PrefixLen: 0,
    IPAddress: bridge?.ipAddress ?? "",
    IPPrefixLen: bridge?.ipPrefixLen ?? 0,
    IPv6Gateway: "",
    MacAddress: bridge?.macAddress ?? "",
    Networks: networksJson(container.endpoints),
  };
}

function networksJson(endpoints: readonly EndpointRecord[]): Record<string, unknown> {
  return Object.fromEntries(
    [...endpoints]
      .sort((a, b) => (a.network < b.network ? -1 : a.network > b.network ? 1 : 0))
      .map((endpoint) => [
        endpoint.network,
        {
          IPAMConfig: endpoint.ipamConfig ?? null,
          Links: endpoint.links ?? null,
          Aliases: endpoint.aliases ?? null,
          NetworkID: endpoint.networkId,
          EndpointID: endpoint.endpointId,
          Gateway: endpoint.gateway,
          IPAddress: endpoint.ipAddress,
          IPPrefixLen: endpoint.ipPrefixLen,
          IPv6Gateway: "",
          GlobalIPv6Address: "",
          GlobalIPv6PrefixLen: 0,
          MacAddress: endpoint.macAddress,
          DriverOpts: endpoint.driverOpts ?? null,
        },
      ]),
  );
}

/** overlay2's directories, named by stable per-layer cache IDs (dockerd draws random ones). */
function graphDriverData(container: Container): Record<string, string> {
  const rw = cacheId(`container:${container.id}`);
  const root = `${DOCKER_ROOT_DIR}/overlay2`;
  const lowers = [
    `${root}/${rw}-init/diff`,
    ...[...chainIds(container.layerDiffIds)]
      .reverse()
      .map((chain) => `${root}/${cacheId(digestHex(chain))}/diff`),
  ];
  return {
    LowerDir: lowers.join(":"),
    MergedDir: `${root}/${rw}/merged`,
    UpperDir: `${root}/${rw}/diff`,
    WorkDir: `${root}/${rw}/work`,
  };
}

/** A stable stand-in for overlay2's random cache ID of a layer. */
export function cacheId(key: string): string {
  return sha256Hex(utf8Bytes(`drydock-overlay2:${key}`));
}
