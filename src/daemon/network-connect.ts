import type {
  EndpointIpamConfig,
  NetworkConnectRequest,
  NetworkDisconnectRequest,
} from "../engine/engine.ts";
import type { Container, EndpointRecord } from "./container.ts";
import { addHostsEntry, deleteHostsEntries } from "./container-hosts.ts";
import {
  checkEndpointConfig,
  isUserDefinedNetwork,
  joinEndpoint,
  leaveEndpoint,
  unjoinedEndpoint,
} from "./container-network.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { NetworkConnectError } from "./network-connect-error.ts";
import type { NetworkRecord } from "./network-store.ts";

/**
 * `docker network connect` as dockerd 20.10's `ConnectToNetwork`: the network is looked up
 * first, then the container. A stopped container only records the endpoint (no event; a second
 * connect is a no-op); a running one joins at once: an address, its `/etc/hosts` line, a
 * `network connect` event. User networks get the short ID as an alias.
 */
export function connectNetwork(
  ctx: DaemonContext,
  networkName: string,
  request: NetworkConnectRequest,
): void {
  const network = ctx.networks.get(networkName);
  const container = containerOf(ctx, request.Container);
  if (container.state.removalInProgress || container.state.dead)
    throw NetworkConnectError.markedForRemoval(container.id);
  if (String(container.hostConfig.NetworkMode ?? "").startsWith("container:"))
    throw NetworkConnectError.sharedNetwork();
  const endpoint = plannedEndpoint(container, network, request);
  const duplicate = checkJoinable(ctx, container, network);
  if (!container.state.running) {
    if (!duplicate) container.endpoints.push(endpoint);
    return;
  }
  if (duplicate) throw NetworkConnectError.endpointExists(container.shortName, network.name);
  container.endpoints.push(endpoint);
  try {
    joinEndpoint(ctx, { container, endpoint, network });
  } catch (error) {
    // No address to be had: the container stays off the network (dockerd 20.10 lists it in
    // NetworkSettings anyway, a leak drydock does not copy).
    container.endpoints.pop();
    if (endpoint.endpointId !== "") leaveEndpoint(ctx, { container, endpoint, quiet: true });
    throw error;
  }
  addHostsEntry(ctx, container, endpoint.ipAddress);
}

/**
 * `docker network disconnect` as dockerd 20.10's `DisconnectContainerFromNetwork`. A running
 * container leaves the network (its own `/etc/hosts` lines go, see `deleteHostsEntries`) with
 * two `disconnect` events, as dockerd logs them; a stopped one forgets the endpoint (one event).
 * `force` also removes an endpoint whose container is gone, or one on a network that is gone.
 */
export function disconnectNetwork(
  ctx: DaemonContext,
  networkName: string,
  request: NetworkDisconnectRequest,
): void {
  const force = request.Force === true;
  const container = request.Container === "" ? undefined : ctx.containers.find(request.Container);
  if (container === undefined) {
    if (!force) containerOf(ctx, request.Container);
    // No container: only a stale endpoint by that name could go, and drydock keeps none.
    ctx.networks.get(networkName);
    throw NetworkConnectError.endpointNotFound(request.Container);
  }
  const network = force ? ctx.networks.find(networkName) : ctx.networks.get(networkName);
  if (!container.state.running || network === undefined) {
    const index = container.endpoints.findIndex(
      (endpoint) => endpoint.network === networkName || endpoint.network === network?.name,
    );
    if (index < 0)
      throw NetworkConnectError.notConnected(container.id, networkName, { running: false });
    const [endpoint] = container.endpoints.splice(index, 1);
    if (endpoint!.endpointId !== "")
      leaveEndpoint(ctx, { container, endpoint: endpoint!, quiet: true });
    if (network !== undefined) logDisconnect(ctx, container, network);
    return;
  }
  if (container.hostConfig.NetworkMode === "host" && network.driver === "host")
    throw NetworkConnectError.hostNetwork();
  const index = container.endpoints.findIndex(
    (endpoint) => endpoint.endpointId !== "" && endpoint.networkId === network.id,
  );
  if (index < 0)
    throw NetworkConnectError.notConnected(container.id, network.name, { running: true });
  const [endpoint] = container.endpoints.splice(index, 1);
  leaveEndpoint(ctx, { container, endpoint: endpoint!, quiet: true });
  deleteHostsEntries(ctx, container);
  // dockerd logs the event twice: once leaving the cluster network, once for the request.
  logDisconnect(ctx, container, network);
  logDisconnect(ctx, container, network);
}

function containerOf(ctx: DaemonContext, name: string): Container {
  if (name === "") throw NetworkConnectError.emptyContainerName();
  return ctx.containers.get(name);
}

/** The endpoint the request describes, checked as dockerd's `updateNetworkConfig` does. */
function plannedEndpoint(
  container: Container,
  network: NetworkRecord,
  request: NetworkConnectRequest,
): EndpointRecord {
  const config = request.EndpointConfig ?? {};
  const ipam = ipamConfigOf(config.IPAMConfig);
  const aliases = [...(config.Aliases ?? [])];
  checkEndpointConfig(network, { ipamConfig: ipam, aliases });
  if (isUserDefinedNetwork(network.name)) {
    const shortId = container.id.slice(0, 12);
    if (!aliases.includes(shortId)) aliases.push(shortId);
  }
  return {
    ...unjoinedEndpoint(network.name),
    aliases,
    ipamConfig: ipam,
    driverOpts: config.DriverOpts ?? null,
  };
}

/** The request's IPAM config with its empty fields left out (Go's `omitempty`). */
export function ipamConfigOf(
  config: EndpointIpamConfig | null | undefined,
): EndpointIpamConfig | null {
  if (config === null || config === undefined) return null;
  return {
    ...((config.IPv4Address ?? "") === "" ? {} : { IPv4Address: config.IPv4Address }),
    ...((config.IPv6Address ?? "") === "" ? {} : { IPv6Address: config.IPv6Address }),
    ...((config.LinkLocalIPs ?? []).length === 0 ? {} : { LinkLocalIPs: config.LinkLocalIPs }),
  };
}

/**
 * dockerd's `updateNetworkSettings` checks: true when the container already has the network;
 * host and none networks exclude every other.
 */
function checkJoinable(ctx: DaemonContext, container: Container, network: NetworkRecord): boolean {
  if (container.hostConfig.NetworkMode !== "host" && network.driver === "host")
    throw NetworkConnectError.hostNetwork();
  for (const endpoint of container.endpoints) {
    const joined = ctx.networks.find(endpoint.network);
    if (joined === undefined) continue;
    if (joined.id === network.id) return true;
    if (joined.driver === "host" || network.driver === "host")
      throw NetworkConnectError.sharedNetwork();
    if (joined.name === "none" || network.name === "none") throw NetworkConnectError.noneNetwork();
  }
  return false;
}

function logDisconnect(ctx: DaemonContext, container: Container, network: NetworkRecord): void {
  ctx.events.log({
    type: "network",
    action: "disconnect",
    actorId: network.id,
    attributes: { container: container.id, name: network.name, type: network.driver },
  });
}
