import { FseError } from "./zstd-fse.ts";
import {
  decodeHuffmanStream,
  readHuffmanDescription,
  type ZstdHuffmanTable,
} from "./zstd-huffman.ts";

/** The largest block content zstd allows (Block_Maximum_Size). */
export const ZSTD_BLOCK_BYTES_MAX = 128 * 1024;

/** What a compressed block's literals section gave: the literals and where sequences start. */
export interface ZstdLiterals {
  readonly literals: Uint8Array;
  readonly end: number;
}

/**
 * Decodes the literals section at `offset` (RFC 8878 §3.1.1.3.1): raw, RLE, Huffman-compressed
 * with a new table, or "treeless" with the frame's previous table (kept in `frame.huffman`).
 */
export function decodeZstdLiterals(
  bytes: Uint8Array,
  section: { offset: number; end: number; frame: { huffman: ZstdHuffmanTable | undefined } },
): ZstdLiterals {
  const { offset, end, frame } = section;
  const byte0 = bytes[offset]!;
  const type = byte0 & 3;
  const sizeFormat = (byte0 >>> 2) & 3;
  const need = (n: number): void => {
    if (offset + n > end) throw new FseError("literals header runs past the block");
  };
  if (type <= 1) {
    const headerSize = sizeFormat === 1 ? 2 : sizeFormat === 3 ? 3 : 1;
    need(headerSize);
    const size =
      headerSize === 1
        ? byte0 >>> 3
        : headerSize === 2
          ? (byte0 >>> 4) + (bytes[offset + 1]! << 4)
          : (byte0 >>> 4) + (bytes[offset + 1]! << 4) + (bytes[offset + 2]! << 12);
    if (size > ZSTD_BLOCK_BYTES_MAX) throw new FseError("literals too long");
    const start = offset + headerSize;
    if (type === 0) {
      if (start + size > end) throw new FseError("raw literals run past the block");
      return { literals: bytes.subarray(start, start + size), end: start + size };
    }
    need(headerSize + 1);
    return { literals: new Uint8Array(size).fill(bytes[start]!), end: start + 1 };
  }
  const headerSize = sizeFormat <= 1 ? 3 : sizeFormat + 2;
  need(headerSize);
  let header = 0;
  for (let i = headerSize - 1; i >= 0; i--) header = header * 256 + bytes[offset + i]!;
  const sizeBits = sizeFormat <= 1 ? 10 : sizeFormat === 2 ? 14 : 18;
  const field = Math.floor(header / 16);
  const regenerated = field % 2 ** sizeBits;
  const compressed = Math.floor(field / 2 ** sizeBits) % 2 ** sizeBits;
  if (regenerated > ZSTD_BLOCK_BYTES_MAX) throw new FseError("literals too long");
  let at = offset + headerSize;
  const sectionEnd = at + compressed;
  if (sectionEnd > end) throw new FseError("compressed literals run past the block");
  if (type === 2) {
    const description = readHuffmanDescription(bytes, { offset: at, end: sectionEnd });
    frame.huffman = description.table;
    at += description.sizeBytes;
  } else if (frame.huffman === undefined) {
    throw new FseError("treeless literals without a previous table");
  }
  const table = frame.huffman!;
  const literals = new Uint8Array(regenerated);
  if (sizeFormat === 0) {
    decodeHuffmanStream(bytes, {
      start: at,
      end: sectionEnd,
      table,
      out: literals,
      at: 0,
      count: regenerated,
    });
  } else {
    decodeFourStreams(bytes, { start: at, end: sectionEnd, table, literals });
  }
  return { literals, end: sectionEnd };
}

/** Four Huffman streams after a 6-byte jump table; the first three hold ⌈n/4⌉ literals each. */
function decodeFourStreams(
  bytes: Uint8Array,
  streams: { start: number; end: number; table: ZstdHuffmanTable; literals: Uint8Array },
): void {
  const { start, end, table, literals } = streams;
  if (start + 6 > end) throw new FseError("missing jump table");
  const sizes = [0, 2, 4].map((i) => bytes[start + i]! | (bytes[start + i + 1]! << 8));
  const quarter = Math.ceil(literals.length / 4);
  let at = start + 6;
  for (let i = 0; i < 4; i++) {
    const streamEnd = i < 3 ? at + sizes[i]! : end;
    if (streamEnd > end || streamEnd < at)
      throw new FseError("Huffman streams overrun the literals");
    const first = i * quarter;
    const count = Math.max(0, Math.min(quarter, literals.length - first));
    decodeHuffmanStream(bytes, {
      start: at,
      end: streamEnd,
      table,
      out: literals,
      at: first,
      count,
    });
    at = streamEnd;
  }
}
