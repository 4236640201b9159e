import { FlateErrorCode, Gunzip, gzipSync } from "fflate";
import { assert } from "../errors/assert.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { crc32 } from "./crc32.ts";
import { GzipFormatError } from "./gzip-format-error.ts";

/** A deflate compression level: 0 stores, 9 compresses hardest. */
export type GzipLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** Options of `gzip`. */
export interface GzipOptions {
  /** Deflate level; default 6, as Go's `gzip.DefaultCompression` that Docker uses. */
  readonly level?: GzipLevel;
}

/** Options of `gunzip`. */
export interface GunzipOptions {
  /** Largest decompressed size accepted; decompression stops as soon as it is exceeded. */
  readonly sizeBytesMax: number;
}

/**
 * Compresses `bytes` into one gzip member with fflate. The output is byte-stable: the header's
 * mtime is 0 and no file name is stored, so it reads `1f 8b 08 00 00 00 00 00 XFL 03`, where
 * fflate sets XFL to 4 for levels 0–1, 2 for level 9 and 0 otherwise, and OS to 3 (Unix).
 * Docker's Go gzip writes `… 00 ff` and a different deflate stream, so compressed digests differ
 * from Docker's while the uncompressed diffIDs match.
 */
export function gzip(bytes: Uint8Array, options: GzipOptions = {}): Uint8Array {
  const level = options.level ?? 6;
  if (!Number.isInteger(level) || level < 0 || level > 9) {
    throw new DrydockError("InvalidArgument", `gzip: invalid compression level ${level}`);
  }
  return gzipSync(bytes, { level, mtime: 0 });
}

/** True when `bytes` starts with the gzip magic and method (`1f 8b 08`), as Docker checks. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

/**
 * A complete, empty gzip member appended after the input. fflate reports where each member
 * starts (`onmember`) but not where the last one ends, and it neither checks trailers nor
 * notices a cut-off trailer; the offset at which it finds this sentinel is exactly the end of
 * the real input's last member, which is what the trailer check needs.
 */
const SENTINEL_MEMBER: Uint8Array = Uint8Array.from([
  ...[0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03], // header
  ...[0x03, 0x00], // one empty, final, fixed-Huffman block
  ...[0, 0, 0, 0, 0, 0, 0, 0], // CRC-32 and size of nothing
]);

/**
 * Deflate expands at most 1032:1. Feeding fflate at most (remaining budget + slack) / 1032 bytes
 * per step means that at most `OVERSHOOT_BYTES_MAX` bytes past `sizeBytesMax` are inflated before
 * the limit check stops a bomb; the slack keeps steps large near the limit, where tiny steps
 * would each pay fflate's 32 KiB window copy.
 */
const DEFLATE_RATIO_MAX = 1032;
const OVERSHOOT_BYTES_MAX = 16 * 1024 * 1024;
const CHUNK_BYTES_MAX = 256 * 1024;

/**
 * Decompresses gzip data (one or more concatenated members, as Go's multistream reader does).
 * Verifies every header (including its optional CRC-16) and every trailer (CRC-32 and size).
 * Stops with `LimitExceededError` as soon as the output exceeds `sizeBytesMax`, so a bomb is
 * never inflated in full (at most 16 MiB past the limit). Truncated or corrupt input raises
 * `GzipFormatError`; so do bytes after the last member, as in Go.
 */
export function gunzip(bytes: Uint8Array, options: GunzipOptions): Uint8Array {
  const { sizeBytesMax } = options;
  assert(
    sizeBytesMax >= 0,
    `gunzip: sizeBytesMax must be a non-negative number, got ${sizeBytesMax}`,
  );
  if (bytes.length === 0) throw truncated(0);
  memberDataOffset(bytes, 0);
  const chunks: Uint8Array[] = [];
  let totalBytes = 0;
  const member = { start: 0, crc: 0, sizeBytes: 0 };
  let reachedSentinel = false;
  const inflater = new Gunzip((chunk) => {
    if (chunk.length === 0) return;
    totalBytes += chunk.length;
    if (totalBytes > sizeBytesMax) {
      throw new LimitExceededError({
        what: "gzip decompressed size in bytes",
        limit: sizeBytesMax,
      });
    }
    member.crc = crc32(chunk, member.crc);
    member.sizeBytes += chunk.length;
    chunks.push(chunk);
  });
  inflater.onmember = (offset) => {
    checkTrailer(bytes, offset, member);
    if (offset === bytes.length) {
      reachedSentinel = true;
      return;
    }
    memberDataOffset(bytes, offset);
    Object.assign(member, { start: offset, crc: 0, sizeBytes: 0 });
  };
  let pushedAll = false;
  try {
    for (let at = 0; at < bytes.length; ) {
      const size = chunkSize(sizeBytesMax - totalBytes);
      inflater.push(bytes.subarray(at, at + size), false);
      at += size;
    }
    pushedAll = true;
    inflater.push(SENTINEL_MEMBER, true);
  } catch (error) {
    if (pushedAll && (error as { code?: unknown }).code === FlateErrorCode.InvalidHeader) {
      throw sentinelHeaderError(bytes, member);
    }
    throw translateFlateError(error, pushedAll);
  }
  if (!reachedSentinel) throw truncated(bytes.length);
  return concat(chunks, totalBytes);
}

function chunkSize(remainingBytes: number): number {
  const bounded = Math.floor((remainingBytes + OVERSHOOT_BYTES_MAX) / DEFLATE_RATIO_MAX);
  return Math.min(CHUNK_BYTES_MAX, bounded);
}

/**
 * Parses the member header at `offset` (RFC 1952) and returns where its deflate data starts.
 * Go rejects a wrong magic or method and a wrong header CRC; so does this.
 */
function memberDataOffset(bytes: Uint8Array, offset: number): number {
  const need = (end: number): void => {
    if (end > bytes.length) throw truncated(offset);
  };
  need(offset + 10);
  if (bytes[offset] !== 0x1f || bytes[offset + 1] !== 0x8b || bytes[offset + 2] !== 0x08) {
    throw new GzipFormatError({ reason: "header", offset, message: "gzip: invalid header" });
  }
  const flags = bytes[offset + 3]!;
  let at = offset + 10;
  if (flags & 0x04) {
    need(at + 2);
    at += 2 + (bytes[at]! | (bytes[at + 1]! << 8));
    need(at);
  }
  for (const flag of [0x08, 0x10]) {
    if ((flags & flag) === 0) continue;
    const nul = bytes.indexOf(0, at);
    if (nul < 0) throw truncated(offset);
    at = nul + 1;
  }
  if (flags & 0x02) {
    need(at + 2);
    const expected = bytes[at]! | (bytes[at + 1]! << 8);
    if ((crc32(bytes.subarray(offset, at)) & 0xffff) !== expected) {
      throw new GzipFormatError({ reason: "header", offset, message: "gzip: invalid header" });
    }
    at += 2;
  }
  return at;
}

/** Checks the CRC-32 and size trailer of the member that ends at `end`. */
function checkTrailer(
  bytes: Uint8Array,
  end: number,
  member: { start: number; crc: number; sizeBytes: number },
): void {
  if (end > bytes.length || end - 8 < member.start) throw truncated(bytes.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset + end - 8, 8);
  const crc = view.getUint32(0, true);
  const sizeMod32 = view.getUint32(4, true);
  if (crc !== member.crc || sizeMod32 !== member.sizeBytes % 2 ** 32) {
    throw new GzipFormatError({
      reason: "checksum",
      offset: end - 8,
      message: `gzip: invalid checksum (member at offset ${member.start})`,
    });
  }
}

/**
 * fflate choked on a header while reading the sentinel: the last member's deflate data ended,
 * but what follows it in the input is not a whole trailer. Either a few stray bytes follow a
 * complete trailer (Go: invalid header, or EOF when they start a new header), or the trailer
 * itself is cut short.
 */
function sentinelHeaderError(
  bytes: Uint8Array,
  member: { crc: number; sizeBytes: number },
): GzipFormatError {
  const expected = new Uint8Array(8);
  const view = new DataView(expected.buffer);
  view.setUint32(0, member.crc, true);
  view.setUint32(4, member.sizeBytes % 2 ** 32, true);
  const end = bytes.length;
  for (let stray = 1; stray <= 3 && end - 8 - stray >= 0; stray++) {
    const trailer = bytes.subarray(end - 8 - stray, end - stray);
    if (!trailer.every((byte, i) => byte === expected[i])) continue;
    const tail = bytes.subarray(end - stray);
    const startsMember = tail.every((byte, i) => byte === [0x1f, 0x8b, 0x08][i]);
    if (startsMember) return truncated(end - stray);
    return new GzipFormatError({
      reason: "header",
      offset: end - stray,
      message: "gzip: invalid header",
    });
  }
  return truncated(end);
}

function translateFlateError(error: unknown, pushedAll: boolean): unknown {
  if (error instanceof DrydockError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === FlateErrorCode.UnexpectedEOF) return truncated(-1, error);
  if (code === FlateErrorCode.InvalidHeader) {
    return new GzipFormatError({ reason: "header", offset: -1, message: "gzip: invalid header" });
  }
  // Deflate errors raised only once the sentinel arrived mean the real input ended mid-stream.
  if (pushedAll) return truncated(-1, error);
  const detail = error instanceof Error ? error.message : String(error);
  return new GzipFormatError({
    reason: "corrupt",
    offset: -1,
    message: `gzip: corrupt deflate data (${detail})`,
  });
}

function truncated(offset: number, cause?: unknown): GzipFormatError {
  return new GzipFormatError({
    reason: "truncated",
    offset,
    message: "gzip: unexpected EOF",
    cause,
  });
}

function concat(chunks: readonly Uint8Array[], totalBytes: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(totalBytes);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
