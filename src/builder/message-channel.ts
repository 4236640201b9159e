import { assert } from "../errors/assert.ts";

interface Waiter<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: unknown): void;
}

/**
 * A one-reader queue that turns pushes from a running task into an async iterable: the build
 * pushes stream messages as steps run (RUN output arrives from callbacks at simulated
 * instants), the HTTP facade or the client iterates. Items are kept until read; `fail` ends the
 * iteration with an error after the items already pushed.
 */
export class MessageChannel<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #waiter: Waiter<T> | undefined;
  #state: { kind: "open" } | { kind: "ended" } | { kind: "failed"; error: unknown } = {
    kind: "open",
  };
  #iterated = false;
  #abandoned = false;
  #onFirstRead: (() => void) | undefined;

  /** `onFirstRead` runs when the reader first asks for an item (the task starts lazily). */
  constructor(options: { onFirstRead?: () => void } = {}) {
    this.#onFirstRead = options.onFirstRead;
  }

  /** How many items were pushed and not read yet. */
  get pendingCount(): number {
    return this.#items.length;
  }

  /** True once the reader stopped early (`break` out of `for await`): the task should stop. */
  get abandoned(): boolean {
    return this.#abandoned;
  }

  /** Adds an item; dropped once the reader has gone away. */
  push(item: T): void {
    if (this.#abandoned) return;
    assert(this.#state.kind === "open", "push to a closed message channel");
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter.resolve({ value: item, done: false });
      return;
    }
    this.#items.push(item);
  }

  /** Ends the iteration once the pushed items are read. */
  end(): void {
    if (this.#state.kind !== "open") return;
    this.#state = { kind: "ended" };
    this.#settleWaiter();
  }

  /** Ends the iteration with `error` once the pushed items are read. */
  fail(error: unknown): void {
    if (this.#state.kind !== "open") return;
    this.#state = { kind: "failed", error };
    this.#settleWaiter();
  }

  #settleWaiter(): void {
    const waiter = this.#waiter;
    if (waiter === undefined) return;
    this.#waiter = undefined;
    if (this.#state.kind === "failed") waiter.reject(this.#state.error);
    else waiter.resolve({ value: undefined, done: true });
  }

  #next(): Promise<IteratorResult<T>> {
    const start = this.#onFirstRead;
    if (start !== undefined) {
      this.#onFirstRead = undefined;
      start();
    }
    if (this.#items.length > 0) {
      return Promise.resolve({ value: this.#items.shift() as T, done: false });
    }
    if (this.#state.kind === "ended") return Promise.resolve({ value: undefined, done: true });
    if (this.#state.kind === "failed") return Promise.reject(this.#state.error);
    assert(this.#waiter === undefined, "a message channel has one reader");
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    assert(!this.#iterated, "a message channel can be iterated once");
    this.#iterated = true;
    return {
      next: () => this.#next(),
      return: () => {
        this.#abandoned = true;
        this.#items.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
