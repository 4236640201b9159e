import { LimitExceededError } from "../errors/limit-exceeded-error.ts";

/** One member of a `newc` cpio archive. */
export interface CpioEntry {
  readonly name: string;
  readonly ino: number;
  /** `st_mode`: type and permission bits. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly nlink: number;
  readonly mtimeS: number;
  readonly devMajor: number;
  readonly devMinor: number;
  readonly rdevMajor: number;
  readonly rdevMinor: number;
  /** File content, or a symlink's target. */
  readonly data: Uint8Array;
}

/** What `readCpioNewc` found: the members before the trailer, and how it ended. */
export interface CpioReadResult {
  readonly entries: readonly CpioEntry[];
  /** Bytes up to the end of the trailer (busybox counts its "N blocks" from it). */
  readonly endOffset: number;
  /** Why reading stopped early (busybox's words), if it did. */
  readonly error?: string;
}

const HEADER_SIZE = 110;
const TRAILER = "TRAILER!!!";

const align4 = (n: number): number => (n + 3) & ~3;

/**
 * Reads a `newc` (`070701`) or `crc` (`070702`) cpio archive as busybox does: members up to
 * `TRAILER!!!`, stopping with `short read` at a cut-off member, `damaged cpio file` at a
 * header field that is not hex, or `unsupported cpio format, use newc or crc` at another magic. Bounded by `entryCountMax` and `sizeBytesMax`.
 */
export function readCpioNewc(
  bytes: Uint8Array,
  limits: { entryCountMax: number; sizeBytesMax: number },
): CpioReadResult {
  const entries: CpioEntry[] = [];
  let offset = 0;
  let totalBytes = 0;
  for (;;) {
    // busybox ends quietly at a clean end of input, even without a trailer.
    if (offset === bytes.length) return { entries, endOffset: offset };
    if (offset + HEADER_SIZE > bytes.length) {
      return { entries, endOffset: offset, error: "short read" };
    }
    const magic = String.fromCharCode(...bytes.subarray(offset, offset + 6));
    if (magic !== "070701" && magic !== "070702") {
      return { entries, endOffset: offset, error: "unsupported cpio format, use newc or crc" };
    }
    const fields: number[] = [];
    for (let i = 0; i < 13; i++) {
      const text = String.fromCharCode(...bytes.subarray(offset + 6 + i * 8, offset + 14 + i * 8));
      fields.push(/^[0-9a-fA-F]{8}$/.test(text) ? Number.parseInt(text, 16) : Number.NaN);
    }
    const [
      ino,
      mode,
      uid,
      gid,
      nlink,
      mtimeS,
      size,
      devMajor,
      devMinor,
      rdevMajor,
      rdevMinor,
      nameSize,
    ] = fields as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (fields.some(Number.isNaN))
      return { entries, endOffset: offset, error: "damaged cpio file" };
    const nameEnd = offset + HEADER_SIZE + nameSize;
    const dataStart = align4(nameEnd);
    const dataEnd = dataStart + size;
    if (nameSize === 0 || dataEnd > bytes.length)
      return { entries, endOffset: offset, error: "short read" };
    const name = String.fromCharCode(...bytes.subarray(offset + HEADER_SIZE, nameEnd - 1));
    offset = align4(dataEnd);
    if (name === TRAILER) return { entries, endOffset: Math.min(offset, bytes.length) };
    totalBytes += size;
    if (entries.length >= limits.entryCountMax) {
      throw new LimitExceededError({ what: "cpio entry count", limit: limits.entryCountMax });
    }
    if (totalBytes > limits.sizeBytesMax) {
      throw new LimitExceededError({
        what: "cpio total size in bytes",
        limit: limits.sizeBytesMax,
      });
    }
    const data = bytes.subarray(dataStart, dataEnd);
    entries.push({
      name,
      ino,
      mode,
      uid,
      gid,
      nlink,
      mtimeS,
      devMajor,
      devMinor,
      rdevMajor,
      rdevMinor,
      data,
    });
  }
}

/** The `newc` header and name of `entry`, padded, then its data, padded (busybox's layout). */
export function cpioNewcMember(entry: CpioEntry): Uint8Array {
  const hex = (n: number): string => (n >>> 0).toString(16).toUpperCase().padStart(8, "0");
  const nameBytes = entry.name.length + 1;
  const fields = [
    entry.ino,
    entry.mode,
    entry.uid,
    entry.gid,
    entry.nlink,
    entry.mtimeS,
    entry.data.length,
    entry.devMajor,
    entry.devMinor,
    entry.rdevMajor,
    entry.rdevMinor,
    nameBytes,
    0,
  ];
  const header = `070701${fields.map(hex).join("")}${entry.name}\0`;
  const dataStart = align4(header.length);
  const out = new Uint8Array(align4(dataStart + entry.data.length));
  for (let i = 0; i < header.length; i++) out[i] = header.charCodeAt(i) & 0xff;
  out.set(entry.data, dataStart);
  return out;
}

/** The trailer member busybox writes: every field 0, name `TRAILER!!!`. */
export function cpioNewcTrailer(): Uint8Array {
  return cpioNewcMember({
    name: TRAILER,
    ...{ ino: 0, mode: 0, uid: 0, gid: 0, nlink: 0, mtimeS: 0 },
    ...{ devMajor: 0, devMinor: 0, rdevMajor: 0, rdevMinor: 0 },
    data: new Uint8Array(0),
  });
}
