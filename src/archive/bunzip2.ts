import { assert } from "../errors/assert.ts";
import { decodeBzip2Block } from "./bzip2-block.ts";
import { DecompressError, type DecompressErrorReason } from "./decompress-error.ts";
import { MsbBitReader } from "./msb-bit-reader.ts";
import { OutputBuffer } from "./output-buffer.ts";

/** Options of `bunzip2`. */
export interface Bunzip2Options {
  /** Largest decompressed size accepted; decoding stops as soon as it is exceeded. */
  readonly sizeBytesMax: number;
  /**
   * What to do with bytes after a stream that do not start another one: "error" as Go's
   * compress/bzip2 (the default), "ignore" as busybox's bunzip2.
   */
  readonly trailing?: "error" | "ignore";
}

const BLOCK_MAGIC_HIGH = 0x314159;
const BLOCK_MAGIC_LOW = 0x265359;
const END_MAGIC_HIGH = 0x177245;
const END_MAGIC_LOW = 0x385090;

/**
 * Decompresses bzip2 data: one or more concatenated streams (as `bzip2 -d` and Go's
 * compress/bzip2 accept), each block's and each stream's CRC verified. Corrupt or truncated
 * input raises `DecompressError` (Go's wording: `bzip2 data invalid: …`, `unexpected EOF`);
 * more than `sizeBytesMax` output raises `LimitExceededError` before it is all produced.
 */
export function bunzip2(bytes: Uint8Array, options: Bunzip2Options): Uint8Array {
  assert(options.sizeBytesMax >= 0, "bunzip2: sizeBytesMax must be non-negative");
  const out = new OutputBuffer({
    sizeBytesMax: options.sizeBytesMax,
    what: "bzip2 decompressed size in bytes",
    initialBytes: bytes.length * 4,
  });
  let offset = 0;
  let tt = new Uint32Array(0);
  const verified = { length: 0 };
  try {
    do {
      const level = streamLevel(bytes, offset);
      if (tt.length < level * 100_000) tt = new Uint32Array(level * 100_000);
      offset = decodeStream(bytes, { offset: offset + 4, level, out, tt, verified });
    } while (
      offset < bytes.length &&
      !(options.trailing === "ignore" && !startsStream(bytes, offset))
    );
  } catch (error) {
    if (error instanceof DecompressError) {
      error.partialOutput = out.bytes.slice(0, verified.length);
    }
    throw error;
  }
  return out.result();
}

function startsStream(bytes: Uint8Array, offset: number): boolean {
  return bytes[offset] === 0x42 && bytes[offset + 1] === 0x5a && bytes[offset + 2] === 0x68;
}

/** Checks a stream header (`BZh1`–`BZh9`) at `offset`; returns its level. */
function streamLevel(bytes: Uint8Array, offset: number): number {
  const continuation = offset > 0 ? " in continuation file" : "";
  for (let i = 0; i < 3; i++) {
    if (offset + i >= bytes.length) throw bzip2Error("truncated", "unexpected EOF", offset);
    if (bytes[offset + i] === "BZh".charCodeAt(i)) continue;
    const detail = i < 2 ? `bad magic value${continuation}` : "non-Huffman entropy encoding";
    throw bzip2Error("format", `bzip2 data invalid: ${detail}`, offset);
  }
  const level = (bytes[offset + 3] ?? -1) - 0x30;
  if (offset + 3 >= bytes.length) throw bzip2Error("truncated", "unexpected EOF", offset);
  if (level < 1 || level > 9) {
    throw bzip2Error("format", "bzip2 data invalid: invalid compression level", offset + 3);
  }
  return level;
}

/** Decodes the blocks of one stream; returns the offset just past it. */
function decodeStream(
  bytes: Uint8Array,
  stream: {
    offset: number;
    level: number;
    out: OutputBuffer;
    tt: Uint32Array;
    /** How much of `out` belongs to blocks whose CRC matched. */
    verified: { length: number };
  },
): number {
  const { out } = stream;
  const reader = new MsbBitReader(bytes, {
    offset: stream.offset,
    onTruncated: () => {
      throw bzip2Error("truncated", "unexpected EOF", bytes.length);
    },
  });
  const fail = (reason: "corrupt" | "unsupported", detail: string): never => {
    throw bzip2Error(reason, `bzip2 data invalid: ${detail}`, reader.bytePosition());
  };
  let combinedCrc = 0;
  for (;;) {
    const high = reader.bits(24);
    const low = reader.bits(24);
    const storedCrc = reader.bits32();
    if (high === END_MAGIC_HIGH && low === END_MAGIC_LOW) {
      if (storedCrc !== combinedCrc) {
        throw bzip2Error("checksum", "bzip2 data invalid: file checksum mismatch", -1);
      }
      break;
    }
    if (high !== BLOCK_MAGIC_HIGH || low !== BLOCK_MAGIC_LOW)
      fail("corrupt", "bad magic value found");
    const blockCrc = decodeBzip2Block({
      reader,
      out,
      blockSizeMax: stream.level * 100_000,
      tt: stream.tt,
      fail,
    });
    if (blockCrc !== storedCrc) {
      throw bzip2Error("checksum", "bzip2 data invalid: block checksum mismatch", -1);
    }
    combinedCrc = (((combinedCrc << 1) | (combinedCrc >>> 31)) ^ blockCrc) >>> 0;
    stream.verified.length = out.length;
  }
  reader.alignToByte();
  return reader.bytePosition();
}

function bzip2Error(
  reason: DecompressErrorReason,
  message: string,
  offset: number,
): DecompressError {
  return new DecompressError({ codec: "bzip2", reason, message, offset });
}
