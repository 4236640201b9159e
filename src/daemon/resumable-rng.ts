import { assert } from "../errors/assert.ts";
import type { Rng } from "../random/rng.ts";

const TWO_POW_32 = 0x1_0000_0000;

/**
 * An `Rng` whose position can be saved and restored: it counts the 32-bit words it draws from an
 * inner generator, and `resumeRng` skips that many words of a fresh generator forked with the same
 * label. A daemon keeps one per concern (container IDs, names, PIDs…), so a daemon restored from
 * its state continues each stream where it stopped and never hands out an ID twice.
 *
 * Every derived draw (`below`, `hex`, `pick`…) goes through `nextU32`, so the count is exact.
 */
export class ResumableRng implements Rng {
  readonly #inner: Rng;
  #draws = 0;

  /** Wraps `inner`, which has already produced `draws` words (0 for a fresh fork). */
  constructor(inner: Rng, options: { draws?: number } = {}) {
    this.#inner = inner;
    this.#draws = options.draws ?? 0;
  }

  get path(): string {
    return this.#inner.path;
  }

  /** Words drawn so far: the whole saved state of the stream. */
  get draws(): number {
    return this.#draws;
  }

  nextU32(): number {
    this.#draws++;
    return this.#inner.nextU32();
  }

  below(bound: number): number {
    assert(Number.isSafeInteger(bound) && bound > 0, "bound must be a positive safe integer");
    if (bound <= TWO_POW_32) {
      const limit = TWO_POW_32 - (TWO_POW_32 % bound);
      for (;;) {
        const value = this.nextU32();
        if (value < limit) return value % bound;
      }
    }
    for (;;) {
      const value = Math.floor(this.float() * bound);
      if (value < bound) return value;
    }
  }

  int(min: number, max: number): number {
    assert(Number.isSafeInteger(min) && Number.isSafeInteger(max) && min <= max, "bad int range");
    return min + this.below(max - min + 1);
  }

  float(): number {
    const high = this.nextU32() >>> 5;
    const low = this.nextU32() >>> 6;
    return (high * 67_108_864 + low) / 9_007_199_254_740_992;
  }

  chance(numerator: number, denominator: number): boolean {
    assert(numerator >= 0 && denominator > 0 && numerator <= denominator, "bad ratio");
    return this.below(denominator) < numerator;
  }

  bytes(length: number): Uint8Array {
    assert(Number.isSafeInteger(length) && length >= 0, "length must be >= 0");
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 4) {
      let word = this.nextU32();
      for (let j = i; j < Math.min(i + 4, length); j++) {
        out[j] = word & 0xff;
        word >>>= 8;
      }
    }
    return out;
  }

  hex(length: number): string {
    let out = "";
    while (out.length < length) out += this.nextU32().toString(16).padStart(8, "0");
    return out.slice(0, length);
  }

  pick<T>(items: readonly T[]): T {
    assert(items.length > 0, "cannot pick from an empty list");
    return items[this.below(items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const swap = out[i] as T;
      out[i] = out[j] as T;
      out[j] = swap;
    }
    return out;
  }

  fork(label: string): Rng {
    return this.#inner.fork(label);
  }
}

/** Forks `label` from `root` and skips `draws` words: the stream as it was when saved. */
export function resumeRng(root: Rng, label: string, draws: number): ResumableRng {
  assert(Number.isSafeInteger(draws) && draws >= 0, "draw counts are non-negative integers");
  const inner = root.fork(label);
  for (let i = 0; i < draws; i++) inner.nextU32();
  return new ResumableRng(inner, { draws });
}
