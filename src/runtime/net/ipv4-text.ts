/**
 * IPv4 addresses as text, the way the C library reads and writes them. Addresses are unsigned
 * 32-bit numbers in host order.
 */

/** A strict dotted quad (`172.18.0.2`), as getaddrinfo accepts a numeric host; else undefined. */
export function parseIpv4(text: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (match === null) return undefined;
  const octets = match.slice(1, 5).map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return octets.reduce((sum, octet) => sum * 256 + octet, 0);
}

/**
 * glibc's `inet_aton`: one to four parts, each decimal, octal (`010`) or hex (`0x0a`); the last
 * part fills the remaining bytes (`1.2.3` is 1.2.0.3, `4294967295` is 255.255.255.255).
 */
export function inetAton(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    const value = /^0[xX][0-9a-fA-F]*$/.test(part)
      ? Number.parseInt(part.slice(2) || "0", 16)
      : /^0[0-7]*$/.test(part)
        ? Number.parseInt(part, 8)
        : /^[1-9]\d*$/.test(part)
          ? Number(part)
          : Number.NaN;
    if (!Number.isFinite(value)) return undefined;
    values.push(value);
  }
  const last = values.pop()!;
  if (values.some((value) => value > 255)) return undefined;
  const lastBytes = 4 - values.length;
  if (last >= 2 ** (8 * lastBytes)) return undefined;
  let address = 0;
  for (const value of values) address = address * 256 + value;
  return address * 2 ** (8 * lastBytes) + last;
}

/** Formats a 32-bit address as a dotted quad. */
export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join(".");
}

/** The netmask of a prefix length (`16` → 0xffff0000). */
export function prefixMask(prefixLen: number): number {
  return prefixLen === 0 ? 0 : (0xffffffff << (32 - prefixLen)) >>> 0;
}

/** True when `address` lies in `network/prefixLen`. */
export function inSubnet(address: number, network: number, prefixLen: number): boolean {
  const mask = prefixMask(prefixLen);
  return (address & mask) >>> 0 === (network & mask) >>> 0;
}
