/**
 * zstd's backward bitstream over `bytes[start, end)`: the last byte's highest set bit marks
 * the end, and bits are read from there towards the start, each value's bits in their natural
 * order. Reading past the start yields zeros and makes `overflowed()` true, which callers
 * report as corruption once a stream is done.
 */
export class BackwardBitReader {
  readonly #bytes: Uint8Array;
  readonly #start: number;
  /** Bits still unread, counted from `start`; negative once the reader ran past it. */
  #pos: number;

  /** Returns undefined when the stream is empty or its last byte (the marker) is 0. */
  static open(
    bytes: Uint8Array,
    range: { start: number; end: number },
  ): BackwardBitReader | undefined {
    if (range.end <= range.start) return undefined;
    const last = bytes[range.end - 1]!;
    if (last === 0) return undefined;
    return new BackwardBitReader(
      bytes,
      range.start,
      (range.end - range.start) * 8 - (8 - (31 - Math.clz32(last))),
    );
  }

  private constructor(bytes: Uint8Array, start: number, pos: number) {
    this.#bytes = bytes;
    this.#start = start;
    this.#pos = pos;
  }

  /** The next `n` (0–24) bits without consuming them; zeros below the start. */
  peek(n: number): number {
    if (n === 0) return 0;
    const from = this.#pos - n;
    if (from >= 0) return this.#extract(from, n);
    if (this.#pos <= 0) return 0;
    return this.#extract(0, this.#pos) << -from;
  }

  /** Consumes `n` bits. */
  skip(n: number): void {
    this.#pos -= n;
  }

  /** Reads `n` (0–31) bits. */
  read(n: number): number {
    if (n <= 24) {
      const value = this.peek(n);
      this.#pos -= n;
      return value;
    }
    const high = this.read(n - 16);
    return high * 65536 + this.read(16);
  }

  /** Bits left before the start. */
  remaining(): number {
    return this.#pos;
  }

  overflowed(): boolean {
    return this.#pos < 0;
  }

  /** `n` bits starting `from` bits after the start, least significant bit first in the bytes. */
  #extract(from: number, n: number): number {
    const at = this.#start + (from >>> 3);
    const bytes = this.#bytes;
    const word =
      bytes[at]! |
      ((bytes[at + 1] ?? 0) << 8) |
      ((bytes[at + 2] ?? 0) << 16) |
      ((bytes[at + 3] ?? 0) << 24);
    return ((word >>> (from & 7)) & ((1 << n) - 1)) >>> 0;
  }
}
