import type { Container, EndpointRecord } from "./container.ts";
import { endpointJoined, endpointLeft, releaseExternalPorts } from "./container-ports.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { randomId } from "./daemon-rngs.ts";
import { formatIpv4, macForIpv4 } from "./ipv4.ts";
import { NetworkConnectError } from "./network-connect-error.ts";
import type { NetworkRecord } from "./network-store.ts";

/** An endpoint on `network` that has not joined it yet: no ID, address or MAC until a start. */
export function unjoinedEndpoint(network: string): EndpointRecord {
  return {
    network,
    networkId: "",
    endpointId: "",
    ipAddress: "",
    ipPrefixLen: 0,
    gateway: "",
    macAddress: "",
  };
}

/** The networks a container's endpoints name; `network x not found` if one is gone. */
export function resolveNetworks(ctx: DaemonContext, container: Container): NetworkRecord[] {
  return container.endpoints.map((endpoint) => ctx.networks.get(endpoint.network));
}

/**
 * Joins the container to its networks as it starts: an address from each bridge network's
 * subnet (Docker's IPAM), an endpoint ID, the MAC derived from the address, and a `network
 * connect` event per network.
 */
export function connectEndpoints(
  ctx: DaemonContext,
  container: Container,
  networks: readonly NetworkRecord[],
): void {
  container.sandboxId = randomId(ctx.rngs.get("endpoint-ids"));
  container.endpoints.forEach((endpoint, index) => {
    joinEndpoint(ctx, { container, endpoint, network: networks[index]! });
  });
}

/** Whether dockerd counts a network as user-defined (by name: not bridge, host, none). */
export function isUserDefinedNetwork(name: string): boolean {
  return !["default", "bridge", "host", "none"].includes(name) && !name.startsWith("container:");
}

/**
 * dockerd's `validateNetworkingConfig`, at connect and at every start: an address of one's own
 * only on a user network with a user subnet, aliases only on user networks.
 */
export function checkEndpointConfig(
  network: NetworkRecord,
  endpoint: Pick<EndpointRecord, "ipamConfig" | "aliases">,
): void {
  const ipam = endpoint.ipamConfig;
  const requestsAddress =
    ipam !== null &&
    ipam !== undefined &&
    ((ipam.IPv4Address ?? "") !== "" || (ipam.IPv6Address ?? "") !== "");
  if (!isUserDefinedNetwork(network.name)) {
    if (requestsAddress) throw NetworkConnectError.ipOnPredefined();
    if ((endpoint.aliases ?? []).length > 0) throw NetworkConnectError.aliasOnPredefined();
    return;
  }
  if (requestsAddress && network.userIpam === undefined)
    throw NetworkConnectError.ipWithoutSubnet();
}

/**
 * Joins one endpoint: its ID, an address on bridge networks, the short ID as an alias on user
 * networks (dockerd's `updateNetworkConfig`), and a `network connect` event.
 */
export function joinEndpoint(
  ctx: DaemonContext,
  join: { container: Container; endpoint: EndpointRecord; network: NetworkRecord },
): void {
  const { container, endpoint, network } = join;
  checkEndpointConfig(network, endpoint);
  endpoint.networkId = network.id;
  endpoint.endpointId = randomId(ctx.rngs.get("endpoint-ids"));
  if (network.driver === "bridge") {
    const requested = endpoint.ipamConfig?.IPv4Address;
    const { address, gateway, prefix } = ctx.networks.allocate(
      network,
      requested === "" ? undefined : requested,
    );
    endpoint.ipAddress = formatIpv4(address);
    endpoint.gateway = formatIpv4(gateway);
    endpoint.ipPrefixLen = prefix;
    endpoint.macAddress = macForIpv4(address);
  }
  const shortId = container.id.slice(0, 12);
  if (isUserDefinedNetwork(endpoint.network) && !(endpoint.aliases ?? []).includes(shortId))
    endpoint.aliases = [...(endpoint.aliases ?? []), shortId];
  // The ports are published before the event: when they cannot be, dockerd logs no `connect`.
  endpointJoined(ctx, container);
  ctx.events.log({
    type: "network",
    action: "connect",
    actorId: network.id,
    attributes: { container: container.id, name: network.name, type: network.driver },
  });
}

/**
 * Leaves the networks as the container stops: published ports and addresses go back, `network
 * disconnect` events.
 */
export function disconnectEndpoints(
  ctx: DaemonContext,
  container: Container,
  options: { quiet?: boolean } = {},
): void {
  releaseExternalPorts(ctx, container);
  for (const endpoint of container.endpoints) {
    if (endpoint.endpointId !== "") leaveEndpoint(ctx, { container, endpoint, ...options });
  }
}

/** Leaves one network: the address goes back, and (unless `quiet`) a `network disconnect` event. */
export function leaveEndpoint(
  ctx: DaemonContext,
  leave: { container: Container; endpoint: EndpointRecord; quiet?: boolean },
): void {
  const { container, endpoint } = leave;
  const network = ctx.networks.find(endpoint.network);
  if (network !== undefined && endpoint.ipAddress !== "") {
    const address = endpoint.ipAddress
      .split(".")
      .reduce((sum, octet) => sum * 256 + Number(octet), 0);
    ctx.networks.release(network, address);
  }
  endpoint.endpointId = "";
  endpoint.ipAddress = "";
  endpoint.gateway = "";
  endpoint.ipPrefixLen = 0;
  endpoint.macAddress = "";
  endpointLeft(ctx, container, endpoint);
  if (network !== undefined && leave.quiet !== true) {
    ctx.events.log({
      type: "network",
      action: "disconnect",
      actorId: network.id,
      attributes: { container: container.id, name: network.name, type: network.driver },
    });
  }
}
