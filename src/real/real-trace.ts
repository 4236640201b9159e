/**
 * The trace of a scenario run on real Docker: the same `TraceEvent`s as the simulator's, stamped
 * with wall-clock microseconds as they are observed (client commands, lines of their output,
 * requests crossing a link proxy).
 */
import type { TraceEvent } from "../trace/trace-event.ts";

/** An event without its sequence number and instant. */
export type RealEventBody = Omit<TraceEvent, "seq" | "tUs">;

/** Events one real run may keep. */
export const REAL_TRACE_EVENT_COUNT_MAX = 1_000_000;

/** Wall-clock microseconds since the epoch, finer than `Date.now()`. */
export function wallNowUs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1_000);
}

/** Collects events in arrival order; past the limit, later events are counted, not kept. */
export class RealTrace {
  readonly events: TraceEvent[] = [];
  dropped = 0;
  readonly #nowUs: () => number;

  constructor(nowUs: () => number = wallNowUs) {
    this.#nowUs = nowUs;
  }

  nowUs(): number {
    return this.#nowUs();
  }

  emit(body: RealEventBody): void {
    if (this.events.length >= REAL_TRACE_EVENT_COUNT_MAX) {
      this.dropped += 1;
      return;
    }
    this.events.push({ seq: this.events.length, tUs: this.#nowUs(), ...body });
  }
}
