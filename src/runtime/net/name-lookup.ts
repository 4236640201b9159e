import type { FsReader } from "../../fs/virtual-fs.ts";
import { formatIpv4, parseIpv4 } from "./ipv4-text.ts";
import type { NetworkView } from "./network-view.ts";
import { routeTo } from "./routes.ts";

/** Where dockerd's embedded DNS server listens inside containers on user-defined networks. */
export const EMBEDDED_DNS = "127.0.0.11";

/** Files bigger than this are not read as `/etc/hosts` or `/etc/resolv.conf` (they are tiny). */
const CONFIG_FILE_BYTES_MAX = 64 * 1024;

/**
 * What a DNS query got. The simulation has no internet: a name that neither `/etc/hosts` nor
 * dockerd's embedded DNS knows is answered NXDOMAIN by the upstream server, as a real resolver
 * answers for a name that does not exist; nothing outside the simulated host has a name.
 */
export type DnsOutcome =
  | { readonly kind: "answer"; readonly values: readonly string[] }
  | { readonly kind: "nxdomain" }
  /** No route to the server (`--network none`): `connect` fails with ENETUNREACH. */
  | { readonly kind: "unreachable" }
  /** A loopback server where nothing listens: every try times out. */
  | { readonly kind: "timeout" };

/** The first `nameserver` of `/etc/resolv.conf`; busybox's default is 127.0.0.1. */
export function nameserverOf(fs: FsReader): string {
  for (const line of readConfigLines(fs, "/etc/resolv.conf")) {
    const match = /^nameserver\s+(\S+)/.exec(line);
    if (match !== null) return match[1]!;
  }
  return "127.0.0.1";
}

/** A lookup's inputs: the process's filesystem (for the config files) and its network. */
export interface LookupContext {
  readonly view: FsReader;
  readonly network: NetworkView;
}

/** An A query for `name` to `server`, answered by the simulated network. */
export function queryAddress(host: LookupContext, name: string, server: string): DnsOutcome {
  return query(host, server, () => {
    const answer = host.network.resolve(name.replace(/\.$/, "").toLowerCase());
    return answer === undefined ? undefined : [...answer];
  });
}

/** A PTR query for an IPv4 address to `server`. */
export function queryPointer(host: LookupContext, address: string, server: string): DnsOutcome {
  return query(host, server, () => {
    const name = host.network.reverse(address);
    return name === undefined ? undefined : [name];
  });
}

function query(
  host: LookupContext,
  server: string,
  embedded: () => string[] | undefined,
): DnsOutcome {
  const address = parseIpv4(server);
  if (address === undefined || routeTo(host.network, address) === undefined) {
    return { kind: "unreachable" };
  }
  if (server === EMBEDDED_DNS && host.network.embeddedDns) {
    const values = embedded();
    return values === undefined ? { kind: "nxdomain" } : { kind: "answer", values };
  }
  if (address >>> 24 === 127) return { kind: "timeout" };
  return { kind: "nxdomain" };
}

/** The addresses `/etc/hosts` gives a name (case-insensitive, as glibc's files backend). */
export function hostsFileLookup(fs: FsReader, name: string): string[] {
  const wanted = name.toLowerCase();
  const found: string[] = [];
  for (const line of readConfigLines(fs, "/etc/hosts")) {
    const [address, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (address === undefined || parseIpv4(address) === undefined) continue;
    if (names.some((candidate) => candidate.toLowerCase() === wanted)) found.push(address);
  }
  return found;
}

/** The first name `/etc/hosts` gives an address (gethostbyaddr's files backend). */
export function hostsFileName(fs: FsReader, address: string): string | undefined {
  for (const line of readConfigLines(fs, "/etc/hosts")) {
    const [first, name] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (first === address && name !== undefined) return name;
  }
  return undefined;
}

/**
 * getaddrinfo for IPv4, as busybox's applets call it: a numeric address as it is, then
 * `/etc/hosts`, then DNS through the first nameserver. Undefined when nothing answers (the
 * applets print `bad address 'NAME'`).
 */
export function resolveHost(host: LookupContext, name: string): string[] | undefined {
  const numeric = parseIpv4(name);
  if (numeric !== undefined) return [formatIpv4(numeric)];
  const fromFile = hostsFileLookup(host.view, name);
  if (fromFile.length > 0) return fromFile;
  const outcome = queryAddress(host, name, nameserverOf(host.view));
  return outcome.kind === "answer" && outcome.values.length > 0 ? [...outcome.values] : undefined;
}

function readConfigLines(fs: FsReader, path: string): string[] {
  try {
    if (fs.stat(path).sizeBytes > CONFIG_FILE_BYTES_MAX) return [];
    return new TextDecoder()
      .decode(fs.readFile(path))
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
  } catch {
    return [];
  }
}

/** gethostbyaddr: `/etc/hosts`, then a PTR query through the first nameserver. */
export function reverseLookup(host: LookupContext, address: string): string | undefined {
  const fromFile = hostsFileName(host.view, address);
  if (fromFile !== undefined) return fromFile;
  const outcome = queryPointer(host, address, nameserverOf(host.view));
  return outcome.kind === "answer" ? outcome.values[0] : undefined;
}
