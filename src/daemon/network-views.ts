import { formatRfc3339Nano } from "../clock/time-format.ts";
import type { Network } from "../engine/api-types.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { formatIpv4 } from "./ipv4.ts";
import { type NetworkRecord, subnetText } from "./network-store.ts";

/**
 * A network as `docker network inspect` shows it; with `withContainers`, the running containers
 * attached to it (the listing leaves `Containers` empty, as dockerd 20.10 does).
 */
export function networkJson(
  ctx: DaemonContext,
  network: NetworkRecord,
  options: { withContainers: boolean },
): Network {
  const config = ipamConfig(network);
  return {
    Name: network.name,
    Id: network.id,
    Created: formatRfc3339Nano(network.createdUs),
    Scope: "local",
    Driver: network.driver,
    EnableIPv6: false,
    IPAM: { Driver: "default", Options: network.ipamOptions, Config: config },
    Internal: network.internal,
    Attachable: network.attachable,
    Ingress: false,
    ConfigFrom: { Network: "" },
    ConfigOnly: false,
    Containers: options.withContainers ? attached(ctx, network) : {},
    Options: network.options,
    Labels: network.labels,
  };
}

function attached(ctx: DaemonContext, network: NetworkRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const container of [...ctx.containers.list()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const endpoint of container.endpoints) {
      if (endpoint.endpointId === "" || endpoint.networkId !== network.id) continue;
      out[container.id] = {
        Name: container.shortName,
        EndpointID: endpoint.endpointId,
        MacAddress: endpoint.macAddress,
        IPv4Address:
          endpoint.ipAddress === "" ? "" : `${endpoint.ipAddress}/${endpoint.ipPrefixLen}`,
        IPv6Address: "",
      };
    }
  }
  return out;
}

/**
 * The `IPAM.Config` entry: a user subnet as it was asked for (the gateway only when given),
 * an automatic pool with its gateway (none shown for the default bridge).
 */
function ipamConfig(network: NetworkRecord): Network["IPAM"]["Config"] {
  const subnet = subnetText(network);
  if (subnet === undefined) return [];
  const user = network.userIpam;
  if (user !== undefined) {
    return [
      {
        Subnet: subnet,
        ...(user.ipRange === undefined ? {} : { IPRange: user.ipRange.text }),
        ...(user.gatewayText === undefined ? {} : { Gateway: user.gatewayText }),
        ...(user.auxAddresses === undefined ? {} : { AuxiliaryAddresses: user.auxAddresses }),
      },
    ];
  }
  const gateway = network.gateway ?? network.subnet!.base + 1;
  return [
    network.showGateway ? { Subnet: subnet, Gateway: formatIpv4(gateway) } : { Subnet: subnet },
  ];
}
