import { crc32 } from "./crc32.ts";
import { decodeLzma2 } from "./lzma2.ts";
import type { OutputBuffer } from "./output-buffer.ts";
import { xzCheck, xzCheckSize } from "./xz-check.ts";

/** xz's own words for what went wrong (xz-utils' `message_strm`). */
export type XzFailure = "format" | "options" | "corrupt" | "checksum" | "truncated" | "filters";

/** Reports a failure at input offset `at`; must throw. */
export type XzFail = (failure: XzFailure, detail: string, at: number) => never;

const HEADER_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const LZMA2_FILTER_ID = 0x21;
const DICT_PROPS_MAX = 40;

interface BlockRecord {
  readonly unpaddedSize: number;
  readonly uncompressedSize: number;
}

/** Cursor over one xz stream. */
interface StreamCursor {
  readonly bytes: Uint8Array;
  readonly out: OutputBuffer;
  readonly fail: XzFail;
  pos: number;
}

/**
 * Decodes the xz stream at `offset` (header, blocks, index, footer) into `out`, checking every
 * CRC, each block's check and the index against the blocks; returns the offset after the footer.
 */
export function decodeXzStream(input: {
  bytes: Uint8Array;
  offset: number;
  out: OutputBuffer;
  fail: XzFail;
  /** "crc32": verify only CRC-32 block checks (busybox's xz-embedded). */
  checks: "all" | "crc32";
}): number {
  const cursor: StreamCursor = { ...input, pos: input.offset };
  const { bytes, fail } = cursor;
  need(cursor, 12);
  if (!HEADER_MAGIC.every((byte, i) => bytes[input.offset + i] === byte)) {
    fail("format", "bad stream header magic", input.offset);
  }
  const flags = bytes.subarray(input.offset + 6, input.offset + 8);
  if (crc32(flags) !== readUint32(bytes, input.offset + 8)) {
    fail("corrupt", "stream header CRC mismatch", input.offset);
  }
  if (flags[0] !== 0 || (flags[1]! & 0xf0) !== 0)
    fail("options", "unknown stream flags", input.offset + 6);
  const checkType = flags[1]! & 0x0f;
  cursor.pos += 12;
  const records: BlockRecord[] = [];
  for (;;) {
    need(cursor, 1);
    if (bytes[cursor.pos] === 0) break;
    const verified = input.checks === "all" || checkType === 1 ? checkType : -1;
    records.push(decodeBlock(cursor, { checkType, verified }));
  }
  const indexSize = readIndex(cursor, records);
  need(cursor, 12);
  const footer = cursor.pos;
  if (bytes[footer + 10] !== 0x59 || bytes[footer + 11] !== 0x5a) {
    fail("corrupt", "bad stream footer magic", footer);
  }
  if (crc32(bytes.subarray(footer + 4, footer + 10)) !== readUint32(bytes, footer)) {
    fail("corrupt", "stream footer CRC mismatch", footer);
  }
  if ((readUint32(bytes, footer + 4) + 1) * 4 !== indexSize)
    fail("corrupt", "backward size mismatch", footer);
  if (bytes[footer + 8] !== flags[0] || bytes[footer + 9] !== flags[1]) {
    fail("corrupt", "stream flags differ between header and footer", footer);
  }
  return footer + 12;
}

/** Decodes one block (header, LZMA2 data, padding, check). */
function decodeBlock(
  cursor: StreamCursor,
  check: { checkType: number; verified: number },
): BlockRecord {
  const { checkType } = check;
  const { bytes, out, fail } = cursor;
  const headerStart = cursor.pos;
  const headerSize = (bytes[headerStart]! + 1) * 4;
  need(cursor, headerSize);
  const headerEnd = headerStart + headerSize;
  if (crc32(bytes.subarray(headerStart, headerEnd - 4)) !== readUint32(bytes, headerEnd - 4)) {
    fail("corrupt", "block header CRC mismatch", headerStart);
  }
  const blockFlags = bytes[headerStart + 1]!;
  if (blockFlags & 0x3c) fail("options", "reserved block flags set", headerStart + 1);
  cursor.pos = headerStart + 2;
  const compressedSize = blockFlags & 0x40 ? readVli(cursor, headerEnd - 4) : undefined;
  const uncompressedSize = blockFlags & 0x80 ? readVli(cursor, headerEnd - 4) : undefined;
  readFilters(cursor, { filterCount: (blockFlags & 3) + 1, end: headerEnd - 4 });
  if (bytes.subarray(cursor.pos, headerEnd - 4).some((byte) => byte !== 0)) {
    fail("options", "block header padding is not zero", cursor.pos);
  }
  const blockStart = out.length;
  const dataEnd = decodeLzma2({
    bytes,
    offset: headerEnd,
    out,
    fail: (reason, detail, at) =>
      fail(reason === "truncated" ? "truncated" : "corrupt", detail, at),
  });
  const compressed = dataEnd - headerEnd;
  const produced = out.length - blockStart;
  if (compressedSize !== undefined && compressedSize !== compressed) {
    fail("corrupt", "compressed size differs from block header", dataEnd);
  }
  if (uncompressedSize !== undefined && uncompressedSize !== produced) {
    fail("corrupt", "uncompressed size differs from block header", dataEnd);
  }
  cursor.pos = dataEnd;
  skipPadding(cursor, (4 - (compressed % 4)) % 4);
  const checkSize = xzCheckSize(checkType);
  need(cursor, checkSize);
  const expected = xzCheck(check.verified, out.bytes.subarray(blockStart, out.length));
  const stored = bytes.subarray(cursor.pos, cursor.pos + checkSize);
  if (expected !== undefined && !expected.every((byte, i) => byte === stored[i])) {
    fail("checksum", "block check mismatch", cursor.pos);
  }
  cursor.pos += checkSize;
  return { unpaddedSize: headerSize + compressed + checkSize, uncompressedSize: produced };
}

/** Reads the filter flags; only a lone LZMA2 filter is supported (what xz writes by default). */
function readFilters(cursor: StreamCursor, header: { filterCount: number; end: number }): void {
  const { bytes, fail } = cursor;
  for (let i = 0; i < header.filterCount; i++) {
    const id = readVli(cursor, header.end);
    const propsSize = readVli(cursor, header.end);
    if (cursor.pos + propsSize > header.end)
      fail("options", "filter properties overrun header", cursor.pos);
    const last = i === header.filterCount - 1;
    if (!last || id !== LZMA2_FILTER_ID) {
      fail("filters", `filter 0x${id.toString(16)} is not supported by drydock`, cursor.pos);
    }
    if (
      propsSize !== 1 ||
      (bytes[cursor.pos]! & 0xc0) !== 0 ||
      bytes[cursor.pos]! > DICT_PROPS_MAX
    ) {
      fail("options", "invalid LZMA2 properties", cursor.pos);
    }
    cursor.pos += propsSize;
  }
}

/** Reads and checks the index; returns its size in bytes. */
function readIndex(cursor: StreamCursor, records: readonly BlockRecord[]): number {
  const { bytes, fail } = cursor;
  const start = cursor.pos;
  cursor.pos++;
  const count = readVli(cursor, bytes.length);
  if (count !== records.length) fail("corrupt", "index record count mismatch", start);
  for (const record of records) {
    const unpadded = readVli(cursor, bytes.length);
    const uncompressed = readVli(cursor, bytes.length);
    if (unpadded !== record.unpaddedSize || uncompressed !== record.uncompressedSize) {
      fail("corrupt", "index record mismatch", cursor.pos);
    }
  }
  skipPadding(cursor, (4 - ((cursor.pos - start) % 4)) % 4);
  need(cursor, 4);
  if (crc32(bytes.subarray(start, cursor.pos)) !== readUint32(bytes, cursor.pos)) {
    fail("corrupt", "index CRC mismatch", cursor.pos);
  }
  cursor.pos += 4;
  return cursor.pos - start;
}

/** A variable-length integer: 7 bits per byte, least significant first, at most 9 bytes. */
function readVli(cursor: StreamCursor, end: number): number {
  const { bytes, fail } = cursor;
  let value = 0;
  for (let i = 0; i < 9; i++) {
    if (cursor.pos >= end) {
      fail(
        end === bytes.length ? "truncated" : "options",
        "integer runs past its field",
        cursor.pos,
      );
    }
    const byte = bytes[cursor.pos++]!;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) {
      if (byte === 0 && i > 0) fail("corrupt", "integer not minimally encoded", cursor.pos - 1);
      return value;
    }
  }
  return fail("corrupt", "integer longer than 9 bytes", cursor.pos);
}

function skipPadding(cursor: StreamCursor, count: number): void {
  need(cursor, count);
  for (let i = 0; i < count; i++) {
    if (cursor.bytes[cursor.pos++] !== 0)
      cursor.fail("corrupt", "padding is not zero", cursor.pos - 1);
  }
}

function need(cursor: StreamCursor, count: number): void {
  if (cursor.pos + count > cursor.bytes.length) {
    cursor.fail("truncated", "unexpected end of input", cursor.bytes.length);
  }
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (bytes[offset]! |
      (bytes[offset + 1]! << 8) |
      (bytes[offset + 2]! << 16) |
      (bytes[offset + 3]! << 24)) >>>
    0
  );
}
