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
  const subnet = subnetText(network);
  const config =
    subnet === undefined
      ? []
      : [
          network.showGateway
            ? { Subnet: subnet, Gateway: formatIpv4(network.subnet!.base + 1) }
            : { Subnet: subnet },
        ];
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
