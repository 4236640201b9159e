import { formatIpv4, parseIpv4, prefixMask } from "../net/ipv4-text.ts";
import type { NetInterface } from "../net/network-view.ts";
import { type Applet, done, fail } from "./applet.ts";

/*
 * busybox 1.35 `ifconfig` (recorded in real containers on dockerd 20.10: `ifconfig`,
 * `ifconfig -a`, `ifconfig eth0`, `ifconfig nosuch`). busybox lists interfaces sorted by name.
 * Packet counters are zero: the simulation counts no packets (a real container's vary run to
 * run with DNS and ARP traffic).
 */

/** `ifconfig [-a] [IFACE]`: shows interfaces; configuring one needs CAP_NET_ADMIN. */
export const ifconfig: Applet = async (argv, _ctx, host) => {
  const args = argv.slice(1);
  const all = args[0] === "-a";
  if (all) args.shift();
  const interfaces = [...host.network.interfaces].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const name = args[0];
  if (name === undefined) {
    return done(interfaces.map(describe).join(""));
  }
  const iface = interfaces.find((candidate) => candidate.name === name);
  if (args.length > 1) return fail("ifconfig", "SIOCSIFFLAGS: Operation not permitted");
  if (iface === undefined)
    return fail("ifconfig", `${name}: error fetching interface information: Device not found`);
  return done(describe(iface));
};

function describe(iface: NetInterface): string {
  const pad = " ".repeat(10);
  const encap =
    iface.kind === "loopback"
      ? "Link encap:Local Loopback  "
      : `Link encap:Ethernet  HWaddr ${iface.mac.toUpperCase()}  `;
  let out = `${iface.name.padEnd(9)} ${encap}\n`;
  if (iface.ipv4 !== undefined) {
    const { address, prefixLen } = iface.ipv4;
    const mask = prefixMask(prefixLen);
    const broadcast = formatIpv4(((parseIpv4(address) ?? 0) | ~mask) >>> 0);
    out +=
      iface.kind === "loopback"
        ? `${pad}inet addr:${address}  Mask:${formatIpv4(mask)}\n`
        : `${pad}inet addr:${address}  Bcast:${broadcast}  Mask:${formatIpv4(mask)}\n`;
  }
  const flags =
    iface.kind === "loopback"
      ? "UP LOOPBACK RUNNING"
      : iface.carrier
        ? "UP BROADCAST RUNNING MULTICAST"
        : "UP BROADCAST MULTICAST";
  out += `${pad}${flags}  MTU:${iface.mtu}  Metric:1\n`;
  out += `${pad}RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n`;
  out += `${pad}TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n`;
  out += `${pad}collisions:0 txqueuelen:${iface.qlen ?? 0} \n`;
  out += `${pad}RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n`;
  return out;
}
