import { assert } from "../errors/assert.ts";
import { DecompressError, type DecompressErrorReason } from "./decompress-error.ts";
import { LzmaDecoder } from "./lzma-decoder.ts";
import { OutputBuffer } from "./output-buffer.ts";
import { RangeDecoder } from "./range-decoder.ts";

/** Options of `unlzma`. */
export interface UnlzmaOptions {
  /** Largest decompressed size accepted; decoding stops as soon as it is exceeded. */
  readonly sizeBytesMax: number;
}

const HEADER_SIZE = 13;

/**
 * Decompresses the legacy `.lzma` ("LZMA_Alone") format: a 13-byte header (properties byte,
 * dictionary size, uncompressed size or all ones for "unknown, ends with a marker") and one
 * LZMA stream. A known size stops decoding there (an end marker may follow); an unknown one
 * needs the marker. Messages are xz-utils'.
 */
export function unlzma(bytes: Uint8Array, options: UnlzmaOptions): Uint8Array {
  assert(options.sizeBytesMax >= 0, "unlzma: sizeBytesMax must be non-negative");
  let out: OutputBuffer | undefined;
  const fail = (reason: DecompressErrorReason, detail: string, offset: number): never => {
    const message =
      reason === "truncated"
        ? "Unexpected end of input"
        : reason === "format"
          ? "File format not recognized"
          : "Compressed data is corrupt";
    const error = new DecompressError({ codec: "lzma", reason, message, offset, detail });
    if (out !== undefined) error.partialOutput = out.result().slice();
    throw error;
  };
  if (bytes.length < HEADER_SIZE) fail("truncated", "header cut short", bytes.length);
  let props = bytes[0]!;
  if (props > 224) fail("format", "invalid properties byte", 0);
  const lc = props % 9;
  props = Math.floor(props / 9);
  const lp = props % 5;
  const pb = Math.floor(props / 5);
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_SIZE);
  const sizeLow = view.getUint32(5, true);
  const sizeHigh = view.getUint32(9, true);
  const unknownSize = sizeLow === 0xffffffff && sizeHigh === 0xffffffff;
  const size = sizeHigh * 2 ** 32 + sizeLow;
  out = new OutputBuffer({
    sizeBytesMax: options.sizeBytesMax,
    what: "lzma decompressed size in bytes",
    initialBytes: unknownSize ? bytes.length * 4 : Math.min(size, options.sizeBytesMax),
  });
  const rc = new RangeDecoder(bytes, {
    offset: HEADER_SIZE,
    end: bytes.length,
    onTruncated: () => fail("truncated", "data cut short", bytes.length),
  });
  if (!rc.init()) fail("corrupt", "invalid range coder start", HEADER_SIZE);
  const lzma = new LzmaDecoder();
  lzma.setProperties({ lc, lp, pb });
  const endLength = unknownSize ? Number.POSITIVE_INFINITY : size;
  const result = lzma.decode(rc, out, { dictStart: 0, endLength });
  if (result === "bad-distance" || result === "bad-length") fail("corrupt", result, rc.pos);
  if (result === "end-marker" && !unknownSize)
    fail("corrupt", "end marker before the size was reached", rc.pos);
  if (result === "end-marker" && !rc.finish()) fail("corrupt", "range coder not flushed", rc.pos);
  return out.result();
}
