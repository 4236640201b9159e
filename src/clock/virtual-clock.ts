import { assert } from "../errors/assert.ts";
import { type Clock, DEFAULT_EPOCH_US } from "./clock.ts";

/**
 * Simulated time. It moves only when the owner (the event loop) advances it, and never backwards;
 * nothing here reads the host's clock.
 */
export class VirtualClock implements Clock {
  #nowUs: number;

  constructor(options: { startUs?: number } = {}) {
    const startUs = options.startUs ?? DEFAULT_EPOCH_US;
    assert(Number.isSafeInteger(startUs) && startUs >= 0, "clock start must be a safe integer");
    this.#nowUs = startUs;
  }

  nowUs(): number {
    return this.#nowUs;
  }

  /** Moves to `instantUs`, which must not be in the past. */
  advanceTo(instantUs: number): void {
    assert(Number.isSafeInteger(instantUs), "instants are integer microseconds");
    assert(instantUs >= this.#nowUs, `time cannot go back (${instantUs} < ${this.#nowUs})`);
    this.#nowUs = instantUs;
  }

  advanceBy(durationUs: number): void {
    assert(
      Number.isSafeInteger(durationUs) && durationUs >= 0,
      "durations are non-negative integers",
    );
    this.#nowUs += durationUs;
  }
}
