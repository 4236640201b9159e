/** Probabilities are 11-bit; a fresh one is one half. */
export const PROB_INIT = 1024;

/**
 * LZMA's binary range decoder over `bytes[offset, end)`. It normalises before each bit, as
 * liblzma and xz-embedded do; reading past `end` calls `onTruncated`, which must throw.
 */
export class RangeDecoder {
  range = 0xffffffff;
  code = 0;
  pos: number;
  readonly #bytes: Uint8Array;
  readonly #end: number;
  readonly #onTruncated: () => never;

  constructor(
    bytes: Uint8Array,
    options: { offset: number; end: number; onTruncated: () => never },
  ) {
    this.#bytes = bytes;
    this.pos = options.offset;
    this.#end = options.end;
    this.#onTruncated = options.onTruncated;
  }

  /** Reads the 5 init bytes; false when the first is not 0 (a corrupt stream). */
  init(): boolean {
    if (this.pos + 5 > this.#end) this.#onTruncated();
    const first = this.#bytes[this.pos++]!;
    let code = 0;
    for (let i = 0; i < 4; i++) code = ((code << 8) | this.#bytes[this.pos++]!) >>> 0;
    this.code = code;
    this.range = 0xffffffff;
    return first === 0;
  }

  #normalize(): void {
    if (this.range < 0x1000000) {
      if (this.pos >= this.#end) this.#onTruncated();
      this.range = (this.range << 8) >>> 0;
      this.code = ((this.code << 8) | this.#bytes[this.pos++]!) >>> 0;
    }
  }

  /** Decodes one bit with the adaptive probability `probs[index]`. */
  bit(probs: Uint16Array, index: number): number {
    this.#normalize();
    const prob = probs[index]!;
    const bound = (this.range >>> 11) * prob;
    if (this.code < bound) {
      this.range = bound;
      probs[index] = prob + ((2048 - prob) >>> 5);
      return 0;
    }
    this.range -= bound;
    this.code -= bound;
    probs[index] = prob - (prob >>> 5);
    return 1;
  }

  /** Decodes `bitCount` bits, most significant first, with the tree of probabilities at `base`. */
  bitTree(probs: Uint16Array, base: number, bitCount: number): number {
    let m = 1;
    for (let i = 0; i < bitCount; i++) m = (m << 1) | this.bit(probs, base + m);
    return m - (1 << bitCount);
  }

  /** Decodes `bitCount` bits, least significant first, with the tree at `base`. */
  reverseBitTree(probs: Uint16Array, base: number, bitCount: number): number {
    let m = 1;
    let symbol = 0;
    for (let i = 0; i < bitCount; i++) {
      const bit = this.bit(probs, base + m);
      m = (m << 1) | bit;
      symbol |= bit << i;
    }
    return symbol;
  }

  /** Decodes `bitCount` (at most 26) bits of equal probability. */
  directBits(bitCount: number): number {
    let result = 0;
    for (let i = 0; i < bitCount; i++) {
      this.#normalize();
      this.range >>>= 1;
      const bit = this.code >= this.range ? 1 : 0;
      if (bit) this.code -= this.range;
      result = (result << 1) | bit;
    }
    return result >>> 0;
  }

  /**
   * Normalises once more (the decoders keep the range normalised between calls, so the last
   * byte of a chunk is read here) and tells whether the encoder flushed cleanly: `code` is 0.
   */
  finish(): boolean {
    this.#normalize();
    return this.code === 0;
  }
}
