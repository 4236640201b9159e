import { inflateSync } from "fflate";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { crc32 } from "./crc32.ts";
import { DecompressError } from "./decompress-error.ts";

/** One member of a zip archive, from its central directory record. */
export interface ZipEntry {
  /** The name as stored (bytes as latin1 when not marked UTF-8). */
  readonly name: string;
  /** 0 stored, 8 deflate; others are not supported. */
  readonly method: number;
  /** General-purpose flags (bit 0 encryption, bits 1–2 deflate level, bit 3 data descriptor). */
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSizeBytes: number;
  readonly sizeBytes: number;
  /** MS-DOS time and date words. */
  readonly dosTime: number;
  readonly dosDate: number;
  /** High byte: the system that wrote it (3 = Unix, whose mode is in `externalAttributes >>> 16`). */
  readonly madeBy: number;
  readonly externalAttributes: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;

function zipError(message: string, offset: number): DecompressError {
  return new DecompressError({ codec: "zip", reason: "format", message, offset });
}

/**
 * The entries of a zip archive, in central-directory order. A missing end record, a directory
 * that runs off the data or a bad signature raise `DecompressError` (reason "format"); more
 * than `entryCountMax` entries raise `LimitExceededError`. Zip64 archives are refused.
 */
export function readZipDirectory(
  bytes: Uint8Array,
  options: { entryCountMax: number },
): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const end = findEndRecord(bytes, view);
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw zipError("zip64 archives are not supported", end);
  if (count > options.entryCountMax) {
    throw new LimitExceededError({
      what: "zip entry count",
      limit: options.entryCountMax,
      actual: count,
    });
  }
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > bytes.length || view.getUint32(at, true) !== 0x02014b50) {
      throw zipError("bad central directory record", at);
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameEnd = at + CENTRAL_SIZE + nameLength;
    if (nameEnd > bytes.length) throw zipError("bad central directory record", at);
    const flags = view.getUint16(at + 8, true);
    const rawName = bytes.subarray(at + CENTRAL_SIZE, nameEnd);
    entries.push({
      name: flags & 0x800 ? new TextDecoder().decode(rawName) : String.fromCharCode(...rawName),
      method: view.getUint16(at + 10, true),
      flags,
      dosTime: view.getUint16(at + 12, true),
      dosDate: view.getUint16(at + 14, true),
      crc32: view.getUint32(at + 16, true),
      compressedSizeBytes: view.getUint32(at + 20, true),
      sizeBytes: view.getUint32(at + 24, true),
      madeBy: view.getUint16(at + 4, true),
      externalAttributes: view.getUint32(at + 38, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** The end-of-central-directory record, searched from the end past a comment of up to 64 KiB. */
function findEndRecord(bytes: Uint8Array, view: DataView): number {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - 0xffff);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  throw zipError("no end of central directory record", bytes.length);
}

/**
 * The uncompressed data of `entry`: stored bytes as they are, deflate through fflate into a
 * buffer of the declared size (so a bomb cannot grow past it) with its CRC-32 checked.
 */
export function zipEntryData(
  bytes: Uint8Array,
  entry: ZipEntry,
  options: { sizeBytesMax: number },
): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const at = entry.localHeaderOffset;
  if (at + LOCAL_SIZE > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
    throw zipError("bad local file header", at);
  }
  const start = at + LOCAL_SIZE + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSizeBytes;
  if (end > bytes.length)
    throw new DecompressError({
      codec: "zip",
      reason: "truncated",
      message: "short read",
      offset: bytes.length,
    });
  if (entry.flags & 1)
    throw new DecompressError({
      codec: "zip",
      reason: "unsupported",
      message: "zip flag 1 (encryption) is not supported",
      offset: at,
    });
  if (entry.sizeBytes > options.sizeBytesMax) {
    throw new LimitExceededError({
      what: "zip entry size in bytes",
      limit: options.sizeBytesMax,
      actual: entry.sizeBytes,
    });
  }
  const raw = bytes.subarray(start, end);
  if (entry.method === 0) return raw;
  if (entry.method !== 8) {
    throw new DecompressError({
      codec: "zip",
      reason: "unsupported",
      message: `unsupported method ${entry.method}`,
      offset: at,
    });
  }
  let data: Uint8Array;
  try {
    data = inflateSync(raw, { out: new Uint8Array(entry.sizeBytes) });
  } catch {
    throw new DecompressError({
      codec: "zip",
      reason: "corrupt",
      // busybox's wording: its inflater's complaint, then unzip's.
      message: "corrupted data\nunzip: inflate error",
      offset: start,
    });
  }
  if (data.length !== entry.sizeBytes || crc32(data) !== entry.crc32) {
    throw new DecompressError({
      codec: "zip",
      reason: "checksum",
      message: "crc error",
      offset: start,
    });
  }
  return data;
}
