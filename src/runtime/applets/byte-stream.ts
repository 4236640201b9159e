/**
 * An append-only byte buffer that keeps at most `capBytes` (later bytes are counted, not kept):
 * producers can run past what a consumer will ever store without allocating for it.
 */
export class ByteStream {
  readonly capBytes: number;
  readonly #chunks: Uint8Array[] = [];
  #keptBytes = 0;

  constructor(capBytes: number) {
    this.capBytes = capBytes;
  }

  /** Bytes that can still be kept. */
  remaining(): number {
    return this.capBytes - this.#keptBytes;
  }

  append(bytes: Uint8Array): void {
    const kept = bytes.subarray(0, this.remaining());
    if (kept.length === 0) return;
    this.#chunks.push(kept);
    this.#keptBytes += kept.length;
  }

  appendZeros(byteCount: number): void {
    const kept = Math.min(byteCount, this.remaining());
    if (kept > 0) this.append(new Uint8Array(kept));
  }

  /** The first `byteCount` kept bytes, as one array. */
  prefix(byteCount: number): Uint8Array {
    const out = new Uint8Array(Math.min(byteCount, this.#keptBytes));
    let offset = 0;
    for (const chunk of this.#chunks) {
      if (offset >= out.length) break;
      out.set(chunk.subarray(0, out.length - offset), offset);
      offset += chunk.length;
    }
    return out;
  }
}
