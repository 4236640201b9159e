import { bzip2CrcUpdate } from "./bzip2-crc.ts";
import {
  BZIP2_CODE_LENGTH_MAX,
  type Bzip2HuffmanTable,
  buildBzip2Table,
  decodeBzip2Symbol,
} from "./bzip2-huffman.ts";
import type { MsbBitReader } from "./msb-bit-reader.ts";
import type { OutputBuffer } from "./output-buffer.ts";

/** bzip2 1.0.8 reads at most this many selectors and ignores the rest (CVE-2019-12900). */
const SELECTORS_KEPT_MAX = 18001;
const GROUP_SIZE = 50;

/** What decoding a block needs besides the bits. */
export interface Bzip2BlockContext {
  readonly reader: MsbBitReader;
  readonly out: OutputBuffer;
  /** Largest block (100 000 × the stream's level) before the final run-length step. */
  readonly blockSizeMax: number;
  /** Scratch for the Burrows–Wheeler inversion, at least `blockSizeMax` long. */
  readonly tt: Uint32Array;
  /** Throws the decoder's error for a corrupt or unsupported block. */
  readonly fail: (reason: "corrupt" | "unsupported", detail: string) => never;
}

/** Decodes one block (after its magic and stored CRC) into `out`; returns the block's CRC. */
export function decodeBzip2Block(ctx: Bzip2BlockContext): number {
  const { reader, fail } = ctx;
  if (reader.bits(1) !== 0) fail("unsupported", "deprecated randomized files");
  const origPtr = reader.bits(24);
  const symbolsInUse = readSymbolMap(reader);
  if (symbolsInUse.length === 0) fail("corrupt", "no symbols in input");
  const alphabetSize = symbolsInUse.length + 2;
  const groupCount = reader.bits(3);
  if (groupCount < 2 || groupCount > 6) fail("corrupt", "invalid number of Huffman trees");
  const selectors = readSelectors(ctx, groupCount);
  const tables: Bzip2HuffmanTable[] = [];
  for (let group = 0; group < groupCount; group++) {
    tables.push(buildBzip2Table(readCodeLengths(ctx, alphabetSize)));
  }
  const count = decodeSymbols(ctx, { tables, selectors, symbolsInUse });
  if (origPtr >= count) fail("corrupt", "origPtr out of bounds");
  return writeBlock(ctx, { count, origPtr });
}

/** The 16×16 bitmap of bytes the block uses, as the list of those bytes. */
function readSymbolMap(reader: MsbBitReader): number[] {
  const used: number[] = [];
  const ranges = reader.bits(16);
  for (let range = 0; range < 16; range++) {
    if ((ranges & (0x8000 >>> range)) === 0) continue;
    const bits = reader.bits(16);
    for (let i = 0; i < 16; i++) if (bits & (0x8000 >>> i)) used.push(range * 16 + i);
  }
  return used;
}

function readSelectors(ctx: Bzip2BlockContext, groupCount: number): Uint8Array {
  const { reader, fail } = ctx;
  const selectorCount = reader.bits(15);
  if (selectorCount === 0) fail("corrupt", "no tree selectors");
  const kept = Math.min(selectorCount, SELECTORS_KEPT_MAX);
  const selectors = new Uint8Array(kept);
  const mtf = [0, 1, 2, 3, 4, 5].slice(0, groupCount);
  for (let i = 0; i < selectorCount; i++) {
    let index = 0;
    while (reader.bits(1) === 1) {
      index++;
      if (index >= groupCount) fail("corrupt", "tree index too large");
    }
    if (i >= kept) continue;
    const group = mtf[index]!;
    mtf.splice(index, 1);
    mtf.unshift(group);
    selectors[i] = group;
  }
  return selectors;
}

function readCodeLengths(ctx: Bzip2BlockContext, alphabetSize: number): Uint8Array {
  const { reader, fail } = ctx;
  const lengths = new Uint8Array(alphabetSize);
  let length = reader.bits(5);
  for (let symbol = 0; symbol < alphabetSize; symbol++) {
    for (;;) {
      if (length < 1 || length > BZIP2_CODE_LENGTH_MAX)
        fail("corrupt", "Huffman length out of range");
      if (reader.bits(1) === 0) break;
      length += reader.bits(1) === 0 ? 1 : -1;
    }
    lengths[symbol] = length;
  }
  return lengths;
}

/**
 * Huffman-decodes the block, undoing the zero-run (RUNA/RUNB) and move-to-front steps; the
 * bytes land in the low 8 bits of `tt`. Returns their count.
 */
function decodeSymbols(
  ctx: Bzip2BlockContext,
  code: { tables: Bzip2HuffmanTable[]; selectors: Uint8Array; symbolsInUse: number[] },
): number {
  const { reader, tt, blockSizeMax, fail } = ctx;
  const endOfBlock = code.symbolsInUse.length + 1;
  const mtf = Uint8Array.from(code.symbolsInUse);
  let count = 0;
  let runLength = 0;
  let runShift = 0;
  let selectorIndex = 0;
  let groupLeft = 0;
  let table = code.tables[0]!;
  for (;;) {
    if (groupLeft === 0) {
      const selector = code.selectors[selectorIndex++];
      if (selector === undefined)
        return fail("corrupt", "insufficient selector indices for number of symbols");
      table = code.tables[selector]!;
      groupLeft = GROUP_SIZE;
    }
    groupLeft--;
    const symbol = decodeBzip2Symbol(reader, table);
    if (symbol < 0) fail("corrupt", "invalid Huffman code");
    if (symbol <= 1) {
      runLength += (symbol + 1) << runShift;
      runShift++;
      if (runLength > blockSizeMax) fail("corrupt", "repeats past end of block");
      continue;
    }
    if (runShift > 0) {
      if (count + runLength > blockSizeMax) fail("corrupt", "repeats past end of block");
      tt.fill(mtf[0]!, count, count + runLength);
      count += runLength;
      runLength = 0;
      runShift = 0;
    }
    if (symbol === endOfBlock) return count;
    if (count >= blockSizeMax) fail("corrupt", "data exceeds block size");
    const index = symbol - 1;
    const byte = mtf[index]!;
    mtf.copyWithin(1, 0, index);
    mtf[0] = byte;
    tt[count++] = byte;
  }
}

/** Inverts the Burrows–Wheeler transform and the initial run-length step into `out`. */
function writeBlock(ctx: Bzip2BlockContext, block: { count: number; origPtr: number }): number {
  const { tt, out } = ctx;
  const cumulative = new Int32Array(256);
  for (let i = 0; i < block.count; i++) cumulative[tt[i]! & 0xff]!++;
  for (let b = 0, sum = 0; b < 256; b++) {
    const n = cumulative[b]!;
    cumulative[b] = sum;
    sum += n;
  }
  for (let i = 0; i < block.count; i++) {
    const at = cumulative[tt[i]! & 0xff]!++;
    tt[at] = (tt[at]! | (i << 8)) >>> 0;
  }
  const blockStart = out.length;
  let position = tt[block.origPtr]! >>> 8;
  let last = -1;
  let run = 0;
  for (let k = 0; k < block.count; k++) {
    const entry = tt[position]!;
    const byte = entry & 0xff;
    position = entry >>> 8;
    if (run === 4) {
      out.reserve(byte);
      out.bytes.fill(last, out.length, out.length + byte);
      out.length += byte;
      run = 0;
      continue;
    }
    if (byte === last) run++;
    else {
      last = byte;
      run = 1;
    }
    if (out.length === out.bytes.length) out.reserve(1);
    out.bytes[out.length++] = byte;
  }
  const crc = bzip2CrcUpdate(0xffffffff, out.bytes, { start: blockStart, end: out.length });
  return ~crc >>> 0;
}
