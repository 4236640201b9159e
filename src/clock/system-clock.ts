import type { Clock } from "./clock.ts";

/**
 * The host's clock, for the real backend and for measuring benchmarks. This file is one of the
 * few places allowed to read wall time (see test/meta/determinism.test.ts).
 */
export class SystemClock implements Clock {
  #lastUs = 0;

  nowUs(): number {
    // performance.timeOrigin + now() gives sub-millisecond resolution; keep it monotonic.
    const us = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    this.#lastUs = Math.max(this.#lastUs, us);
    return this.#lastUs;
  }
}

/** Wall time for benchmarks and progress reports, in milliseconds with a fractional part. */
export function wallMs(): number {
  return performance.now();
}
