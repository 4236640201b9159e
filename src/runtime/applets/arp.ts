import { reverseLookup } from "../net/name-lookup.ts";
import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";

/*
 * busybox 1.35 `arp` shows the namespace's neighbour cache, which traffic fills: in a fresh
 * container it is empty. Recorded after pings in a real container on dockerd 20.10:
 * `? (172.18.0.1) at 02:42:90:2a:97:c3 [ether]  on eth0`. Without `-n` busybox looks the
 * address up (`/etc/hosts`, then DNS); `?` when nothing answers.
 */

/** `arp [-vn] [-i IF] [-a [HOST]]`; `-d`/`-s` need CAP_NET_ADMIN. */
export const arp: Applet = async (argv, _ctx, host) => {
  const parsed = bbGetopt("arp", argv.slice(1), {
    flags: "vnadsDi:H:A:p:".replace(/:/g, ""),
    withValue: "iHAp",
  });
  if (isUsageFailure(parsed)) return parsed;
  if (parsed.flags.has("d") || parsed.flags.has("s"))
    return done("", "arp: SIOCSARP: Operation not permitted\n", 1);
  const device = parsed.flags.get("i")?.at(-1);
  const numeric = parsed.flags.has("n");
  const out = host.network
    .neighbours()
    .filter((entry) => device === undefined || entry.dev === device)
    .map((entry) => {
      const name = numeric ? "?" : (reverseLookup(host, entry.address) ?? "?");
      return `${name} (${entry.address}) at ${entry.mac} [ether]  on ${entry.dev}\n`;
    })
    .join("");
  return done(out);
};
