import { LimitExceededError } from "../errors/limit-exceeded-error.ts";

interface Waiter<T> {
  readonly resolve: (result: IteratorResult<T>) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A single-consumer queue read as an async iterable: producers `push` items and `end` (or `fail`)
 * it, the consumer awaits items in order. The simulated daemon's streams (attach output, followed
 * logs, events) are built on it. The consumer's `return()` (a `break` out of `for await`) closes
 * the queue and runs `onClose`, so the producer can unsubscribe.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  readonly #itemCountMax: number;
  readonly #onClose: (() => void) | undefined;
  #waiter: Waiter<T> | undefined;
  #failure: { readonly error: unknown } | undefined;
  #ended = false;
  #closed = false;

  constructor(options: { itemCountMax?: number; onClose?: () => void } = {}) {
    this.#itemCountMax = options.itemCountMax ?? 100_000;
    this.#onClose = options.onClose;
  }

  /** Whether the queue no longer accepts items (ended, failed or closed by the consumer). */
  get ended(): boolean {
    return this.#ended || this.#closed;
  }

  push(item: T): void {
    if (this.ended) return;
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter.resolve({ value: item, done: false });
      return;
    }
    if (this.#items.length >= this.#itemCountMax) {
      this.fail(new LimitExceededError({ what: "unread stream items", limit: this.#itemCountMax }));
      return;
    }
    this.#items.push(item);
  }

  /** No more items: the consumer sees the end after the items already queued. */
  end(): void {
    if (this.ended) return;
    this.#ended = true;
    this.#settleWaiter();
  }

  /** Ends the stream with an error, raised to the consumer after the queued items. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.#ended = true;
    this.#failure = { error };
    this.#settleWaiter();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.#next(),
      return: async () => {
        this.#close();
        return { value: undefined, done: true };
      },
    };
  }

  #settleWaiter(): void {
    const waiter = this.#waiter;
    if (waiter === undefined) return;
    this.#waiter = undefined;
    this.#finish(waiter.resolve, waiter.reject);
  }

  #finish(resolve: (result: IteratorResult<T>) => void, reject: (error: unknown) => void): void {
    const failure = this.#failure;
    if (failure === undefined) {
      resolve({ value: undefined, done: true });
      return;
    }
    this.#failure = undefined;
    reject(failure.error);
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#items.length = 0;
    this.#failure = undefined;
    this.#settleWaiter();
    this.#onClose?.();
  }

  #next(): Promise<IteratorResult<T>> {
    if (this.#items.length > 0)
      return Promise.resolve({ value: this.#items.shift()!, done: false });
    return new Promise((resolve, reject) => {
      if (this.ended) this.#finish(resolve, reject);
      else this.#waiter = { resolve, reject };
    });
  }
}
