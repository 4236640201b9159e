import type { ExecResult } from "just-bash";
import { formatIpv4, parseIpv4 } from "../net/ipv4-text.ts";
import {
  type DnsOutcome,
  nameserverOf,
  queryAddress,
  queryPointer,
  resolveHost,
} from "../net/name-lookup.ts";
import type { ProcessHost } from "../process-host.ts";
import { type Applet, done } from "./applet.ts";
import { showUsage } from "./bb-usage.ts";

/*
 * busybox 1.35 `nslookup` (its own resolver, not /etc/hosts): asks the first nameserver of
 * /etc/resolv.conf, or DNS_SERVER. Formats recorded in real containers on dockerd 20.10:
 * `docker run --rm --network net1 busybox nslookup web` (answered by the embedded DNS at
 * 127.0.0.11), `nslookup nosuch` against a server answering NXDOMAIN, `nslookup 172.18.0.2`,
 * `--network none … nslookup web`. busybox prints replies in arrival order; a real A answer
 * usually comes before the empty AAAA one, and drydock always prints it first. The simulation
 * has no internet: names Docker does not know are NXDOMAIN (see `DnsOutcome`).
 */

const TYPES = ["soa", "ns", "a", "aaaa", "cname", "mx", "txt", "ptr", "srv", "any"];
/** How long busybox waits for a server that never answers (two tries of the query). */
const TIMEOUT_US = 10_000_000;

/** `nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]`. */
export const nslookup: Applet = async (argv, ctx, host) => {
  let type: string | undefined;
  const operands: string[] = [];
  for (const arg of argv.slice(1)) {
    const match = /^-(?:type|query|q|t)=(.*)$/i.exec(arg);
    if (match !== null) {
      type = match[1]!.toLowerCase();
      if (!TYPES.includes(type))
        return { ...showUsage("nslookup"), stderr: `nslookup: invalid query type "${match[1]}"\n` };
    } else if (arg === "-debug" || arg === "-nodebug") continue;
    else operands.push(arg);
  }
  if (operands.length < 1 || operands.length > 2) return showUsage("nslookup");
  const [name, serverName] = operands as [string, string | undefined];
  const server =
    serverName === undefined ? nameserverOf(host.view) : resolveHost(host, serverName)?.[0];
  if (server === undefined) return done("", `nslookup: bad address '${serverName}'\n`, 1);
  const reverse = parseIpv4(name);
  const queries =
    reverse !== undefined && type === undefined
      ? [{ kind: "ptr" as const, outcome: queryPointer(host, formatIpv4(reverse), server) }]
      : [
          ...(type === undefined || type === "a"
            ? [{ kind: "a" as const, outcome: queryAddress(host, name, server) }]
            : []),
          ...(type === undefined || type === "aaaa"
            ? [{ kind: "aaaa" as const, outcome: queryAddress(host, name, server) }]
            : []),
        ];
  if (queries.length === 0) return done(header(server), "", 0);
  return answer({ name, server, queries, host, signal: ctx.signal });
};

function header(server: string): string {
  return `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
}

async function answer(options: {
  name: string;
  server: string;
  queries: readonly { kind: "a" | "aaaa" | "ptr"; outcome: DnsOutcome }[];
  host: ProcessHost;
  signal: AbortSignal | undefined;
}): Promise<ExecResult> {
  const { name, server, queries } = options;
  const first = queries[0]!.outcome;
  if (first.kind === "unreachable")
    return done(
      "",
      `nslookup: can't connect to remote host (${server}): Network is unreachable\n`,
      1,
    );
  if (first.kind === "timeout") {
    await options.host.sleep(TIMEOUT_US, options.signal);
    return done(";; connection timed out; no servers could be reached\n\n", "", 1);
  }
  let out = header(server);
  let failed = false;
  for (const { kind, outcome } of queries) {
    if (outcome.kind !== "answer") {
      out += `** server can't find ${kind === "ptr" ? arpaName(name) : name}: NXDOMAIN\n\n`;
      failed = true;
      continue;
    }
    out += "Non-authoritative answer:\n";
    if (kind === "ptr") out += `${arpaName(name)}\tname = ${outcome.values[0]}\n`;
    // The simulated containers have no IPv6 addresses: AAAA answers are empty.
    if (kind === "a")
      for (const value of outcome.values) out += `Name:\t${name}\nAddress: ${value}\n`;
    out += "\n";
  }
  return done(out, "", failed ? 1 : 0);
}

function arpaName(address: string): string {
  return `${formatIpv4(parseIpv4(address) ?? 0)
    .split(".")
    .reverse()
    .join(".")}.in-addr.arpa`;
}
