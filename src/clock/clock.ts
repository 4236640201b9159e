/**
 * Time, read in one place. Everything in drydock asks a `Clock` for the time; in the simulated
 * world that is a `VirtualClock` driven by the event loop, on the real backend a `SystemClock`.
 *
 * Instants are integer microseconds since the Unix epoch: exact in a double until the year 2255,
 * fine enough for link latencies, and cheap to compare. Docker prints nanoseconds; the three
 * extra digits are zeros.
 */
export interface Clock {
  /** The current instant, in integer microseconds since 1970-01-01T00:00:00Z. */
  nowUs(): number;
}

export const US_PER_MS = 1_000;

/**
 * Whether an instant can be a clock reading (an integer microsecond count a double holds
 * exactly, up to the year 2255). Times users type can lie beyond; such a deadline is never
 * reached, so it must not be scheduled.
 */
export function isInstantUs(value: number): boolean {
  return Number.isSafeInteger(value);
}
export const US_PER_SECOND = 1_000_000;

/** 2026-01-01T00:00:00Z: where a simulated world's clock starts unless told otherwise. */
export const DEFAULT_EPOCH_US: number = Date.UTC(2026, 0, 1) * US_PER_MS;
