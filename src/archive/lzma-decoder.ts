import type { OutputBuffer } from "./output-buffer.ts";
import { PROB_INIT, type RangeDecoder } from "./range-decoder.ts";

/** LZMA's literal-context, literal-position and position bits. */
export interface LzmaProperties {
  readonly lc: number;
  readonly lp: number;
  readonly pb: number;
}

/** How a call to `LzmaDecoder.decode` ended. */
export type LzmaDecodeEnd = "size-reached" | "end-marker" | "bad-distance" | "bad-length";

const STATES = 12;
const POS_STATES_MAX = 16;
const END_POS_MODEL_INDEX = 14;
const MATCH_LEN_MIN = 2;

/** A length decoder's probabilities: choice, choice2, low[16][8], mid[16][8], high[256]. */
const LEN_CHOICE = 0;
const LEN_CHOICE2 = 1;
const LEN_LOW = 2;
const LEN_MID = LEN_LOW + POS_STATES_MAX * 8;
const LEN_HIGH = LEN_MID + POS_STATES_MAX * 8;
const LEN_PROBS = LEN_HIGH + 256;

/**
 * The LZMA decoder's model (probabilities, state, the four repeat distances). The output
 * buffer doubles as the dictionary: a match may reach back to `dictStart`, where the last
 * dictionary reset happened, and position-dependent contexts count from there.
 */
export class LzmaDecoder {
  #lc = 0;
  #lp = 0;
  #pb = 0;
  #literal = new Uint16Array(0x300);
  readonly #isMatch = new Uint16Array(STATES * POS_STATES_MAX);
  readonly #isRep = new Uint16Array(STATES);
  readonly #isRepG0 = new Uint16Array(STATES);
  readonly #isRepG1 = new Uint16Array(STATES);
  readonly #isRepG2 = new Uint16Array(STATES);
  readonly #isRep0Long = new Uint16Array(STATES * POS_STATES_MAX);
  readonly #posSlot = new Uint16Array(4 * 64);
  readonly #posSpecial = new Uint16Array(1 + 128 - END_POS_MODEL_INDEX);
  readonly #align = new Uint16Array(16);
  readonly #matchLen = new Uint16Array(LEN_PROBS);
  readonly #repLen = new Uint16Array(LEN_PROBS);
  #state = 0;
  #rep0 = 0;
  #rep1 = 0;
  #rep2 = 0;
  #rep3 = 0;

  /** Sets lc/lp/pb and resets the state (LZMA2's "new properties"). */
  setProperties(props: LzmaProperties): void {
    this.#lc = props.lc;
    this.#lp = props.lp;
    this.#pb = props.pb;
    const size = 0x300 << (props.lc + props.lp);
    if (this.#literal.length !== size) this.#literal = new Uint16Array(size);
    this.resetState();
  }

  /** Resets probabilities, state and repeat distances (LZMA2's "state reset"). */
  resetState(): void {
    for (const probs of [
      this.#literal,
      this.#isMatch,
      this.#isRep,
      this.#isRepG0,
      this.#isRepG1,
      this.#isRepG2,
      this.#isRep0Long,
      this.#posSlot,
      this.#posSpecial,
      this.#align,
      this.#matchLen,
      this.#repLen,
    ]) {
      probs.fill(PROB_INIT);
    }
    this.#state = 0;
    this.#rep0 = this.#rep1 = this.#rep2 = this.#rep3 = 0;
  }

  /**
   * Decodes symbols into `out` until it holds `endLength` bytes (which may be infinite: the
   * output buffer's own limit then stops a runaway stream) or an end marker appears.
   * A match that reaches before `dictStart` or past `endLength` stops decoding with
   * "bad-distance" / "bad-length" for the caller to report.
   */
  decode(
    rc: RangeDecoder,
    out: OutputBuffer,
    range: { dictStart: number; endLength: number },
  ): LzmaDecodeEnd {
    const { dictStart, endLength } = range;
    const pbMask = (1 << this.#pb) - 1;
    while (out.length < endLength) {
      const position = out.length - dictStart;
      const posState = position & pbMask;
      const state = this.#state;
      if (rc.bit(this.#isMatch, (state << 4) | posState) === 0) {
        this.#literalByte(rc, out, position);
        this.#state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      let length: number;
      if (rc.bit(this.#isRep, state) === 1) {
        if (rc.bit(this.#isRepG0, state) === 0) {
          if (rc.bit(this.#isRep0Long, (state << 4) | posState) === 0) {
            if (this.#rep0 >= position) return "bad-distance";
            if (out.length === out.bytes.length) out.reserve(1);
            this.#state = state < 7 ? 9 : 11;
            out.bytes[out.length] = out.bytes[out.length - this.#rep0 - 1]!;
            out.length++;
            continue;
          }
        } else {
          this.#rotateReps(rc, state);
        }
        length = this.#length(rc, this.#repLen, posState);
        this.#state = state < 7 ? 8 : 11;
      } else {
        this.#rep3 = this.#rep2;
        this.#rep2 = this.#rep1;
        this.#rep1 = this.#rep0;
        length = this.#length(rc, this.#matchLen, posState);
        this.#state = state < 7 ? 7 : 10;
        this.#rep0 = this.#distance(rc, length);
        if (this.#rep0 === 0xffffffff) return "end-marker";
      }
      const count = length + MATCH_LEN_MIN;
      if (this.#rep0 >= position) return "bad-distance";
      if (out.length + count > endLength) return "bad-length";
      out.copyMatch(this.#rep0 + 1, count);
    }
    return "size-reached";
  }

  #rotateReps(rc: RangeDecoder, state: number): void {
    let distance: number;
    if (rc.bit(this.#isRepG1, state) === 0) {
      distance = this.#rep1;
    } else {
      if (rc.bit(this.#isRepG2, state) === 0) {
        distance = this.#rep2;
      } else {
        distance = this.#rep3;
        this.#rep3 = this.#rep2;
      }
      this.#rep2 = this.#rep1;
    }
    this.#rep1 = this.#rep0;
    this.#rep0 = distance;
  }

  #literalByte(rc: RangeDecoder, out: OutputBuffer, position: number): void {
    if (out.length === out.bytes.length) out.reserve(1);
    const bytes = out.bytes;
    const previous = position > 0 ? bytes[out.length - 1]! : 0;
    const context =
      ((position & ((1 << this.#lp) - 1)) << this.#lc) + (previous >>> (8 - this.#lc));
    const base = 0x300 * context;
    const probs = this.#literal;
    let symbol = 1;
    if (this.#state >= 7 && this.#rep0 < position) {
      let matchByte = bytes[out.length - this.#rep0 - 1]!;
      while (symbol < 0x100) {
        const matchBit = (matchByte >>> 7) & 1;
        matchByte <<= 1;
        const bit = rc.bit(probs, base + ((1 + matchBit) << 8) + symbol);
        symbol = (symbol << 1) | bit;
        if (matchBit !== bit) break;
      }
    }
    while (symbol < 0x100) symbol = (symbol << 1) | rc.bit(probs, base + symbol);
    bytes[out.length++] = symbol & 0xff;
  }

  /** A match length minus 2 (0–271). */
  #length(rc: RangeDecoder, probs: Uint16Array, posState: number): number {
    if (rc.bit(probs, LEN_CHOICE) === 0) return rc.bitTree(probs, LEN_LOW + posState * 8, 3);
    if (rc.bit(probs, LEN_CHOICE2) === 0) return 8 + rc.bitTree(probs, LEN_MID + posState * 8, 3);
    return 16 + rc.bitTree(probs, LEN_HIGH, 8);
  }

  /** A match distance minus 1; 0xFFFFFFFF is the end marker. */
  #distance(rc: RangeDecoder, length: number): number {
    const lenState = Math.min(length, 3);
    const slot = rc.bitTree(this.#posSlot, lenState * 64, 6);
    if (slot < 4) return slot;
    const directCount = (slot >>> 1) - 1;
    const base = ((2 | (slot & 1)) << directCount) >>> 0;
    if (slot < END_POS_MODEL_INDEX) {
      return base + rc.reverseBitTree(this.#posSpecial, base - slot, directCount);
    }
    const direct = rc.directBits(directCount - 4);
    return base + direct * 16 + rc.reverseBitTree(this.#align, 0, 4);
  }
}
