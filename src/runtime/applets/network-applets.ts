import type { Applet } from "./applet.ts";

/** busybox's network tools (ip, ifconfig, route, netstat, nslookup, ping, wget, nc, …), as drydock implements them. */
export const NETWORK_APPLETS: Readonly<Record<string, Applet>> = {};
