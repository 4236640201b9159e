/** A host address a port is published on, as Go's `net.IP` sees it. */
export interface HostIp {
  readonly family: 4 | 6;
  /** Go's `ip.String()`: dotted quad, or RFC 5952 text (`::`, `::1`, `fe80::1`). */
  readonly text: string;
  /** `0.0.0.0` or `::`: every address of that family. */
  readonly unspecified: boolean;
}

/**
 * Go's `net.ParseIP` then `String()`, undefined where Go gives nil. An IPv4-mapped IPv6 address
 * (`::ffff:127.0.0.1`) is IPv4, as `To4()` says.
 */
export function parseHostIp(text: string): HostIp | undefined {
  const v4 = parseIpv4Octets(text);
  if (v4 !== undefined) return ipv4(v4);
  const groups = parseIpv6Groups(text);
  if (groups === undefined) return undefined;
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff)
    return ipv4([groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff]);
  return { family: 6, text: formatIpv6(groups), unspecified: groups.every((group) => group === 0) };
}

/** Go's `net.JoinHostPort`: an IPv6 address in brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

function ipv4(octets: readonly number[]): HostIp {
  return {
    family: 4,
    text: octets.join("."),
    unspecified: octets.every((octet) => octet === 0),
  };
}

/** Four decimal octets without leading zeros (Go 1.17+ refuses them). */
function parseIpv4Octets(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return undefined;
    octets.push(Number(part));
  }
  return octets;
}

/** Eight 16-bit groups; `::` once; a trailing dotted quad counts as two groups. */
function parseIpv6Groups(text: string): number[] | undefined {
  if (!text.includes(":") || text.length > 45) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = parseGroupList(halves[0]!);
  const tail = halves.length === 2 ? parseGroupList(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function parseGroupList(text: string): number[] | undefined {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes(".")) {
      const octets = parseIpv4Octets(part);
      if (octets === undefined) return undefined;
      groups.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
    groups.push(Number.parseInt(part, 16));
  }
  return groups;
}

/** RFC 5952 as Go writes it: the longest run of two or more zero groups (the first) is `::`. */
function formatIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end === start ? start + 1 : end;
  }
  const hex = (from: number, to: number) =>
    groups
      .slice(from, to)
      .map((group) => group.toString(16))
      .join(":");
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}
