/** Formats a 32-bit address as dotted quad. */
export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join(".");
}

/** Parses `a.b.c.d/n` into its base address and prefix length; undefined if malformed. */
export function parseCidr(text: string): { base: number; prefix: number } | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (match === null) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix > 30 || prefix < 8) return undefined;
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (address & mask) >>> 0, prefix };
}

/** The MAC Docker derives from a container's IPv4 address: `02:42` and the four octets. */
export function macForIpv4(address: number): string {
  return [
    "02",
    "42",
    ...[24, 16, 8, 0].map((shift) => ((address >>> shift) & 0xff).toString(16).padStart(2, "0")),
  ].join(":");
}
