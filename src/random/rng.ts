import { sha256Hex } from "../digest/sha256.ts";
import { assert } from "../errors/assert.ts";

/**
 * The only source of randomness in the simulated world: container IDs, upload UUIDs, PIDs,
 * chosen latencies and fault draws all come from an `Rng`.
 *
 * A child made with `fork(label)` is seeded from this generator's seed and the label, never from
 * its stream position, so the order in which components are built cannot change any result.
 */
export interface Rng {
  /** The path of labels from the root, for diagnostics: `seed=42/runtime/dev`. */
  readonly path: string;
  /** A uniformly distributed unsigned 32-bit integer. */
  nextU32(): number;
  /** An integer in [0, bound), without modulo bias. `bound` is a positive safe integer. */
  below(bound: number): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [0, 1) with 53 random bits. */
  float(): number;
  /** True with probability numerator/denominator (integer ratio, as TigerBeetle's `Ratio`). */
  chance(numerator: number, denominator: number): boolean;
  bytes(length: number): Uint8Array;
  /** `length` lower-case hex characters. */
  hex(length: number): string;
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent generator seeded from this one's seed and `label`. */
  fork(label: string): Rng;
  /** The whole state; `SeededRng.restore` continues the stream from it. */
  snapshot(): RngState;
}

const TWO_POW_32 = 0x1_0000_0000;

/**
 * A generator's whole state, JSON-serialisable: a daemon persisted between two CLI commands
 * restores its streams from it and so never hands out an ID twice.
 */
export interface RngState {
  readonly seedMaterial: string;
  readonly path: string;
  /** sfc32's four 32-bit words. */
  readonly words: readonly [number, number, number, number];
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, 128-bit state): fast with 32-bit
 * integer arithmetic, passes PractRand, and gives identical sequences in every JS engine.
 */
export class SeededRng implements Rng {
  readonly path: string;
  readonly #seedMaterial: string;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  private constructor(seedMaterial: string, path: string, words?: RngState["words"]) {
    this.#seedMaterial = seedMaterial;
    this.path = path;
    if (words !== undefined) {
      [this.#a, this.#b, this.#c, this.#d] = words.map((word) => word | 0) as [
        number,
        number,
        number,
        number,
      ];
      return;
    }
    const hex = sha256Hex(new TextEncoder().encode(seedMaterial));
    this.#a = Number.parseInt(hex.slice(0, 8), 16) | 0;
    this.#b = Number.parseInt(hex.slice(8, 16), 16) | 0;
    this.#c = Number.parseInt(hex.slice(16, 24), 16) | 0;
    this.#d = Number.parseInt(hex.slice(24, 32), 16) | 0;
    // Discard the first outputs, as the reference implementation recommends, to mix the state.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** A generator that continues exactly where the one that produced `state` stopped. */
  static restore(state: RngState): SeededRng {
    assert(state.words.length === 4 && state.words.every(Number.isInteger), "bad Rng state");
    return new SeededRng(state.seedMaterial, state.path, state.words);
  }

  /** This generator's state; `SeededRng.restore` continues from it. */
  snapshot(): RngState {
    return {
      seedMaterial: this.#seedMaterial,
      path: this.path,
      words: [this.#a, this.#b, this.#c, this.#d],
    };
  }

  /** The root generator of a world or a test. */
  static fromSeed(seed: number | string): SeededRng {
    if (typeof seed === "number")
      assert(Number.isSafeInteger(seed), "a numeric seed must be a safe integer");
    return new SeededRng(`drydock-rng:${seed}`, `seed=${seed}`);
  }

  nextU32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  below(bound: number): number {
    assert(Number.isSafeInteger(bound) && bound > 0, "bound must be a positive safe integer");
    if (bound <= TWO_POW_32) {
      // Rejection sampling: drop the top slice that would bias the modulo.
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
    const high = this.nextU32() >>> 5; // 27 bits
    const low = this.nextU32() >>> 6; // 26 bits
    return (high * 67_108_864 + low) / 9_007_199_254_740_992;
  }

  chance(numerator: number, denominator: number): boolean {
    assert(Number.isSafeInteger(numerator) && numerator >= 0, "numerator must be >= 0");
    assert(Number.isSafeInteger(denominator) && denominator > 0, "denominator must be > 0");
    assert(numerator <= denominator, "a probability is at most 1");
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
    assert(label.length > 0, "a fork needs a label");
    return new SeededRng(`${this.#seedMaterial}/${label}`, `${this.path}/${label}`);
  }
}
