import type { Clock } from "../../clock/clock.ts";
import type { JsonMessage } from "../../engine/json-message.ts";
import { progressMessage } from "./json-progress.ts";

/** dockerd writes a progress line at most every 512 KiB (or every 1 % of smaller totals). */
const UPDATE_EVERY_BYTES_MAX = 512 * 1024;
/** …and at most one line per 100 ms, unless it is the last one or the count is complete. */
const RATE_LIMIT_US = 100_000;

/**
 * When dockerd writes a progress line for a transfer (its `progress.Reader`): after more than
 * min(512 KiB, 1 % of the total) since the last update, if the count is complete, or at the
 * end; other updates are dropped by a 100 ms rate limiter, measured here on the simulated clock.
 */
export class ProgressMeter {
  readonly #options: {
    id: string;
    action: string;
    totalBytes: number;
    clock: Clock;
    emit: (message: JsonMessage) => void;
  };
  readonly #updateEveryBytes: number;
  #lastUpdateBytes = 0;
  #currentBytes = 0;
  #lastAllowedUs: number | undefined;
  #lastWrittenBytes = -1;

  constructor(options: {
    id: string;
    action: string;
    totalBytes: number;
    clock: Clock;
    emit: (message: JsonMessage) => void;
  }) {
    this.#options = options;
    const onePercent = Math.trunc(0.01 * options.totalBytes);
    this.#updateEveryBytes =
      options.totalBytes > 0
        ? Math.min(UPDATE_EVERY_BYTES_MAX, onePercent)
        : UPDATE_EVERY_BYTES_MAX;
  }

  /** A read brought the count to `currentBytes`; `end` marks the read that hit end of stream. */
  read(currentBytes: number, options: { end?: boolean } = {}): void {
    const end = options.end ?? false;
    // Go's `last`: the read that returned end of stream brought no bytes of its own.
    const emptyRead = currentBytes === this.#currentBytes;
    this.#currentBytes = currentBytes;
    if (currentBytes - this.#lastUpdateBytes > this.#updateEveryBytes || end) {
      this.#update(currentBytes, end && emptyRead);
      this.#lastUpdateBytes = currentBytes;
    }
  }

  /** The transfer completed at `currentBytes` in a read that also returned end of stream. */
  complete(currentBytes: number): void {
    if (this.#lastWrittenBytes === currentBytes) return;
    this.read(currentBytes, { end: true });
  }

  #update(currentBytes: number, last: boolean): void {
    if (!last && currentBytes !== this.#options.totalBytes) {
      // The limiter is consulted (and spends its token) only for ordinary updates, as Go's
      // short-circuit `last || complete || limiter.Allow()` does.
      const nowUs = this.#options.clock.nowUs();
      if (this.#lastAllowedUs !== undefined && nowUs - this.#lastAllowedUs < RATE_LIMIT_US) return;
      this.#lastAllowedUs = nowUs;
    }
    this.#lastWrittenBytes = currentBytes;
    this.#options.emit(
      progressMessage({
        id: this.#options.id,
        action: this.#options.action,
        current: currentBytes,
        total: this.#options.totalBytes,
      }),
    );
  }
}
