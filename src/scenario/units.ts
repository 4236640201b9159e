/**
 * Strict parsers for the readable quantities of scenario files (`20ms`, `1.5s`, `100Mbit/s`,
 * `2MB`) and their formatters for reports. A parser returns undefined for anything it does not
 * fully understand; the validator turns that into an error naming the place in the file.
 */

const DURATION_UNITS_US: Readonly<Record<string, number>> = {
  us: 1,
  µs: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  min: 60_000_000,
  h: 3_600_000_000,
};

/** Megabits per second in one unit of each bandwidth spelling. */
const BANDWIDTH_UNITS_MBPS: Readonly<Record<string, number>> = {
  "kbit/s": 0.001,
  "Kbit/s": 0.001,
  "Mbit/s": 1,
  "Gbit/s": 1_000,
  kbps: 0.001,
  Mbps: 1,
  Gbps: 1_000,
  "kB/s": 0.008,
  "KB/s": 0.008,
  "MB/s": 8,
  "GB/s": 8_000,
};

const SIZE_UNITS_BYTES: Readonly<Record<string, number>> = {
  B: 1,
  kB: 1_000,
  KB: 1_000,
  MB: 1_000_000,
  GB: 1_000_000_000,
  KiB: 1_024,
  MiB: 1_048_576,
  GiB: 1_073_741_824,
};

const QUANTITY = /^(\d+(?:\.\d+)?)\s*([A-Za-zµ/]+)$/;

function parseQuantity(text: string, units: Readonly<Record<string, number>>): number | undefined {
  const match = QUANTITY.exec(text.trim());
  if (match === null) return undefined;
  const factor = units[match[2]!];
  if (factor === undefined) return undefined;
  const value = Number(match[1]) * factor;
  return Number.isFinite(value) ? value : undefined;
}

/** `20ms`, `1.5s`, `250us`, `2m` → whole microseconds (rounded); `0` alone is allowed. */
export function parseDurationUs(text: string): number | undefined {
  if (text.trim() === "0") return 0;
  const value = parseQuantity(text, DURATION_UNITS_US);
  return value === undefined ? undefined : Math.round(value);
}

/** `100Mbit/s`, `1Gbit/s`, `12.5MB/s`, `512kbit/s` → megabits per second. */
export function parseBandwidthMbps(text: string): number | undefined {
  return parseQuantity(text, BANDWIDTH_UNITS_MBPS);
}

/** `512B`, `2MB`, `1.5MiB` → whole bytes (rounded). */
export function parseSizeBytes(text: string): number | undefined {
  const value = parseQuantity(text, SIZE_UNITS_BYTES);
  return value === undefined ? undefined : Math.round(value);
}

/** The units a duration, bandwidth or size may be written in, for error messages. */
export const UNIT_HELP: Readonly<Record<"duration" | "bandwidth" | "size", string>> = {
  duration: "a duration such as 20ms, 1.5s, 250us or 2m",
  bandwidth: "a bandwidth such as 100Mbit/s, 1Gbit/s or 12.5MB/s",
  size: "a size such as 512B, 2MB or 1.5MiB",
};

/** Seconds with millisecond precision, as the walkthrough prints offsets: `+0.412s`. */
export function formatOffsetSeconds(durationUs: number): string {
  const sign = durationUs < 0 ? "-" : "+";
  const ms = Math.round(Math.abs(durationUs) / 1_000);
  return `${sign}${Math.floor(ms / 1_000)}.${String(ms % 1_000).padStart(3, "0")}s`;
}

/** Decimal sizes as people read them: `812 B`, `1.2 kB`, `3.4 MB`. */
export function formatBytes(sizeBytes: number): string {
  if (sizeBytes < 1_000) return `${sizeBytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = sizeBytes / 1_000;
  let unit = 0;
  while (value >= 1_000 && unit < units.length - 1) {
    value /= 1_000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
