import type { ExecResult } from "just-bash";
import { parseIpv4 } from "../net/ipv4-text.ts";
import { resolveHost } from "../net/name-lookup.ts";
import type { NetPeer } from "../net/network-view.ts";
import { routeTo } from "../net/routes.ts";
import type { ProcessHost } from "../process-host.ts";
import { type Applet, done } from "./applet.ts";
import { type BbArgs, bbGetopt, isUsageFailure, lastValue } from "./bb-getopt.ts";
import { showUsage } from "./bb-usage.ts";

/*
 * busybox 1.35 `ping`/`ping6` over the daemon's network model. Output and exit codes recorded
 * in real containers on dockerd 20.10 (`docker run --rm --network net1 busybox ping -c 2 web`,
 * `ping -c 1 -W 1 172.18.0.99`, `ping -w 2 web`, `--network none … ping -c 1 172.30.0.1`,
 * `ping6 -c 1 ::1`). Who answers is the daemon's to say (`NetworkView.peer`): this namespace,
 * the host behind the gateway, and running containers on a network shared with this one. There
 * is no internet: other addresses never answer.
 *
 * Round-trip times follow a fixed model (real ones jitter): 40 µs on loopback, 80 µs to the
 * host, 100 µs to another container, plus 900 µs for the ARP exchange before the first packet
 * to a neighbour the namespace has not talked to yet.
 */

const RTT_US: Readonly<Record<NetPeer["kind"], number>> = {
  self: 40,
  host: 80,
  container: 100,
};
const ARP_US = 900;
/** A ping without `-c` or `-w` stops after this many packets (its output is held until it ends). */
const PACKETS_MAX = 100_000;
const SECOND_US = 1_000_000;

interface PingPlan {
  readonly name: string;
  readonly address: string;
  readonly count: number;
  readonly sizeBytes: number;
  readonly intervalUs: number;
  readonly waitUs: number;
  readonly deadlineUs: number;
  readonly quiet: boolean;
}

/** `ping [-46qA] [-c CNT] [-s SIZE] [-i SECS] [-W SEC] [-w SEC] … HOST`. */
export const ping: Applet = (argv, ctx, host) => runPing(argv, ctx.signal, host);

function parseCount(applet: string, text: string | undefined, max: number): number | ExecResult {
  if (text === undefined) return -1;
  if (!/^\d+$/.test(text)) return done("", `${applet}: invalid number '${text}'\n`, 1);
  const value = Number(text);
  if (value > max) return done("", `${applet}: number ${text} is not in 0..${max} range\n`, 1);
  return value;
}

function planOf(applet: string, args: BbArgs): Omit<PingPlan, "name" | "address"> | ExecResult {
  const count = parseCount(applet, lastValue(args, "c"), 2 ** 32 - 1);
  const size = parseCount(applet, lastValue(args, "s"), 65535);
  const wait = parseCount(applet, lastValue(args, "W"), 2 ** 31 - 1);
  const deadline = parseCount(applet, lastValue(args, "w"), 2 ** 31 - 1);
  for (const value of [count, size, wait, deadline]) if (typeof value !== "number") return value;
  const intervalText = lastValue(args, "i") ?? "1";
  const interval = Number(intervalText);
  if (!/^\d*\.?\d+$/.test(intervalText) || !Number.isFinite(interval))
    return done("", `${applet}: invalid number '${intervalText}'\n`, 1);
  const numbers = [count, size, wait, deadline] as number[];
  return {
    count: Math.max(numbers[0]!, 0),
    sizeBytes: numbers[1]! < 0 ? 56 : numbers[1]!,
    waitUs: (numbers[2]! < 0 ? 10 : numbers[2]!) * SECOND_US,
    deadlineUs: numbers[3]! < 0 ? Number.POSITIVE_INFINITY : numbers[3]! * SECOND_US,
    intervalUs: args.flags.has("A") ? 0 : Math.round(interval * SECOND_US),
    quiet: args.flags.has("q"),
  };
}

async function runPing(
  argv: readonly string[],
  signal: AbortSignal | undefined,
  host: ProcessHost,
): Promise<ExecResult> {
  const applet = argv[0] === "ping6" ? "ping6" : "ping";
  const flags = applet === "ping6" ? "qAc:s:i:W:w:I:p:" : "46qAc:s:i:W:w:t:I:p:";
  const parsed = bbGetopt(applet, argv.slice(1), {
    flags: flags.replace(/:/g, ""),
    withValue: "csiWwtIp",
  });
  if (isUsageFailure(parsed)) return parsed;
  if (parsed.operands.length !== 1) return showUsage(applet);
  const options = planOf(applet, parsed);
  if ("exitCode" in options) return options;
  const name = parsed.operands[0]!;
  const ipv6 = applet === "ping6" || parsed.flags.has("6");
  if (ipv6) {
    // Containers get no IPv6 address unless the daemon enables it; nothing can be sent.
    if (!name.includes(":")) return done("", `ping: bad address '${name}'\n`, 1);
    return done(
      `PING ${name} (${name}): ${options.sizeBytes} data bytes\n`,
      `${applet}: sendto: Cannot assign requested address\n`,
      1,
    );
  }
  const address = resolveHost(host, name)?.[0];
  if (address === undefined) return done("", `ping: bad address '${name}'\n`, 1);
  return sendPings({ ...options, name, address }, signal, host);
}

async function sendPings(
  plan: PingPlan,
  signal: AbortSignal | undefined,
  host: ProcessHost,
): Promise<ExecResult> {
  let out = `PING ${plan.name} (${plan.address}): ${plan.sizeBytes} data bytes\n`;
  const target = parseIpv4(plan.address)!;
  const route = routeTo(host.network, target);
  if (route === undefined) return done(out, "ping: sendto: Network is unreachable\n", 1);
  const peer = host.network.peer(plan.address);
  // Packets to an address off the local subnets go to the gateway's MAC.
  const neighbour = route === "local" ? undefined : (route.gateway ?? plan.address);
  const limit = plan.count > 0 ? plan.count : PACKETS_MAX;
  const rtts: number[] = [];
  const startUs = host.clock.nowUs();
  let sent = 0;
  while (sent < limit && host.clock.nowUs() - startUs < plan.deadlineUs && !signal?.aborted) {
    const seq = sent++;
    if (peer !== undefined) {
      const arp =
        neighbour !== undefined && !host.network.neighbours().some((n) => n.address === neighbour);
      if (neighbour !== undefined) host.network.touch(neighbour);
      const rttUs = RTT_US[peer.kind] + (arp ? ARP_US : 0);
      await host.sleep(rttUs, signal);
      rtts.push(rttUs);
      if (!plan.quiet)
        out += `${plan.sizeBytes + 8} bytes from ${plan.address}: seq=${seq} ttl=64 time=${millis(rttUs)} ms\n`;
      if (sent >= limit) break;
      await host.sleep(Math.max(0, plan.intervalUs - rttUs), signal);
    } else {
      const lastUs = sent >= limit ? plan.waitUs : plan.intervalUs;
      const leftUs = plan.deadlineUs - (host.clock.nowUs() - startUs);
      await host.sleep(Math.min(lastUs, leftUs), signal);
    }
  }
  out += `\n--- ${plan.name} ping statistics ---\n`;
  const loss = Math.floor(((sent - rtts.length) * 100) / Math.max(sent, 1));
  out += `${sent} packets transmitted, ${rtts.length} packets received, ${loss}% packet loss\n`;
  if (rtts.length === 0) return done(out, "", 1);
  const sum = rtts.reduce((a, b) => a + b, 0);
  const stats = [Math.min(...rtts), Math.floor(sum / rtts.length), Math.max(...rtts)];
  out += `round-trip min/avg/max = ${stats.map(millis).join("/")} ms\n`;
  return done(out);
}

/** busybox prints microseconds as `%u.%03u` milliseconds. */
function millis(us: number): string {
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, "0")}`;
}
