import { US_PER_SECOND } from "../clock/clock.ts";
import { parseRfc3339 } from "../clock/time-format.ts";
import { DrydockError } from "../errors/drydock-error.ts";

const INT64_MAX = 2n ** 63n - 1n;
/** The longest Go `time.Duration` (2^63 - 1 ns, about 292 years), in microseconds. */
const GO_DURATION_MAX_US = Number(2n ** 63n - 1n) / 1_000;

const UNIT_US: Readonly<Record<string, number>> = {
  ns: 0.001,
  us: 1,
  µs: 1,
  ms: 1_000,
  s: US_PER_SECOND,
  m: 60 * US_PER_SECOND,
  h: 3_600 * US_PER_SECOND,
};

/**
 * A `--since`/`--until` value as the docker CLI reads it (`timetypes.GetTimestamp`): Unix seconds
 * with an optional fraction (`1795816680.5`), an RFC 3339 time or date, or a Go duration counted
 * back from now (`10m`, `1h30m`). Returns microseconds since the epoch.
 */
export function parseTimestamp(value: string, nowUs: number): number {
  const text = value.trim();
  if (/^\d+(\.\d{1,9})?$/.test(text)) {
    const [seconds = "0", fraction = ""] = text.split(".");
    // dockerd reads the seconds as a Go int64.
    if (BigInt(seconds) <= INT64_MAX)
      return Number(seconds) * US_PER_SECOND + Number(fraction.padEnd(6, "0").slice(0, 6));
  }
  const duration = parseDurationUs(text);
  if (duration !== undefined) return nowUs - duration;
  const rfc = parseRfc3339(text) ?? parseRfc3339(`${text}${/T/.test(text) ? "Z" : "T00:00:00Z"}`);
  if (rfc !== undefined) return rfc;
  throw new DrydockError(
    "InvalidArgument",
    `failed to parse value as time or duration: "${value}"`,
    {
      data: { value },
    },
  );
}

/** A Go duration (`90s`, `1h30m`, `1.5h`) in microseconds; undefined if it is not one. */
export function parseDurationUs(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(match[1]) * UNIT_US[match[2]!]!;
  // Go's time.Duration is int64 nanoseconds: a longer one is not a duration.
  return total > GO_DURATION_MAX_US ? undefined : Math.round(total);
}
