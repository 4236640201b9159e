import { formatIpv4, inSubnet, parseIpv4, prefixMask } from "./ipv4-text.ts";
import type { NetworkView } from "./network-view.ts";

/** One IPv4 route of the main table, as the kernel derives it from addresses and the gateway. */
export interface Route {
  /** Network address (`0.0.0.0` for the default route). */
  readonly destination: string;
  readonly prefixLen: number;
  readonly gateway?: string;
  readonly dev: string;
  /** The preferred source of a link route (`src 172.18.0.2`). */
  readonly source?: string;
}

/**
 * The main routing table: the default route first (as `ip route` lists it), then one link route
 * per addressed interface other than `lo` (whose routes live in the local table).
 */
export function routesOf(view: NetworkView): Route[] {
  const routes: Route[] = [];
  if (view.gateway !== undefined) {
    routes.push({
      destination: "0.0.0.0",
      prefixLen: 0,
      gateway: view.gateway.address,
      dev: view.gateway.dev,
    });
  }
  const links = view.interfaces
    .filter((iface) => iface.kind !== "loopback" && iface.ipv4 !== undefined)
    .map((iface) => {
      const address = parseIpv4(iface.ipv4!.address) ?? 0;
      const network = (address & prefixMask(iface.ipv4!.prefixLen)) >>> 0;
      return {
        destination: formatIpv4(network),
        prefixLen: iface.ipv4!.prefixLen,
        dev: iface.name,
        source: iface.ipv4!.address,
      };
    })
    .sort((a, b) => (parseIpv4(a.destination) ?? 0) - (parseIpv4(b.destination) ?? 0));
  return [...routes, ...links];
}

/**
 * The route a packet to `address` takes: loopback and own addresses stay local; otherwise the
 * longest matching prefix. Undefined means `Network is unreachable`.
 */
export function routeTo(view: NetworkView, address: number): Route | "local" | undefined {
  if (address >>> 24 === 127) return "local";
  const own = view.interfaces.some((iface) => parseIpv4(iface.ipv4?.address ?? "") === address);
  if (own) return "local";
  let best: Route | undefined;
  for (const route of routesOf(view)) {
    const network = parseIpv4(route.destination) ?? 0;
    if (!inSubnet(address, network, route.prefixLen)) continue;
    if (best === undefined || route.prefixLen > best.prefixLen) best = route;
  }
  return best;
}
