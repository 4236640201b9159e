import { formatIpv4, prefixMask } from "../net/ipv4-text.ts";
import type { NetworkView } from "../net/network-view.ts";
import { routesOf } from "../net/routes.ts";
import { type Applet, done, fail } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";

/*
 * `route` and `netstat -r` print the same table with different trailing columns. Recorded in
 * real containers on dockerd 20.10: `docker run --rm --network net1 busybox route`, `route -n`,
 * `netstat -r`, `netstat -rn`.
 */

const HEAD = "Kernel IP routing table\nDestination     Gateway         Genmask         ";

/** The main routing table, as `route` (`style: "route"`) or `netstat -r` prints it. */
export function routeTable(
  view: NetworkView,
  options: { numeric: boolean; style: "route" | "netstat" },
): string {
  let out =
    HEAD +
    (options.style === "route"
      ? "Flags Metric Ref    Use Iface\n"
      : "Flags   MSS Window  irtt Iface\n");
  for (const route of routesOf(view)) {
    const isDefault = route.prefixLen === 0;
    const destination = isDefault && !options.numeric ? "default" : route.destination;
    const gateway = route.gateway ?? (options.numeric ? "0.0.0.0" : "*");
    const mask = formatIpv4(prefixMask(route.prefixLen));
    const flags = route.gateway === undefined ? "U" : "UG";
    const head = `${destination.padEnd(15)} ${gateway.padEnd(15)} ${mask.padEnd(16)}${flags.padEnd(6)}`;
    out +=
      options.style === "route"
        ? `${head}${"0".padEnd(6)} ${"0".padEnd(2)} ${"0".padStart(7)} ${route.dev}\n`
        : `${head}${"0".padStart(5)} ${"0".padEnd(6)}${"0".padStart(6)} ${route.dev}\n`;
  }
  return out;
}

/** `route [-n] [-e]`: shows the table; adding or deleting routes needs CAP_NET_ADMIN. */
export const route: Applet = async (argv, _ctx, host) => {
  const parsed = bbGetopt("route", argv.slice(1), { flags: "neA", withValue: "A" });
  if (isUsageFailure(parsed)) return parsed;
  if (parsed.operands.length > 0) return fail("route", "SIOCADDRT: Operation not permitted");
  return done(routeTable(host.network, { numeric: parsed.flags.has("n"), style: "route" }));
};
