const UNIT_CHARS = ["", "K", "M", "G", "T", "P", "E", "Z", "Y"] as const;

/**
 * libbb's `make_human_readable_str(val, block_size, display_unit)`: `val × block_size` divided
 * by `display_unit` and rounded, or, with `display_unit` 0, scaled by 1024s to one decimal with
 * a suffix (`64.0M`), without the decimal when `block_size` is 0 (`1K`). Zero is always `0`.
 */
export function humanReadable(value: bigint, blockSize: bigint, displayUnit: bigint): string {
  if (value === 0n) return "0";
  let scaled = blockSize > 1n ? value * blockSize : value;
  if (displayUnit > 0n) return String((scaled + displayUnit / 2n) / displayUnit);
  let unit = 0;
  let frac = 0n;
  while (scaled >= 1024n) {
    unit++;
    frac = ((scaled % 1024n) * 10n + 512n) / 1024n;
    scaled /= 1024n;
  }
  if (frac >= 10n) {
    scaled++;
    frac = 0n;
  }
  const suffix = UNIT_CHARS[Math.min(unit, UNIT_CHARS.length - 1)]!;
  if (blockSize === 0n) {
    if (frac >= 5n) scaled++;
    return `${scaled}${suffix}`;
  }
  return unit === 0 ? String(scaled) : `${scaled}.${frac}${suffix}`;
}
