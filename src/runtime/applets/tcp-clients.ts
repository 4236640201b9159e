import type { ExecResult } from "just-bash";
import { parseIpv4 } from "../net/ipv4-text.ts";
import { resolveHost } from "../net/name-lookup.ts";
import { routeTo } from "../net/routes.ts";
import type { ProcessHost } from "../process-host.ts";
import { type Applet, done, fail } from "./applet.ts";
import { bbGetopt, isUsageFailure, lastValue } from "./bb-getopt.ts";
import { showUsage } from "./bb-usage.ts";

/*
 * busybox 1.35 `wget`, `nc` and `telnet` as far as the simulation can take them. There is no
 * TCP between simulated containers and nothing listens, so every connection attempt ends the way
 * a real one to a port without a listener does. Messages recorded in real containers on dockerd
 * 20.10 and with /bin/busybox on the build machine (`wget -O- http://172.30.0.3:80/`,
 * `wget http://web/` on the default bridge, `nc 172.30.0.3 80`, `telnet 172.30.0.3 80`,
 * `--network none … wget http://172.30.0.3/`).
 */

/** The kernel gives up a connect whose SYNs go unanswered after 127 s (tcp_syn_retries=6). */
const SYN_TIMEOUT_US = 127_000_000;
/** A connect to an on-link address nobody owns fails once ARP gives up (3 probes, 1 s apart). */
const ARP_TIMEOUT_US = 3_000_000;

/** What a TCP connect from this namespace gets: always a failure, as nothing listens. */
async function connectError(
  host: ProcessHost,
  address: string,
  signal: AbortSignal | undefined,
): Promise<string> {
  const route = routeTo(host.network, parseIpv4(address)!);
  if (route === undefined) return "Network is unreachable";
  if (host.network.peer(address) !== undefined) return "Connection refused";
  if (route !== "local" && route.gateway === undefined) {
    await host.sleep(ARP_TIMEOUT_US, signal);
    return "No route to host";
  }
  await host.sleep(SYN_TIMEOUT_US, signal);
  return "Connection timed out";
}

/** `wget [-q] [-O FILE] URL`: resolves and connects, then fails as the connect does. */
export const wget: Applet = async (argv, ctx, host) => {
  const parsed = bbGetopt("wget", argv.slice(1), {
    flags: "cqSO:o:P:U:Y:T:t:",
    withValue: "OoPUYTt",
    long: ["spider", "no-check-certificate", "quiet"],
  });
  if (isUsageFailure(parsed)) return parsed;
  if (parsed.operands.length === 0) return showUsage("wget");
  const url = parsed.operands[0]!;
  const match = /^(?:(https?|ftp):\/\/)?([^/:?#]*)(?::([^/?#]*))?/i.exec(url)!;
  const hostName = match[2]!;
  const scheme = (match[1] ?? "http").toLowerCase();
  const portText = match[3];
  const port =
    portText === undefined
      ? scheme === "https"
        ? 443
        : scheme === "ftp"
          ? 21
          : 80
      : Number(portText);
  if (portText !== undefined && (!/^\d+$/.test(portText) || port > 65535))
    return fail("wget", `bad port '${portText}'`);
  const address = resolveHost(host, hostName)?.[0];
  if (address === undefined) return fail("wget", `bad address '${hostName}'`);
  const quiet = parsed.flags.has("q") || parsed.flags.has("quiet");
  const shown = portText === undefined ? hostName : `${hostName}:${portText}`;
  const connecting = quiet ? "" : `Connecting to ${shown} (${address}:${port})\n`;
  const reason = await connectError(host, address, ctx.signal);
  return done("", `${connecting}wget: can't connect to remote host (${address}): ${reason}\n`, 1);
};

/** `nc HOST PORT`: connects and fails; listening (`-l`) and `-e` are not simulated. */
export const nc: Applet = async (argv, ctx, host) => {
  const parsed = bbGetopt("nc", argv.slice(1), { flags: "li:w:p:f:e:", withValue: "iwpfe" });
  if (isUsageFailure(parsed)) return parsed;
  if (parsed.flags.has("l") || parsed.flags.has("f") || lastValue(parsed, "e") !== undefined)
    return fail("nc", "listening, -f and -e are not implemented in drydock", 127);
  return connectClient("nc", parsed.operands, { host, signal: ctx.signal, defaultPort: undefined });
};

/** `telnet HOST [PORT]`: connects and fails. */
export const telnet: Applet = async (argv, ctx, host) => {
  const parsed = bbGetopt("telnet", argv.slice(1), { flags: "al:", withValue: "l" });
  if (isUsageFailure(parsed)) return parsed;
  if (parsed.operands.length === 0) return showUsage("telnet");
  return connectClient("telnet", parsed.operands, { host, signal: ctx.signal, defaultPort: "23" });
};

async function connectClient(
  applet: string,
  operands: readonly string[],
  options: { host: ProcessHost; signal: AbortSignal | undefined; defaultPort: string | undefined },
): Promise<ExecResult> {
  const [name, portText = options.defaultPort] = operands;
  if (name === undefined || operands.length > 2) return showUsage(applet);
  // busybox nc takes a missing port as 0; the connect is refused all the same.
  if (portText !== undefined && (!/^\d+$/.test(portText) || Number(portText) > 65535))
    return fail(applet, `bad port '${portText}'`);
  const address = resolveHost(options.host, name)?.[0];
  if (address === undefined) return fail(applet, `bad address '${name}'`);
  const reason = await connectError(options.host, address, options.signal);
  return fail(applet, `can't connect to remote host (${address}): ${reason}`);
}
