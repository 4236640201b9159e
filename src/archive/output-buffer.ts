import { LimitExceededError } from "../errors/limit-exceeded-error.ts";

/**
 * The growing output of a decoder, bounded by `sizeBytesMax`. Decoders keep their whole output
 * in memory, so LZ77 back-references (LZMA, zstd) read it directly as their window. Hot loops
 * call `reserve(n)` and then write `bytes[length++]` themselves.
 */
export class OutputBuffer {
  /** The backing store; replaced (never shrunk) when `reserve` grows it. */
  bytes: Uint8Array;
  /** Bytes written so far. */
  length = 0;
  readonly #sizeBytesMax: number;
  readonly #what: string;

  constructor(options: { sizeBytesMax: number; what: string; initialBytes?: number }) {
    this.#sizeBytesMax = options.sizeBytesMax;
    this.#what = options.what;
    const initial = Math.min(options.initialBytes ?? 64 * 1024, options.sizeBytesMax);
    this.bytes = new Uint8Array(Math.max(initial, 16));
  }

  /** Makes room for `count` more bytes, or throws `LimitExceededError` past `sizeBytesMax`. */
  reserve(count: number): void {
    const needed = this.length + count;
    if (needed <= this.bytes.length) return;
    if (needed > this.#sizeBytesMax) {
      throw new LimitExceededError({ what: this.#what, limit: this.#sizeBytesMax });
    }
    const grown = Math.min(Math.max(needed, this.bytes.length * 2), this.#sizeBytesMax);
    const next = new Uint8Array(grown);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  /** Appends `chunk`. */
  append(chunk: Uint8Array): void {
    const count = chunk.length;
    this.reserve(count);
    // Short runs (most LZ literals) are faster copied by hand than through `set`.
    if (count < 32) {
      const bytes = this.bytes;
      for (let i = 0, to = this.length; i < count; i++) bytes[to + i] = chunk[i]!;
    } else {
      this.bytes.set(chunk, this.length);
    }
    this.length += count;
  }

  /** Copies `count` bytes from `distance` bytes back (overlapping copies repeat, as LZ77 means). */
  copyMatch(distance: number, count: number): void {
    this.reserve(count);
    const bytes = this.bytes;
    let from = this.length - distance;
    let to = this.length;
    const end = to + count;
    if (distance >= count && count >= 32) {
      bytes.copyWithin(to, from, from + count);
    } else {
      while (to < end) bytes[to++] = bytes[from++]!;
    }
    this.length = end;
  }

  /** The bytes written, without copying. */
  result(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}
