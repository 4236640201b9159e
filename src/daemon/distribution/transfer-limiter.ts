import { DrydockError } from "../../errors/drydock-error.ts";

interface Pending {
  readonly start: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * At most `concurrencyMax` transfers at once, the rest queued in order, as dockerd's transfer
 * manager runs layer downloads (3) and uploads (5). `schedule` says whether the transfer had
 * to wait, which is when dockerd prints `Waiting`. `cancel` drops what has not started.
 */
export class TransferLimiter {
  readonly #concurrencyMax: number;
  readonly #queue: Pending[] = [];
  #running = 0;
  #cancelled: unknown;

  constructor(options: { concurrencyMax: number }) {
    this.#concurrencyMax = Math.max(1, options.concurrencyMax);
  }

  /** Runs `work` when a slot is free; `waiting` is true when no slot was free at once. */
  schedule<T>(work: () => Promise<T>): { readonly waiting: boolean; readonly result: Promise<T> } {
    const waiting = this.#running >= this.#concurrencyMax;
    const result = new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.#running++;
        work()
          .then(resolve, reject)
          .finally(() => {
            this.#running--;
            this.#next();
          });
      };
      if (this.#cancelled !== undefined) reject(this.#cancelled);
      else if (waiting) this.#queue.push({ start, reject });
      else start();
    });
    return { waiting, result };
  }

  /** Rejects every queued transfer (running ones finish on their own). */
  cancel(reason: unknown = new DrydockError("Internal", "context canceled")): void {
    this.#cancelled = reason;
    for (const pending of this.#queue.splice(0)) pending.reject(reason);
  }

  #next(): void {
    if (this.#running >= this.#concurrencyMax) return;
    this.#queue.shift()?.start();
  }
}
