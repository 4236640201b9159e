/**
 * Paces bytes through one direction of a link on the wall clock: pieces queue in arrival order
 * and each leaves when the link is done with the pieces before it. Every connection of
 * a link shares its pacer, so concurrent transfers split the bandwidth (each stream keeps at
 * most one piece queued, so the queue is served round-robin).
 */

/**
 * How far ahead of its turn a piece may leave. Timers fire a millisecond or more late, and a
 * fast link sends a piece in less than that: without slack, a link faster than one piece per
 * millisecond (16 KiB/ms, about 130 Mbit/s) could not be reached.
 */
export const RELEASE_AHEAD_MS = 4;

/** A piece waiting for its turn on the link. */
interface Waiter {
  readonly sizeBytes: number;
  readonly arrivedMs: number;
  readonly resolve: () => void;
}

/**
 * One direction of a link: a shared, FIFO byte pacer whose rate may change at any time. A piece
 * leaves when the link is free and starts sending it, and keeps the link busy for its size at
 * the rate: a transfer of N bytes in pieces of P takes (N − P) / rate − {@link RELEASE_AHEAD_MS},
 * and timers that fire late do not slow the link down (the pieces queued meanwhile leave at once).
 */
export class BandwidthPacer {
  #bytesPerSecond: number;
  readonly #nowMs: () => number;
  readonly #queue: Waiter[] = [];
  /** When the link has sent every piece released so far (wall ms, `nowMs`'s scale). */
  #freeAtMs = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: { bytesPerSecond: number; nowMs?: () => number }) {
    this.#bytesPerSecond = checkedRate(options.bytesPerSecond);
    this.#nowMs = options.nowMs ?? (() => performance.now());
  }

  /** Bytes per second now. */
  get bytesPerSecond(): number {
    return this.#bytesPerSecond;
  }

  /** Pieces waiting. */
  get queuedCount(): number {
    return this.#queue.length;
  }

  /** Changes the rate; what is left of the piece being sent goes on at the new rate. */
  setRate(bytesPerSecond: number): void {
    const rate = checkedRate(bytesPerSecond);
    const nowMs = this.#nowMs();
    if (this.#freeAtMs > nowMs)
      this.#freeAtMs = nowMs + ((this.#freeAtMs - nowMs) * this.#bytesPerSecond) / rate;
    this.#bytesPerSecond = rate;
    this.#release();
  }

  /**
   * Resolves when the link starts sending `sizeBytes` (it is busy with them for
   * `sizeBytes / rate` after); `signal` aborting takes the piece out of the queue (the promise
   * then never resolves: its stream is being destroyed).
   */
  send(sizeBytes: number, signal?: AbortSignal): Promise<void> {
    if (sizeBytes <= 0) return Promise.resolve();
    if (signal?.aborted === true) return new Promise(() => {});
    return new Promise((resolve) => {
      const onAbort = () => this.#remove(waiter);
      const waiter: Waiter = {
        sizeBytes,
        arrivedMs: this.#nowMs(),
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      this.#queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#release();
    });
  }

  /** Drops every waiting piece (their promises never resolve) and the timer. */
  clear(): void {
    this.#queue.length = 0;
    this.#stopTimer();
  }

  #remove(waiter: Waiter): void {
    const index = this.#queue.indexOf(waiter);
    if (index < 0) return;
    this.#queue.splice(index, 1);
    this.#release();
  }

  /** Lets out every piece whose turn has come, then waits for the next one's. */
  #release(): void {
    this.#stopTimer();
    const nowMs = this.#nowMs();
    while (this.#queue.length > 0) {
      const head = this.#queue[0]!;
      const startMs = Math.max(this.#freeAtMs, head.arrivedMs);
      if (startMs > nowMs + RELEASE_AHEAD_MS) {
        const waitMs = Math.max(1, Math.ceil(startMs - RELEASE_AHEAD_MS - nowMs));
        this.#timer = setTimeout(() => this.#release(), waitMs);
        return;
      }
      this.#queue.shift();
      this.#freeAtMs = startMs + (head.sizeBytes * 1_000) / this.#bytesPerSecond;
      head.resolve();
    }
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

function checkedRate(bytesPerSecond: number): number {
  if (!(Number.isFinite(bytesPerSecond) && bytesPerSecond > 0))
    throw new Error(
      `bandwidth must be a positive number of bytes per second, got ${bytesPerSecond}`,
    );
  return bytesPerSecond;
}
