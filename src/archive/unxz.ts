import { assert } from "../errors/assert.ts";
import { DecompressError, type DecompressErrorReason } from "./decompress-error.ts";
import { OutputBuffer } from "./output-buffer.ts";
import { decodeXzStream, type XzFailure } from "./xz-stream.ts";

/** Options of `unxz`. */
export interface UnxzOptions {
  /** Largest decompressed size accepted; decoding stops as soon as it is exceeded. */
  readonly sizeBytesMax: number;
  /**
   * Which block checks to verify: "all" that xz-utils verifies (the default), or "crc32" only,
   * as busybox's xz-embedded decoder, which skips CRC-64 and SHA-256.
   */
  readonly checks?: "all" | "crc32";
  /**
   * Data that is not an xz stream, at the start or after a stream's padding: an error for
   * xz-utils (the default), where busybox's unxz quietly stops ("ignore"; it then also
   * rejects stream padding at the very end of the input, as busybox does).
   */
  readonly trailing?: "error" | "ignore";
}

/** xz-utils' messages (`xz: (stdin): …`) and the reason each stands for. */
const FAILURES: Readonly<Record<XzFailure, { message: string; reason: DecompressErrorReason }>> = {
  format: { message: "File format not recognized", reason: "format" },
  options: { message: "Unsupported options", reason: "unsupported" },
  corrupt: { message: "Compressed data is corrupt", reason: "corrupt" },
  checksum: { message: "Compressed data is corrupt", reason: "checksum" },
  truncated: { message: "Unexpected end of input", reason: "truncated" },
  filters: { message: "Unsupported filter chain or filter options", reason: "unsupported" },
};

/**
 * Decompresses xz data (`.xz`): one or more streams, each followed by optional stream padding
 * (null bytes in multiples of four), as `xz -d` reads them. Every header, index and footer CRC
 * is verified and so is each block's check (CRC-32, CRC-64 or SHA-256; other check types are
 * skipped, as xz does with a warning). Only the LZMA2 filter is supported (`Unimplemented`
 * otherwise). Messages are xz-utils' (`Compressed data is corrupt`, `Unexpected end of input`);
 * the specific cause is in the error's `data.detail`.
 */
export function unxz(bytes: Uint8Array, options: UnxzOptions): Uint8Array {
  assert(options.sizeBytesMax >= 0, "unxz: sizeBytesMax must be non-negative");
  const out = new OutputBuffer({
    sizeBytesMax: options.sizeBytesMax,
    what: "xz decompressed size in bytes",
    initialBytes: bytes.length * 4,
  });
  const fail = (failure: XzFailure, detail: string, at: number): never => {
    const { message, reason } = FAILURES[failure];
    throw new DecompressError({ codec: "xz", reason, message, offset: at, detail });
  };
  const ignoreTrailing = options.trailing === "ignore";
  if (bytes.length === 0 && !ignoreTrailing) fail("truncated", "empty input", 0);
  const checks = options.checks ?? "all";
  let offset = 0;
  try {
    while (offset < bytes.length) {
      if (ignoreTrailing && !startsStream(bytes, offset)) break;
      offset = decodeXzStream({ bytes, offset, out, fail, checks });
      let zeros = 0;
      while (offset + zeros < bytes.length && bytes[offset + zeros] === 0) zeros++;
      // Padding comes in whole 4-byte groups; anything else after a stream is not xz.
      if (zeros % 4 !== 0 && !ignoreTrailing) {
        fail("corrupt", "stream padding is not a multiple of four", offset);
      }
      offset += zeros;
      // busybox's unxz accepts padding between streams but calls it corrupt at the very end.
      if (ignoreTrailing && zeros > 0 && offset === bytes.length) {
        fail("corrupt", "stream padding at the end of the input", offset);
      }
    }
  } catch (error) {
    if (error instanceof DecompressError) error.partialOutput = out.result().slice();
    throw error;
  }
  return out.result();
}

function startsStream(bytes: Uint8Array, offset: number): boolean {
  return [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00].every((byte, i) => bytes[offset + i] === byte);
}
