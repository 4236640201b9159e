import { BackwardBitReader } from "./backward-bit-reader.ts";
import type { OutputBuffer } from "./output-buffer.ts";
import {
  buildFseTable,
  FseError,
  type FseTable,
  PREDEFINED_FSE,
  readFseDescription,
  rleFseTable,
} from "./zstd-fse.ts";
import { ZSTD_BLOCK_BYTES_MAX } from "./zstd-literals.ts";

/** What carries over from block to block inside a frame. */
export interface ZstdSequenceState {
  ll: FseTable | undefined;
  ml: FseTable | undefined;
  of: FseTable | undefined;
  /** The three repeat offsets, most recent first. */
  readonly reps: [number, number, number];
}

const LL_BASE = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128,
  256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536,
];
const LL_BITS = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12,
  13, 14, 15, 16,
];
const ML_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
  29, 30, 31, 32, 33, 34, 35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
  4099, 8195, 16387, 32771, 65539,
];
const ML_BITS = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
  1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
];

/** Limits of each table: largest symbol and accuracy log (RFC 8878 §3.1.1.3.2.1). */
const KINDS = {
  ll: { maxSymbol: 35, maxAccuracyLog: 9 },
  of: { maxSymbol: 31, maxAccuracyLog: 8 },
  ml: { maxSymbol: 52, maxAccuracyLog: 9 },
} as const;

/**
 * Decodes the sequences section at `offset` up to the block's end and executes it: literals
 * and matches go to `out`, the leftover literals last. A match may reach back to
 * `frameStart` (no dictionaries).
 */
export function executeZstdSequences(
  bytes: Uint8Array,
  section: {
    offset: number;
    end: number;
    literals: Uint8Array;
    out: OutputBuffer;
    frameStart: number;
    state: ZstdSequenceState;
  },
): void {
  const { end, literals, out, state } = section;
  let at = section.offset;
  if (at >= end) throw new FseError("missing sequences section");
  const byte0 = bytes[at]!;
  let count: number;
  if (byte0 < 128) {
    count = byte0;
    at += 1;
  } else if (byte0 < 255) {
    if (at + 2 > end) throw new FseError("sequences header runs past the block");
    count = ((byte0 - 128) << 8) + bytes[at + 1]!;
    at += 2;
  } else {
    if (at + 3 > end) throw new FseError("sequences header runs past the block");
    count = bytes[at + 1]! + (bytes[at + 2]! << 8) + 0x7f00;
    at += 3;
  }
  if (count === 0) {
    if (at !== end) throw new FseError("data after an empty sequences section");
    out.append(literals);
    return;
  }
  if (at >= end) throw new FseError("missing symbol compression modes");
  const modes = bytes[at++]!;
  if ((modes & 3) !== 0) throw new FseError("reserved symbol compression mode bits set");
  for (const [kind, shift] of [
    ["ll", 6],
    ["of", 4],
    ["ml", 2],
  ] as const) {
    at = readTable(bytes, { at, end, kind, mode: (modes >>> shift) & 3, state });
  }
  const reader = BackwardBitReader.open(bytes, { start: at, end });
  if (reader === undefined) throw new FseError("bad sequences bitstream");
  runSequences(reader, { count, literals, out, frameStart: section.frameStart, state });
}

/** Sets `state[kind]` from the mode: predefined, RLE, an FSE description, or the previous table. */
function readTable(
  bytes: Uint8Array,
  table: {
    at: number;
    end: number;
    kind: "ll" | "of" | "ml";
    mode: number;
    state: ZstdSequenceState;
  },
): number {
  const { at, end, kind, mode, state } = table;
  switch (mode) {
    case 0:
      state[kind] = PREDEFINED_FSE[kind];
      return at;
    case 1:
      if (at >= end) throw new FseError("missing RLE symbol");
      if (bytes[at]! > KINDS[kind].maxSymbol) throw new FseError("RLE symbol out of range");
      state[kind] = rleFseTable(bytes[at]!);
      return at + 1;
    case 2: {
      const description = readFseDescription(bytes, { offset: at, end, ...KINDS[kind] });
      state[kind] = buildFseTable(description.counts, description.accuracyLog);
      return at + description.sizeBytes;
    }
    default:
      if (state[kind] === undefined) throw new FseError("repeat mode without a previous table");
      return at;
  }
}

function runSequences(
  reader: BackwardBitReader,
  run: {
    count: number;
    literals: Uint8Array;
    out: OutputBuffer;
    frameStart: number;
    state: ZstdSequenceState;
  },
): void {
  const { literals, out, state } = run;
  const ll = state.ll!;
  const of = state.of!;
  const ml = state.ml!;
  const reps = state.reps;
  let llState = reader.read(ll.accuracyLog);
  let ofState = reader.read(of.accuracyLog);
  let mlState = reader.read(ml.accuracyLog);
  let literalAt = 0;
  // A block regenerates at most 128 KiB: checked per sequence so a hostile block stops early.
  const blockEnd = out.length + ZSTD_BLOCK_BYTES_MAX;
  for (let i = 0; i < run.count; i++) {
    const ofCode = of.symbol[ofState]!;
    const mlCode = ml.symbol[mlState]!;
    const llCode = ll.symbol[llState]!;
    if (llCode > 35 || mlCode > 52) throw new FseError("length code out of range");
    const offsetValue = 2 ** ofCode + reader.read(ofCode);
    const matchLength = ML_BASE[mlCode]! + reader.read(ML_BITS[mlCode]!);
    const literalLength = LL_BASE[llCode]! + reader.read(LL_BITS[llCode]!);
    const offset = resolveOffset(reps, offsetValue, literalLength);
    if (i + 1 < run.count) {
      llState = ll.base[llState]! + reader.read(ll.numBits[llState]!);
      mlState = ml.base[mlState]! + reader.read(ml.numBits[mlState]!);
      ofState = of.base[ofState]! + reader.read(of.numBits[ofState]!);
    }
    if (reader.overflowed()) throw new FseError("sequences bitstream overrun");
    if (literalAt + literalLength > literals.length)
      throw new FseError("literal length past the literals");
    if (out.length + literalLength + matchLength > blockEnd) {
      throw new FseError("block regenerates too much");
    }
    out.append(literals.subarray(literalAt, literalAt + literalLength));
    literalAt += literalLength;
    if (offset === 0 || offset > out.length - run.frameStart)
      throw new FseError("match offset out of range");
    out.copyMatch(offset, matchLength);
  }
  if (reader.remaining() !== 0) throw new FseError("sequences bitstream not used up");
  out.append(literals.subarray(literalAt));
}

/** The offset a sequence means, updating the repeat offsets (RFC 8878 §3.1.2.5). */
function resolveOffset(
  reps: [number, number, number],
  offsetValue: number,
  literalLength: number,
): number {
  if (offsetValue > 3) {
    const offset = offsetValue - 3;
    reps[2] = reps[1];
    reps[1] = reps[0];
    reps[0] = offset;
    return offset;
  }
  const index = offsetValue + (literalLength === 0 ? 1 : 0);
  if (index === 1) return reps[0];
  const offset = index === 2 ? reps[1] : index === 3 ? reps[2] : reps[0] - 1;
  if (index !== 2) reps[2] = reps[1];
  reps[1] = reps[0];
  reps[0] = offset;
  return offset;
}
