import { assert } from "../errors/assert.ts";
import { DecompressError, type DecompressErrorReason } from "./decompress-error.ts";
import { OutputBuffer } from "./output-buffer.ts";
import { xxhash64Low32 } from "./xxhash64.ts";
import { FseError } from "./zstd-fse.ts";
import type { ZstdHuffmanTable } from "./zstd-huffman.ts";
import { decodeZstdLiterals, ZSTD_BLOCK_BYTES_MAX } from "./zstd-literals.ts";
import { executeZstdSequences, type ZstdSequenceState } from "./zstd-sequences.ts";

/** Options of `unzstd`. */
export interface UnzstdOptions {
  /** Largest decompressed size accepted; decoding stops as soon as it is exceeded. */
  readonly sizeBytesMax: number;
}

const FRAME_MAGIC = 0xfd2fb528;

/**
 * Decompresses zstd data (RFC 8878): one or more frames, skippable frames skipped, each block
 * checked against the format's limits and each frame's content checksum (XXH64) verified when
 * present. Frames that need a dictionary are refused (`Unimplemented`). Failures raise
 * `DecompressError` with zstd's own words (`Unknown frame descriptor`, `Data corruption
 * detected`, `Restored data doesn't match checksum`, …); more than `sizeBytesMax` output raises
 * `LimitExceededError`.
 */
export function unzstd(bytes: Uint8Array, options: UnzstdOptions): Uint8Array {
  assert(options.sizeBytesMax >= 0, "unzstd: sizeBytesMax must be non-negative");
  const out = new OutputBuffer({
    sizeBytesMax: options.sizeBytesMax,
    what: "zstd decompressed size in bytes",
    initialBytes: bytes.length * 4,
  });
  if (bytes.length === 0) throw zstdError("truncated", "Src size is incorrect", 0);
  let offset = 0;
  try {
    while (offset < bytes.length) offset = decodeFrame(bytes, offset, out);
  } catch (error) {
    const failure =
      error instanceof FseError
        ? zstdError("corrupt", "Data corruption detected", offset, error.message)
        : error;
    if (failure instanceof DecompressError) failure.partialOutput = out.result().slice();
    throw failure;
  }
  return out.result();
}

function zstdError(
  reason: DecompressErrorReason,
  message: string,
  offset: number,
  detail?: string,
): DecompressError {
  return new DecompressError({ codec: "zstd", reason, message, offset, detail });
}

function read32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  );
}

/** Decodes (or skips) the frame at `offset`; returns the offset after it. */
function decodeFrame(bytes: Uint8Array, offset: number, out: OutputBuffer): number {
  if (offset + 4 > bytes.length) throw zstdError("truncated", "Src size is incorrect", offset);
  const magic = read32(bytes, offset);
  if ((magic & 0xfffffff0) === 0x184d2a50) {
    if (offset + 8 > bytes.length) throw zstdError("truncated", "Src size is incorrect", offset);
    const end = offset + 8 + read32(bytes, offset + 4);
    if (end > bytes.length) throw zstdError("truncated", "Src size is incorrect", offset);
    return end;
  }
  if (magic !== FRAME_MAGIC) throw zstdError("format", "Unknown frame descriptor", offset);
  const header = readFrameHeader(bytes, offset + 4);
  const frameStart = out.length;
  const state: ZstdSequenceState & { huffman: ZstdHuffmanTable | undefined } = {
    ...{ ll: undefined, ml: undefined, of: undefined, huffman: undefined },
    reps: [1, 4, 8],
  };
  let at = header.end;
  for (let last = false; !last; ) {
    if (at + 3 > bytes.length) throw zstdError("truncated", "Src size is incorrect", at);
    const blockHeader = bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
    last = (blockHeader & 1) === 1;
    const type = (blockHeader >>> 1) & 3;
    const size = blockHeader >>> 3;
    at += 3;
    if (type === 3)
      throw zstdError("corrupt", "Data corruption detected", at - 3, "reserved block type");
    if (size > Math.min(header.windowBytes, ZSTD_BLOCK_BYTES_MAX)) {
      throw zstdError("corrupt", "Data corruption detected", at - 3, "block too large");
    }
    const contentEnd = type === 1 ? at + 1 : at + size;
    if (contentEnd > bytes.length)
      throw zstdError("truncated", "Src size is incorrect", bytes.length);
    if (type === 0) out.append(bytes.subarray(at, contentEnd));
    else if (type === 1) {
      out.reserve(size);
      out.bytes.fill(bytes[at]!, out.length, out.length + size);
      out.length += size;
    } else {
      const literals = decodeZstdLiterals(bytes, { offset: at, end: contentEnd, frame: state });
      const before = out.length;
      executeZstdSequences(bytes, {
        offset: literals.end,
        end: contentEnd,
        literals: literals.literals,
        out,
        frameStart,
        state,
      });
      if (out.length - before > ZSTD_BLOCK_BYTES_MAX)
        throw new FseError("block regenerates too much");
    }
    at = contentEnd;
  }
  const produced = out.length - frameStart;
  if (header.contentSize !== undefined && header.contentSize !== produced) {
    throw zstdError("corrupt", "Data corruption detected", at, "frame content size mismatch");
  }
  if (!header.checksum) return at;
  if (at + 4 > bytes.length) throw zstdError("truncated", "Src size is incorrect", at);
  if (read32(bytes, at) !== xxhash64Low32(out.bytes.subarray(frameStart, out.length))) {
    throw zstdError("checksum", "Restored data doesn't match checksum", at);
  }
  return at + 4;
}

/** The frame header after the magic (RFC 8878 §3.1.1.1). */
function readFrameHeader(
  bytes: Uint8Array,
  offset: number,
): { end: number; windowBytes: number; contentSize: number | undefined; checksum: boolean } {
  if (offset >= bytes.length) throw zstdError("truncated", "Src size is incorrect", offset);
  const descriptor = bytes[offset]!;
  const sizeFlag = descriptor >>> 6;
  const singleSegment = (descriptor & 0x20) !== 0;
  if (descriptor & 0x08)
    throw zstdError("format", "Unsupported frame parameter", offset, "reserved bit set");
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3]!;
  const sizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][sizeFlag]!;
  let at = offset + 1;
  const end = at + (singleSegment ? 0 : 1) + dictionaryBytes + sizeBytes;
  if (end > bytes.length) throw zstdError("truncated", "Src size is incorrect", offset);
  let windowBytes = Number.POSITIVE_INFINITY;
  if (!singleSegment) {
    const window = bytes[at++]!;
    const log = 10 + (window >>> 3);
    if (log > 31) throw zstdError("format", "Frame requires too much memory for decoding", at - 1);
    windowBytes = 2 ** log + (2 ** log / 8) * (window & 7);
  }
  let dictionary = 0;
  for (let i = 0; i < dictionaryBytes; i++) dictionary += bytes[at++]! * 2 ** (8 * i);
  if (dictionary !== 0)
    throw zstdError("unsupported", "Dictionary mismatch", offset, "dictionaries are not supported");
  let contentSize: number | undefined;
  if (sizeBytes > 0) {
    contentSize = 0;
    for (let i = 0; i < sizeBytes; i++) contentSize += bytes[at++]! * 2 ** (8 * i);
    if (sizeBytes === 2) contentSize += 256;
  }
  if (singleSegment) windowBytes = contentSize ?? 0;
  return { end, windowBytes, contentSize, checksum: (descriptor & 0x04) !== 0 };
}
