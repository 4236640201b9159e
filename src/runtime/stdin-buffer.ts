/** Bytes written to a process's stdin, read as a whole or chunk by chunk. */
export class StdinBuffer {
  readonly #chunks: Uint8Array[] = [];
  #closed = false;
  #waiters: (() => void)[] = [];

  get closed(): boolean {
    return this.#closed;
  }

  push(bytes: Uint8Array): void {
    if (this.#closed) return;
    this.#chunks.push(bytes.slice());
    this.#wake();
  }

  close(): void {
    this.#closed = true;
    this.#wake();
  }

  /** The next chunk, or undefined at EOF. */
  async next(): Promise<Uint8Array | undefined> {
    while (this.#chunks.length === 0 && !this.#closed)
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    return this.#chunks.shift();
  }

  /** Everything until EOF. */
  async readAll(): Promise<Uint8Array> {
    while (!this.#closed) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    const total = this.#chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of this.#chunks.splice(0)) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  #wake(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }
}
