import type { NetSocket } from "../net/network-view.ts";
import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { routeTable } from "./route-table.ts";

/*
 * busybox 1.35 `netstat` (recorded in real containers on dockerd 20.10: `netstat -tuln`,
 * `netstat -a`, `netstat -rn`, `netstat -p`, which this build rejects). The simulation models
 * no connections: the only sockets are the ones the daemon reports listening in the namespace
 * (dockerd's embedded DNS on 127.0.0.11 on user-defined networks); no UNIX sockets.
 */

/** `netstat [-ral] [-tuwx] [-en]`. */
export const netstat: Applet = async (argv, _ctx, host) => {
  const parsed = bbGetopt("netstat", argv.slice(1), { flags: "raltuwxen" });
  if (isUsageFailure(parsed)) return parsed;
  const has = (flag: string) => parsed.flags.has(flag);
  if (has("r")) return done(routeTable(host.network, { numeric: has("n"), style: "netstat" }));
  const scope = has("a") ? "servers and established" : has("l") ? "only servers" : "w/o servers";
  const anyType = !has("t") && !has("u") && !has("w") && !has("x");
  let out = "";
  if (anyType || has("t") || has("u") || has("w")) {
    out += `Active Internet connections (${scope})\n`;
    out += "Proto Recv-Q Send-Q Local Address           Foreign Address         State       \n";
    const listening = has("a") || has("l");
    for (const socket of host.network.listeners) {
      if (!listening || !(anyType || has(socket.proto[0]!))) continue;
      out += socketLine(socket);
    }
  }
  if (anyType || has("x")) {
    out += `Active UNIX domain sockets (${scope})\n`;
    out += "Proto RefCnt Flags       Type       State         I-Node Path\n";
  }
  return done(out);
};

function socketLine(socket: NetSocket): string {
  const local = `${socket.address}:${socket.port}`;
  const state = socket.proto === "tcp" ? "LISTEN" : "";
  return `${socket.proto.padEnd(4)}  ${"0".padStart(6)} ${"0".padStart(6)} ${local.padEnd(23)} ${"0.0.0.0:*".padEnd(23)} ${state.padEnd(12)}\n`;
}
