import type { ContainerCreateRequest, Filters, HostConfig } from "../engine/api-types.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { Container, EndpointRecord } from "./container.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { filterValues } from "./filters.ts";
import { type HostIp, parseHostIp } from "./host-ip.ts";
import type { NetworkRecord } from "./network-store.ts";
import { type PlannedBinding, planPorts, type TransportPort } from "./port-plan.ts";

/** A port published on the host: one line of `docker port`. */
export interface PublishedPort extends TransportPort {
  readonly hostIp: HostIp;
  readonly hostPort: number;
}

/** `NetworkSettings.Ports`: every exposed port, `null` or its bindings. */
export type PortMapJson = Readonly<
  Record<string, readonly { readonly HostIp: string; readonly HostPort: string }[] | null>
>;

/** What the endpoint holding a container's external connectivity publishes. */
export interface ExternalPorts {
  readonly endpoint: EndpointRecord;
  readonly exposed: readonly TransportPort[];
  readonly published: readonly PublishedPort[];
}

/** libnetwork's `maxAllocatePortAttempts`: an ephemeral port whose proxy cannot listen is retried. */
const ALLOCATE_ATTEMPTS = 10;
const HOST_BINDING_IPV4 = "com.docker.network.bridge.host_binding_ipv4";
const IPV4_ANY = parseHostIp("0.0.0.0")!;
const IPV6_ANY = parseHostIp("::")!;

/**
 * A start (or `network connect`) could not publish the container's ports, in libnetwork's words:
 * `driver failed programming external connectivity on endpoint web (<endpoint ID>): Bind for
 * 0.0.0.0:8080 failed: port is already allocated` (500). The sandbox existed by then, so
 * dockerd's clean-up logs a `network disconnect` for the container's networks.
 */
export class ExternalConnectivityError extends DrydockError {
  constructor(container: Container, endpoint: EndpointRecord, cause: DrydockError) {
    super(
      "Internal",
      `driver failed programming external connectivity on endpoint ${container.shortName} (${endpoint.endpointId}): ${cause.message}`,
      { data: { containerId: container.id, ...cause.data }, cause },
    );
    this.name = "ExternalConnectivityError";
  }
}

/**
 * An endpoint has joined (before its `network connect` event): libnetwork gives external
 * connectivity to the sandbox's gateway endpoint — the first, by network name, on a bridge that
 * is not internal — so the ports may move to the new one (published afresh: new ephemeral
 * ports), and fail there. `NetworkSettings.Ports` is then what the gateway endpoint shows
 * (dockerd's `getPortMapInfo(sandbox)` after each connect).
 */
export function endpointJoined(ctx: DaemonContext, container: Container): void {
  moveExternalPorts(ctx, container, { strict: true });
  container.networkPorts = externalPortsJson(container);
}

/**
 * An endpoint has left a running container (`network disconnect`): if it held the ports they go,
 * and the next gateway endpoint publishes them afresh (a failure there is only logged by
 * dockerd). `NetworkSettings.Ports` is what the remaining endpoints show.
 */
export function endpointLeft(
  ctx: DaemonContext,
  container: Container,
  endpoint: EndpointRecord,
): void {
  if (container.externalPorts?.endpoint === endpoint) {
    unpublish(ctx, container.externalPorts.published);
    container.externalPorts = undefined;
    moveExternalPorts(ctx, container, { strict: false });
  }
  container.networkPorts = externalPortsJson(container);
}

/** The container stops (dockerd's `releaseNetwork`): its ports go and `Ports` is empty again. */
export function releaseExternalPorts(ctx: DaemonContext, container: Container): void {
  if (container.externalPorts !== undefined) unpublish(ctx, container.externalPorts.published);
  container.externalPorts = undefined;
  container.networkPorts = undefined;
}

/** `NetworkSettings.Ports` of inspect. */
export function networkPortsJson(container: Container): PortMapJson {
  return container.networkPorts ?? {};
}

/** The `Ports` of a `docker ps` row (`GET /containers/json`), from `NetworkSettings.Ports`. */
export function summaryPorts(
  container: Container,
): { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[] {
  const rows: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[] = [];
  for (const [key, bindings] of Object.entries(container.networkPorts ?? {})) {
    const [port = "0", proto = "tcp"] = key.split("/");
    if (bindings === null || bindings.length === 0) {
      rows.push({ PrivatePort: Number(port), Type: proto });
      continue;
    }
    for (const binding of bindings) {
      rows.push({
        IP: binding.HostIp,
        PrivatePort: Number(port),
        PublicPort: Number(binding.HostPort),
        Type: proto,
      });
    }
  }
  return rows;
}

/**
 * The `publish=` and `expose=` filters of `docker ps` (dockerd's `portOp`): `80`, `80/udp` or
 * `8000-8010[/proto]`, matched against the rows' ports — the host port for `publish`, the
 * container port for `expose` — so only running containers match. Bad values fail as dockerd's
 * (plain errors: 500).
 */
export function portFilters(filters: Filters): (container: Container) => boolean {
  const publish = filterPorts(filters, "publish");
  const expose = filterPorts(filters, "expose");
  return (container) => {
    const rows = publish.length + expose.length === 0 ? [] : summaryPorts(container);
    const has = (wanted: readonly string[], side: "PublicPort" | "PrivatePort") =>
      wanted.length === 0 || rows.some((row) => wanted.includes(`${row[side]}/${row.Type}`));
    return has(publish, "PublicPort") && has(expose, "PrivatePort");
  };
}

function filterPorts(filters: Filters, key: "publish" | "expose"): string[] {
  const out: string[] = [];
  for (const value of filterValues(filters, key)) {
    if (value.includes(":"))
      throw new DrydockError("Internal", `filter for '${key}' should not contain ':': ${value}`, {
        data: { filter: key },
      });
    const parts = value.split("/");
    const [port, proto] =
      value === "" || parts[0] === "" ? ["", ""] : [parts[0]!, parts[1] || "tcp"];
    const fail = (reason: string) =>
      new DrydockError("Internal", `error while looking up for ${key} ${value}: ${reason}`, {
        data: { filter: key },
      });
    if (port === "") throw fail("Empty string specified for ports.");
    const bounds = port.split("-").slice(0, 2);
    const numbers = bounds.map((text) => {
      if (!/^[0-9]+$/.test(text))
        throw fail(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
      if (Number(text) > 65535)
        throw fail(`strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`);
      return Number(text);
    });
    const [start = 0, end = start] = numbers;
    if (end < start) throw fail(`Invalid range specified for the Port: ${port}`);
    for (let number = start; number <= end; number++) out.push(`${number}/${proto}`);
  }
  return out;
}

/**
 * dockerd's checks of a create request's ports: the API decoder's conflicts with
 * `--network container:…` (400), `verifyContainerSettings`' port specifications (400), and its
 * warning that the host network publishes nothing.
 */
export function checkPortSettings(request: ContainerCreateRequest, hostConfig: HostConfig): void {
  if (!String(hostConfig.NetworkMode ?? "").startsWith("container:")) return;
  if (Object.keys(hostConfig.PortBindings ?? {}).length > 0 || hostConfig.PublishAllPorts === true)
    throw conflict("port publishing");
  if (Object.keys(request.ExposedPorts ?? {}).length > 0) throw conflict("port exposing");
}

/** The create warnings about ports (`docker run` prints them as `WARNING: …`). */
export function portWarnings(hostConfig: HostConfig): string[] {
  return hostConfig.NetworkMode === "host" && Object.keys(hostConfig.PortBindings ?? {}).length > 0
    ? ["Published ports are discarded when using host network mode"]
    : [];
}

function conflict(what: string): DrydockError {
  return new DrydockError(
    "InvalidArgument",
    `conflicting options: ${what} and the container type network mode`,
    { data: {} },
  );
}

/** Gives the ports to the gateway endpoint if that changed; on failure the old one keeps them. */
function moveExternalPorts(
  ctx: DaemonContext,
  container: Container,
  options: { strict: boolean },
): void {
  const gateway = gatewayEndpoint(ctx, container);
  const previous = container.externalPorts;
  if (gateway?.endpoint === previous?.endpoint) return;
  if (previous !== undefined) unpublish(ctx, previous.published);
  container.externalPorts = undefined;
  if (gateway === undefined) return;
  try {
    container.externalPorts = publish(ctx, container, gateway);
  } catch (error) {
    if (!(error instanceof DrydockError)) throw error;
    if (previous !== undefined) restore(ctx, container, previous);
    if (options.strict) throw new ExternalConnectivityError(container, gateway.endpoint, error);
  }
}

/** libnetwork's defer: the endpoint that had the ports gets them back. */
function restore(ctx: DaemonContext, container: Container, previous: ExternalPorts): void {
  const network = ctx.networks.find(previous.endpoint.network);
  if (network === undefined) return;
  try {
    container.externalPorts = publish(ctx, container, { endpoint: previous.endpoint, network });
  } catch {
    container.externalPorts = undefined;
  }
}

/** `getGatewayEndpoint` over libnetwork's endpoint order: joined, bridge, not internal, by name. */
function gatewayEndpoint(
  ctx: DaemonContext,
  container: Container,
): { endpoint: EndpointRecord; network: NetworkRecord } | undefined {
  let best: { endpoint: EndpointRecord; network: NetworkRecord } | undefined;
  for (const endpoint of container.endpoints) {
    if (endpoint.endpointId === "") continue;
    const network = ctx.networks.find(endpoint.network);
    if (network === undefined || network.driver !== "bridge" || network.internal) continue;
    if (best === undefined || network.name < best.network.name) best = { endpoint, network };
  }
  return best;
}

/**
 * The bridge driver's `allocatePorts`: each binding on IPv4 (the given address, else the
 * network's `host_binding_ipv4`, 0.0.0.0) and on IPv6 (the given address, else `::` when the
 * default is 0.0.0.0 — the simulated host listens on IPv6); all or nothing.
 */
function publish(
  ctx: DaemonContext,
  container: Container,
  gateway: { endpoint: EndpointRecord; network: NetworkRecord },
): ExternalPorts {
  const plan = planPorts(container.config.exposedPorts, container.hostConfig);
  const defaultIp = parseHostIp(gateway.network.options[HOST_BINDING_IPV4] ?? "") ?? IPV4_ANY;
  const published: PublishedPort[] = [];
  try {
    for (const binding of plan.bindings) {
      const v4 = binding.hostIp ?? (defaultIp.family === 4 ? defaultIp : undefined);
      if (v4?.family === 4) published.push(mapPort(ctx, binding, v4));
      const v6 =
        binding.hostIp ??
        (defaultIp.family === 6 ? defaultIp : defaultIp.text === "0.0.0.0" ? IPV6_ANY : undefined);
      if (v6?.family === 6) published.push(mapPort(ctx, binding, v6));
    }
  } catch (error) {
    unpublish(ctx, published);
    throw error;
  }
  return { endpoint: gateway.endpoint, exposed: plan.exposed, published };
}

/** The port mapper: a host port from the allocator, then a proxy listening on it. */
function mapPort(ctx: DaemonContext, binding: PlannedBinding, hostIp: HostIp): PublishedPort {
  const attempts = binding.hostPortStart === 0 ? ALLOCATE_ATTEMPTS : 1;
  let failure: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const { proto } = binding;
    try {
      const hostPort = ctx.hostPorts.request(
        hostIp,
        proto,
        binding.hostPortStart,
        binding.hostPortEnd,
      );
      try {
        ctx.hostPorts.listen(hostIp, proto, hostPort);
      } catch (error) {
        ctx.hostPorts.release(hostIp, proto, hostPort);
        throw error;
      }
      return { port: binding.port, proto, hostIp, hostPort };
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

function unpublish(ctx: DaemonContext, published: readonly PublishedPort[]): void {
  for (const port of published) {
    ctx.hostPorts.close(port.hostIp, port.proto, port.hostPort);
    ctx.hostPorts.release(port.hostIp, port.proto, port.hostPort);
  }
}

/** dockerd's `getEndpointPortMapInfo`: exposed ports first (null), then each binding; keys sorted. */
function portMapJson(ports: ExternalPorts): PortMapJson {
  const map = new Map<string, { HostIp: string; HostPort: string }[] | null>();
  for (const port of ports.exposed) map.set(`${port.port}/${port.proto}`, null);
  for (const port of ports.published) {
    const key = `${port.port}/${port.proto}`;
    const bindings = map.get(key) ?? [];
    bindings.push({ HostIp: port.hostIp.text, HostPort: String(port.hostPort) });
    map.set(key, bindings);
  }
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function externalPortsJson(container: Container): PortMapJson | undefined {
  return container.externalPorts === undefined ? undefined : portMapJson(container.externalPorts);
}
