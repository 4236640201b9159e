import { assert } from "../errors/assert.ts";
import { US_PER_MS, US_PER_SECOND } from "./clock.ts";

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/**
 * Formats an instant as Go's `time.RFC3339Nano` in UTC does, which is how Docker writes
 * `Created`, `StartedAt` and log timestamps: trailing zeros of the fraction are trimmed, and a
 * whole second has no fraction at all (`2026-01-01T00:00:00Z`).
 */
export function formatRfc3339Nano(instantUs: number): string {
  const fraction = trimmedFraction(instantUs);
  return `${formatSeconds(instantUs)}${fraction === "" ? "" : `.${fraction}`}Z`;
}

/**
 * Formats with all nine fraction digits, as `docker logs -t` does
 * (`2026-11-27T22:00:29.717343508Z`).
 */
export function formatRfc3339NanoFixed(instantUs: number): string {
  return `${formatSeconds(instantUs)}.${pad(instantUs % US_PER_SECOND, 6)}000Z`;
}

function trimmedFraction(instantUs: number): string {
  const micros = instantUs % US_PER_SECOND;
  if (micros === 0) return "";
  return `${pad(micros, 6)}000`.replace(/0+$/, "");
}

function formatSeconds(instantUs: number): string {
  assert(Number.isSafeInteger(instantUs) && instantUs >= 0, "instants are non-negative integers");
  const date = new Date(Math.floor(instantUs / US_PER_MS));
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`
  );
}

/** Parses an RFC 3339 timestamp (any fraction length, `Z` or a numeric offset) to microseconds. */
export function parseRfc3339(text: string): number | undefined {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/.exec(
      text,
    );
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction = "", zone = "Z"] = match;
  const ms = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  if (Number.isNaN(ms)) return undefined;
  const micros = Number(fraction.padEnd(6, "0").slice(0, 6));
  let offsetMinutes = 0;
  if (zone !== "Z" && zone !== "z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  return (ms - offsetMinutes * 60_000) * US_PER_MS + micros;
}

/** Whole seconds since the epoch, as the Engine API's `Created` fields carry them. */
export function toUnixSeconds(instantUs: number): number {
  return Math.floor(instantUs / US_PER_SECOND);
}

/** Formats a duration for humans: `1.25s`, `340ms`, `12µs`. */
export function formatDuration(durationUs: number): string {
  if (durationUs >= US_PER_SECOND) return `${trimZeros((durationUs / US_PER_SECOND).toFixed(3))}s`;
  if (durationUs >= US_PER_MS) return `${trimZeros((durationUs / US_PER_MS).toFixed(3))}ms`;
  return `${durationUs}µs`;
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
