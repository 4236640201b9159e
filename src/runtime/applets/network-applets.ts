import type { Applet } from "./applet.ts";
import { arp } from "./arp.ts";
import { ifconfig } from "./ifconfig.ts";
import { ip } from "./ip-applet.ts";
import { ipcalc } from "./ipcalc.ts";
import { netstat } from "./netstat.ts";
import { nslookup } from "./nslookup.ts";
import { ping } from "./ping.ts";
import { route } from "./route-table.ts";
import { nc, telnet, wget } from "./tcp-clients.ts";

/** busybox's network tools (ip, ifconfig, route, netstat, nslookup, ping, wget, nc, …), as drydock implements them. */
export const NETWORK_APPLETS: Readonly<Record<string, Applet>> = {
  arp,
  ifconfig,
  ip,
  ipcalc,
  nc,
  netstat,
  nslookup,
  ping,
  ping6: ping,
  route,
  telnet,
  wget,
};
