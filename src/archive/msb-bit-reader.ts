/**
 * Reads bits most-significant first, as bzip2 packs them. Past the end of the input it reads
 * zeros so that Huffman decoders may peek ahead, but consuming a bit that is not there calls
 * `onTruncated`, which must throw.
 */
export class MsbBitReader {
  readonly #bytes: Uint8Array;
  readonly #onTruncated: () => never;
  /** Next byte to load; may pass the end by the few zero bytes a peek loaded. */
  #pos: number;
  #buf = 0;
  #count = 0;

  constructor(bytes: Uint8Array, options: { offset: number; onTruncated: () => never }) {
    this.#bytes = bytes;
    this.#pos = options.offset;
    this.#onTruncated = options.onTruncated;
  }

  /** Loads bytes until at least `n` (at most 24) bits are buffered. */
  #fill(n: number): void {
    while (this.#count < n) {
      const pos = this.#pos++;
      this.#buf = (this.#buf << 8) | (pos < this.#bytes.length ? this.#bytes[pos]! : 0);
      this.#count += 8;
    }
  }

  /** The next `n` (1–24) bits, without consuming them. */
  peek(n: number): number {
    this.#fill(n);
    return (this.#buf >>> (this.#count - n)) & ((1 << n) - 1);
  }

  /** Consumes `n` bits already peeked at. */
  consume(n: number): void {
    this.#count -= n;
    if (this.#pos > this.#bytes.length && this.#pos * 8 - this.#count > this.#bytes.length * 8) {
      this.#onTruncated();
    }
  }

  /** Reads `n` (1–24) bits. */
  bits(n: number): number {
    const value = this.peek(n);
    this.consume(n);
    return value;
  }

  /** Reads a 32-bit big-endian value. */
  bits32(): number {
    return ((this.bits(16) << 16) | this.bits(16)) >>> 0;
  }

  /** Skips to the next byte boundary. */
  alignToByte(): void {
    this.#count -= this.#count % 8;
  }

  /** Index of the next unread byte (after `alignToByte`). */
  bytePosition(): number {
    return this.#pos - this.#count / 8;
  }
}
