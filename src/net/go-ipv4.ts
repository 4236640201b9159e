/**
 * IPv4 text as Go's `net` package reads it, for what the docker CLI and dockerd check:
 * addresses are unsigned 32-bit numbers.
 */

/** `net.ParseIP(text).To4()` for dotted quads: four decimal octets, no leading zeros. */
export function parseGoIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let address = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    address = address * 256 + Number(part);
  }
  return address;
}

/** An IPv4 CIDR as written, with the address written and the network's base address. */
export interface GoCidr {
  readonly text: string;
  readonly address: number;
  readonly base: number;
  readonly prefix: number;
}

/** `net.ParseCIDR` for IPv4 (`10.78.0.5/24` is the address 10.78.0.5 in 10.78.0.0/24). */
export function parseGoCidr(text: string): GoCidr | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const address = parseGoIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,2}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 32) return undefined;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { text, address, base: (address & mask) >>> 0, prefix };
}

/** Whether `address` lies in the CIDR's network. */
export function cidrContains(cidr: { base: number; prefix: number }, address: number): boolean {
  return address >= cidr.base && address < cidr.base + 2 ** (32 - cidr.prefix);
}
