import { BackwardBitReader } from "./backward-bit-reader.ts";
import { buildFseTable, FseError, readFseDescription } from "./zstd-fse.ts";

/** A literals Huffman decoding table indexed by the next `maxBits` bits. */
export interface ZstdHuffmanTable {
  readonly maxBits: number;
  readonly symbol: Uint8Array;
  readonly numBits: Uint8Array;
}

const MAX_BITS = 11;

/**
 * Reads a Huffman tree description (RFC 8878 §4.2.1) at `offset`: weights given directly (4
 * bits each) or FSE-compressed, the last weight implied. Returns the table and bytes used.
 */
export function readHuffmanDescription(
  bytes: Uint8Array,
  range: { offset: number; end: number },
): { table: ZstdHuffmanTable; sizeBytes: number } {
  const { offset, end } = range;
  if (offset >= end) throw new FseError("missing Huffman tree description");
  const header = bytes[offset]!;
  let weights: number[];
  let sizeBytes: number;
  if (header < 128) {
    sizeBytes = 1 + header;
    if (offset + sizeBytes > end) throw new FseError("Huffman weights run past the literals");
    weights = fseWeights(bytes, { start: offset + 1, end: offset + sizeBytes });
  } else {
    const count = header - 127;
    sizeBytes = 1 + Math.ceil(count / 2);
    if (offset + sizeBytes > end) throw new FseError("Huffman weights run past the literals");
    weights = [];
    for (let i = 0; i < count; i++) {
      const byte = bytes[offset + 1 + (i >>> 1)]!;
      weights.push(i % 2 === 0 ? byte >>> 4 : byte & 15);
    }
  }
  return { table: buildHuffmanTable(weights), sizeBytes };
}

/** Weights compressed with FSE: two interleaved states over one backward stream. */
function fseWeights(bytes: Uint8Array, range: { start: number; end: number }): number[] {
  const description = readFseDescription(bytes, {
    offset: range.start,
    end: range.end,
    maxSymbol: 255,
    maxAccuracyLog: 6,
  });
  const table = buildFseTable(description.counts, description.accuracyLog);
  const reader = BackwardBitReader.open(bytes, {
    start: range.start + description.sizeBytes,
    end: range.end,
  });
  if (reader === undefined) throw new FseError("bad Huffman weights stream");
  const states = [reader.read(table.accuracyLog), reader.read(table.accuracyLog)];
  const weights: number[] = [];
  for (let turn = 0; ; turn ^= 1) {
    const state = states[turn]!;
    weights.push(table.symbol[state]!);
    states[turn] = table.base[state]! + reader.read(table.numBits[state]!);
    if (reader.overflowed()) {
      weights.push(table.symbol[states[turn ^ 1]!]!);
      break;
    }
    if (weights.length > 255) throw new FseError("too many Huffman weights");
  }
  return weights;
}

/** Builds the table from the explicit weights; the last symbol's weight completes the sum. */
function buildHuffmanTable(weights: number[]): ZstdHuffmanTable {
  if (weights.length > 255) throw new FseError("too many Huffman weights");
  let sum = 0;
  for (const weight of weights) {
    if (weight > MAX_BITS) throw new FseError("Huffman weight too large");
    if (weight > 0) sum += 1 << (weight - 1);
  }
  if (sum === 0) throw new FseError("empty Huffman tree");
  const maxBits = 32 - Math.clz32(sum);
  if (maxBits > MAX_BITS) throw new FseError("Huffman tree too deep");
  const rest = (1 << maxBits) - sum;
  if ((rest & (rest - 1)) !== 0) throw new FseError("Huffman weights do not complete a tree");
  const all = [...weights, 32 - Math.clz32(rest)];
  const rankCount = new Array<number>(maxBits + 2).fill(0);
  for (const weight of all) rankCount[weight]!++;
  const rankStart = new Array<number>(maxBits + 2).fill(0);
  for (let weight = 1, next = 0; weight <= maxBits; weight++) {
    rankStart[weight] = next;
    next += rankCount[weight]! << (weight - 1);
  }
  const size = 1 << maxBits;
  const symbol = new Uint8Array(size);
  const numBits = new Uint8Array(size);
  all.forEach((weight, s) => {
    if (weight === 0) return;
    const length = 1 << (weight - 1);
    const start = rankStart[weight]!;
    symbol.fill(s, start, start + length);
    numBits.fill(maxBits + 1 - weight, start, start + length);
    rankStart[weight] = start + length;
  });
  return { maxBits, symbol, numBits };
}

/**
 * Decodes `count` literals from one Huffman stream `bytes[start, end)` into `out` at `at`.
 * The stream must be used up exactly, as zstd requires.
 */
export function decodeHuffmanStream(
  bytes: Uint8Array,
  stream: {
    start: number;
    end: number;
    table: ZstdHuffmanTable;
    out: Uint8Array;
    at: number;
    count: number;
  },
): void {
  const reader = BackwardBitReader.open(bytes, stream);
  if (reader === undefined) throw new FseError("bad Huffman stream");
  const { table, out } = stream;
  const { maxBits, symbol, numBits } = table;
  const end = stream.at + stream.count;
  for (let i = stream.at; i < end; i++) {
    const index = reader.peek(maxBits);
    out[i] = symbol[index]!;
    reader.skip(numBits[index]!);
  }
  if (reader.remaining() !== 0) throw new FseError("Huffman stream not used up");
}
