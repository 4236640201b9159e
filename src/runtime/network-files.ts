/**
 * The three files dockerd writes for every container and bind-mounts over the init layer's
 * placeholders: `/etc/hostname`, `/etc/hosts` and `/etc/resolv.conf`. Checked against dockerd
 * 20.10 (see test/fixtures/runtime/init-layer.json); that daemon ran with `--bridge=none`, so the
 * default-bridge forms below follow moby 20.10's code (libnetwork's etchosts and resolvconf
 * packages) and were not recorded.
 */

/** The network mode's effect on the files: `none`, `host`, the default `bridge`, or a user network. */
export type NetworkFilesMode = "none" | "host" | "bridge" | "user";

/** The lines every container's `/etc/hosts` starts with (tab-separated, as libnetwork writes them). */
const DEFAULT_HOSTS =
  "127.0.0.1\tlocalhost\n" +
  "::1\tlocalhost ip6-localhost ip6-loopback\n" +
  "fe00::0\tip6-localnet\n" +
  "ff00::0\tip6-mcastprefix\n" +
  "ff02::1\tip6-allnodes\n" +
  "ff02::2\tip6-allrouters\n";

/** libnetwork's fallback when the host has no usable nameserver. */
const DEFAULT_NAMESERVERS = "nameserver 8.8.8.8\nnameserver 8.8.4.4\n";

/** The inputs of `hostsFile`. */
export interface HostsFileOptions {
  readonly mode: NetworkFilesMode;
  readonly hostname: string;
  readonly domainname?: string;
  /** The container's address on its network (bridge and user networks). */
  readonly ip?: string;
  /** `--add-host name:ip` entries, in order. */
  readonly extraHosts?: readonly { readonly name: string; readonly ip: string }[];
  /** The host's own `/etc/hosts`, which `--network host` copies. */
  readonly hostHosts?: string;
}

/** `/etc/hostname`: the hostname and a newline (the short container ID by default). */
export function hostnameFile(hostname: string): string {
  return `${hostname}\n`;
}

/**
 * `/etc/hosts`: with `--network host` a copy of the host's; otherwise the localhost lines, the
 * `--add-host` entries, and the container's own address line (`172.17.0.2\tname`, with
 * `name.domain name` when a domain is set) when it has an address.
 */
export function hostsFile(options: HostsFileOptions): string {
  if (options.mode === "host") return options.hostHosts ?? DEFAULT_HOSTS;
  let out = DEFAULT_HOSTS;
  for (const extra of options.extraHosts ?? []) out += `${extra.ip}\t${extra.name}\n`;
  if (options.ip !== undefined && options.mode !== "none") {
    const names =
      options.domainname === undefined || options.domainname === ""
        ? options.hostname
        : `${options.hostname}.${options.domainname} ${options.hostname}`;
    out += `${options.ip}\t${names}\n`;
  }
  return out;
}

/** The inputs of `resolvConfFile`. */
export interface ResolvConfOptions {
  readonly mode: NetworkFilesMode;
  /** The host's `/etc/resolv.conf`. */
  readonly hostResolvConf: string;
  /** `--dns`, `--dns-search`, `--dns-option`: when any is set, they replace the host's values. */
  readonly dns?: readonly string[];
  readonly dnsSearch?: readonly string[];
  readonly dnsOptions?: readonly string[];
}

/**
 * `/etc/resolv.conf`: the host's file with loopback nameservers removed (they cannot be reached
 * from the container), Google's servers if none is left, and the embedded DNS server
 * `127.0.0.11` (with `options ndots:0`) on user-defined networks. Recorded: `none` and the
 * default network on a daemon without a bridge both copy the host's `nameserver 10.255.255.53`.
 */
export function resolvConfFile(options: ResolvConfOptions): string {
  const host = options.hostResolvConf;
  if (options.mode === "host" && options.dns === undefined) return host;
  const lines = host.split("\n").filter((line) => line !== "");
  const custom = options.dns !== undefined || options.dnsSearch !== undefined;
  const search = options.dnsSearch ?? lines.filter((line) => /^search\s/.test(line)).map(tail);
  const opts = options.dnsOptions ?? lines.filter((line) => /^options\s/.test(line)).map(tail);
  let nameservers =
    options.dns ??
    lines
      .filter((line) => /^nameserver\s/.test(line))
      .map(tail)
      .filter((ip) => !isLoopback(ip));
  if (options.mode === "user") nameservers = ["127.0.0.11"];
  let out = "";
  if (!custom && options.mode !== "user") {
    // Keep the host's file as it is, minus loopback nameservers.
    out = lines
      .filter((line) => !/^nameserver\s/.test(line) || !isLoopback(tail(line)))
      .map((line) => `${line}\n`)
      .join("");
    if (nameservers.length === 0) out += DEFAULT_NAMESERVERS;
    return out;
  }
  if (search.length > 0) out += `search ${search.join(" ")}\n`;
  for (const ip of nameservers) out += `nameserver ${ip}\n`;
  const allOptions = options.mode === "user" ? ["ndots:0", ...opts] : opts;
  if (allOptions.length > 0) out += `options ${allOptions.join(" ")}\n`;
  return out;
}

function tail(line: string): string {
  return line.replace(/^\S+\s+/, "").trim();
}

function isLoopback(ip: string): boolean {
  return ip.startsWith("127.") || ip === "::1";
}
