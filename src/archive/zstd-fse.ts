/** A finite-state-entropy decoding table: per state, its symbol, bits to read and base of the next state. */
export interface FseTable {
  readonly accuracyLog: number;
  readonly symbol: Uint8Array;
  readonly numBits: Uint8Array;
  readonly base: Uint16Array;
}

/** Thrown (and turned into a DecompressError by the caller) for a malformed table. */
export class FseError extends Error {}

/**
 * Reads an FSE table description (RFC 8878 §4.1.1) at `offset`: the accuracy log, then each
 * symbol's normalised count (-1 is "less than one"), zero runs coded as repeat flags.
 * Returns the counts and the bytes used.
 */
export function readFseDescription(
  bytes: Uint8Array,
  limits: { offset: number; end: number; maxSymbol: number; maxAccuracyLog: number },
): { counts: Int16Array; accuracyLog: number; sizeBytes: number } {
  const { offset, end } = limits;
  let bit = offset * 8;
  const peek = (n: number): number => {
    let value = 0;
    for (let i = 0; i < n; i++) {
      const at = bit + i;
      const byte = at >>> 3 < end ? bytes[at >>> 3]! : 0;
      value |= ((byte >>> (at & 7)) & 1) << i;
    }
    return value;
  };
  const accuracyLog = peek(4) + 5;
  bit += 4;
  if (accuracyLog > limits.maxAccuracyLog) throw new FseError("FSE accuracy log too large");
  const counts = new Int16Array(limits.maxSymbol + 1);
  let remaining = (1 << accuracyLog) + 1;
  let threshold = 1 << accuracyLog;
  let bitCount = accuracyLog + 1;
  let symbol = 0;
  let previousZero = false;
  while (remaining > 1 && symbol <= limits.maxSymbol) {
    if (previousZero) {
      let repeat = peek(2);
      bit += 2;
      let zeros = repeat;
      while (repeat === 3) {
        repeat = peek(2);
        bit += 2;
        zeros += repeat;
      }
      symbol += zeros;
      if (symbol > limits.maxSymbol) throw new FseError("FSE zero run past the last symbol");
      previousZero = false;
      continue;
    }
    const max = 2 * threshold - 1 - remaining;
    let count: number;
    const low = peek(bitCount - 1);
    if (low < max) {
      count = low;
      bit += bitCount - 1;
    } else {
      count = peek(bitCount);
      if (count >= threshold) count -= max;
      bit += bitCount;
    }
    count--;
    remaining -= Math.abs(count);
    counts[symbol++] = count;
    previousZero = count === 0;
    while (remaining < threshold) {
      bitCount--;
      threshold >>= 1;
    }
  }
  if (remaining !== 1) throw new FseError("FSE counts do not add up");
  const sizeBytes = ((bit + 7) >>> 3) - offset;
  if (offset + sizeBytes > end) throw new FseError("FSE description runs past its section");
  return { counts, accuracyLog, sizeBytes };
}

/** Builds the decoding table for normalised `counts` (zstd's spreading of symbols). */
export function buildFseTable(counts: Int16Array, accuracyLog: number): FseTable {
  const size = 1 << accuracyLog;
  const symbol = new Uint8Array(size);
  const numBits = new Uint8Array(size);
  const base = new Uint16Array(size);
  const next = new Uint16Array(counts.length);
  let high = size - 1;
  counts.forEach((count, s) => {
    if (count === -1) {
      symbol[high--] = s;
      next[s] = 1;
    } else {
      next[s] = Math.max(count, 0);
    }
  });
  const step = (size >>> 1) + (size >>> 3) + 3;
  const mask = size - 1;
  let position = 0;
  counts.forEach((count, s) => {
    for (let i = 0; i < count; i++) {
      symbol[position] = s;
      do position = (position + step) & mask;
      while (position > high);
    }
  });
  if (position !== 0) throw new FseError("FSE table spread failed");
  for (let state = 0; state < size; state++) {
    const nextState = next[symbol[state]!]!++;
    const bits = accuracyLog - (31 - Math.clz32(nextState));
    numBits[state] = bits;
    base[state] = (nextState << bits) - size;
  }
  return { accuracyLog, symbol, numBits, base };
}

/** The table of a symbol repeated forever (the "RLE" mode): 0 bits, always `value`. */
export function rleFseTable(value: number): FseTable {
  return {
    accuracyLog: 0,
    symbol: Uint8Array.of(value),
    numBits: new Uint8Array(1),
    base: new Uint16Array(1),
  };
}

const LL_DEFAULT = [
  4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
  -1, -1, -1, -1,
];
const ML_DEFAULT = [
  1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1,
];
const OF_DEFAULT = [
  1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1,
];

/** The predefined literal-length, match-length and offset tables (RFC 8878 §3.1.1.3.2.2). */
export const PREDEFINED_FSE: Readonly<{ ll: FseTable; ml: FseTable; of: FseTable }> = {
  ll: buildFseTable(Int16Array.from(LL_DEFAULT), 6),
  ml: buildFseTable(Int16Array.from(ML_DEFAULT), 6),
  of: buildFseTable(Int16Array.from(OF_DEFAULT), 5),
};
