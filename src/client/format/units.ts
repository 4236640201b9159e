import { formatGoFloat } from "../go-template/go-float.ts";

const DECIMAL_UNITS = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"] as const;
const BINARY_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] as const;

function scaled(size: number, base: number, units: readonly string[]): [number, string] {
  let index = 0;
  while (size >= base && index < units.length - 1) {
    size /= base;
    index++;
  }
  return [size, units[index]!];
}

/**
 * go-units `HumanSizeWithPrecision`: decimal units (kB = 1000), `precision` significant digits
 * with Go's `%.*g` (so 999.5 B is `1e+03B`, as Docker prints it). `docker images` and `ps -s`
 * use precision 3 (`1.99MB`).
 */
export function humanSizeWithPrecision(sizeBytes: number, precision: number): string {
  const [value, unit] = scaled(sizeBytes, 1000, DECIMAL_UNITS);
  return `${formatGoFloat(value, "g", precision)}${unit}`;
}

/** go-units `HumanSize`: four significant digits (`1.985MB`), as `system df` prints sizes. */
export function humanSize(sizeBytes: number): string {
  return humanSizeWithPrecision(sizeBytes, 4);
}

/** go-units `BytesSize`: binary units with `%.4g` (`23.54GiB`), as `docker info` prints memory. */
export function bytesSize(sizeBytes: number): string {
  const [value, unit] = scaled(sizeBytes, 1024, BINARY_UNITS);
  return `${formatGoFloat(value, "g", 4)}${unit}`;
}

const SECOND_US = 1_000_000;

/**
 * go-units `HumanDuration`: `Less than a second`, `1 second`, `5 seconds`, `About a minute`,
 * `12 minutes`, `About an hour`, `3 hours`, `4 days`, `2 weeks`, `5 months`, `2 years`.
 */
export function humanDuration(durationUs: number): string {
  const seconds = Math.trunc(durationUs / SECOND_US);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(durationUs / (60 * SECOND_US));
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(durationUs / (3600 * SECOND_US) + 0.5);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(durationUs / (3600 * SECOND_US) / 24 / 365)} years`;
}
