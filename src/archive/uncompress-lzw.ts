import { assert } from "../errors/assert.ts";
import { DecompressError } from "./decompress-error.ts";
import { OutputBuffer } from "./output-buffer.ts";

/** Options of `uncompressLzw`. */
export interface UncompressLzwOptions {
  /** Largest decompressed size accepted; decoding stops as soon as it is exceeded. */
  readonly sizeBytesMax: number;
}

const BITS_MAX = 16;
const INIT_BITS = 9;
const CLEAR = 256;

/**
 * Decompresses Unix `compress` data (`.Z`: magic `1f 9d`, LZW with 9–16-bit codes), as
 * ncompress and busybox's `uncompress` read it, including their quirk: when the code width
 * grows or the table is cleared, the rest of the current group of eight codes is skipped.
 * Messages are busybox's (`corrupted data`).
 */
export function uncompressLzw(bytes: Uint8Array, options: UncompressLzwOptions): Uint8Array {
  assert(options.sizeBytesMax >= 0, "uncompressLzw: sizeBytesMax must be non-negative");
  const out = new OutputBuffer({
    sizeBytesMax: options.sizeBytesMax,
    what: "compress decompressed size in bytes",
  });
  const fail = (message: string, offset: number): never => {
    const error = new DecompressError({ codec: "compress", reason: "corrupt", message, offset });
    error.partialOutput = out.result().slice();
    throw error;
  };
  if (bytes.length < 3 || bytes[0] !== 0x1f || bytes[1] !== 0x9d) fail("invalid magic", 0);
  const flags = bytes[2]!;
  const maxBits = flags & 0x1f;
  const blockMode = (flags & 0x80) !== 0;
  if (maxBits > BITS_MAX)
    fail(`compressed with ${maxBits} bits, can only handle ${BITS_MAX} bits`, 2);
  const maxMaxCode = 1 << maxBits;
  const prefix = new Uint16Array(1 << BITS_MAX);
  const suffix = new Uint8Array(1 << BITS_MAX);
  for (let i = 0; i < 256; i++) suffix[i] = i;
  const stack = new Uint8Array(1 << BITS_MAX);
  const endBits = bytes.length * 8;
  let bits = INIT_BITS;
  // As ncompress, 9-bit codes start with a 9-bit table even when -b 9 asked for no growth:
  // such files (rare) fail here as they do in busybox and gzip.
  const widest = (): number => (bits === maxBits ? maxMaxCode : (1 << bits) - 1);
  let maxCode = (1 << bits) - 1;
  let freeEntry = blockMode ? 257 : 256;
  let pos = 24;
  let groupStart = pos;
  let oldCode = -1;
  let finChar = 0;
  const realign = (): void => {
    const group = bits * 8;
    pos = groupStart + Math.ceil((pos - groupStart) / group) * group;
    groupStart = pos;
  };
  for (;;) {
    if (freeEntry > maxCode) {
      realign();
      bits++;
      maxCode = widest();
    }
    if (pos + bits > endBits) break;
    let code = readCode(bytes, pos, bits);
    pos += bits;
    if (oldCode === -1) {
      if (code >= 256) fail("corrupted data", pos >> 3);
      finChar = oldCode = code;
      out.reserve(1);
      out.bytes[out.length++] = code;
      continue;
    }
    if (code === CLEAR && blockMode) {
      prefix.fill(0);
      freeEntry = 256;
      realign();
      bits = INIT_BITS;
      maxCode = (1 << bits) - 1;
      continue;
    }
    const inCode = code;
    let top = stack.length;
    if (code >= freeEntry) {
      if (code > freeEntry) fail("corrupted data", pos >> 3);
      stack[--top] = finChar;
      code = oldCode;
    }
    while (code >= 256) {
      stack[--top] = suffix[code]!;
      code = prefix[code]!;
    }
    finChar = suffix[code]!;
    stack[--top] = finChar;
    out.append(stack.subarray(top));
    if (freeEntry < maxMaxCode) {
      prefix[freeEntry] = oldCode;
      suffix[freeEntry] = finChar;
      freeEntry++;
    }
    oldCode = inCode;
  }
  return out.result();
}

/** `bits` bits at bit `pos`, least significant first. */
function readCode(bytes: Uint8Array, pos: number, bits: number): number {
  const at = pos >> 3;
  const word = bytes[at]! | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16);
  return (word >>> (pos & 7)) & ((1 << bits) - 1);
}
