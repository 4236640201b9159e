/**
 * The 512-byte tar header block: field layout (POSIX ustar, with the GNU and star variants Go
 * recognises), numeric field encodings and the checksum. Both the reader and the writer use it.
 *
 * ```
 * offset size field          offset size field
 *      0  100 name              257    6 magic   "ustar\0" (ustar, PAX) | "ustar " (GNU)
 *    100    8 mode              263    2 version "00"                   | " \0"
 *    108    8 uid               265   32 uname
 *    116    8 gid               297   32 gname
 *    124   12 size              329    8 devmajor
 *    136   12 mtime             337    8 devminor
 *    148    8 chksum            345  155 prefix (ustar) | 131 prefix + atime + ctime (star)
 *    156    1 typeflag          508    4 "tar\0" trailer (star only)
 *    157  100 linkname
 * ```
 */
export const BLOCK_SIZE = 512;

/** Where a field lies in the header block. */
export interface TarField {
  readonly offset: number;
  readonly length: number;
}

/** The header fields, by name. */
export const FIELD = {
  name: { offset: 0, length: 100 },
  mode: { offset: 100, length: 8 },
  uid: { offset: 108, length: 8 },
  gid: { offset: 116, length: 8 },
  size: { offset: 124, length: 12 },
  mtime: { offset: 136, length: 12 },
  checksum: { offset: 148, length: 8 },
  typeflag: { offset: 156, length: 1 },
  linkname: { offset: 157, length: 100 },
  magic: { offset: 257, length: 6 },
  version: { offset: 263, length: 2 },
  uname: { offset: 265, length: 32 },
  gname: { offset: 297, length: 32 },
  devMajor: { offset: 329, length: 8 },
  devMinor: { offset: 337, length: 8 },
  prefix: { offset: 345, length: 155 },
  starPrefix: { offset: 345, length: 131 },
  starTrailer: { offset: 508, length: 4 },
} as const;

/** Type flags, as char codes. */
export const TYPEFLAG = {
  regular: 0x30, // '0'
  regularOld: 0x00, // '\0', pre-POSIX
  hardlink: 0x31, // '1'
  symlink: 0x32, // '2'
  char: 0x33, // '3'
  block: 0x34, // '4'
  directory: 0x35, // '5'
  fifo: 0x36, // '6'
  contiguous: 0x37, // '7'
  paxExtended: 0x78, // 'x'
  paxGlobal: 0x67, // 'g'
  gnuLongName: 0x4c, // 'L'
  gnuLongLink: 0x4b, // 'K'
  gnuSparse: 0x53, // 'S'
} as const;

/** Rounds a data size up to whole blocks. */
export function paddedSize(sizeBytes: number): number {
  return Math.ceil(sizeBytes / BLOCK_SIZE) * BLOCK_SIZE;
}

/** True for an all-zero block (the end-of-archive marker). */
export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

/**
 * Both checksums Go accepts: the sum of all bytes as unsigned and as signed values, with the
 * checksum field itself counted as eight spaces. Some historic tars used the signed sum.
 */
export function computeChecksums(block: Uint8Array): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  const start = FIELD.checksum.offset;
  const end = start + FIELD.checksum.length;
  for (let i = 0; i < BLOCK_SIZE; i++) {
    const byte = i >= start && i < end ? 0x20 : block[i]!;
    unsigned += byte;
    signed += byte < 0x80 ? byte : byte - 0x100;
  }
  return { unsigned, signed };
}

/** True when `value` fits an octal field of `length` bytes with room for the NUL terminator. */
export function fitsInOctal(length: number, value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value < 8 ** (length - 1);
}

/**
 * Writes `value` as zero-padded octal followed by NUL (Go's `formatOctal`); a value that does
 * not fit is written as 0, as Go does for numbers that moved to a PAX record.
 */
export function writeOctal(block: Uint8Array, at: TarField, value: number): void {
  const digits = (fitsInOctal(at.length, value) ? value : 0)
    .toString(8)
    .padStart(at.length - 1, "0");
  for (let i = 0; i < digits.length; i++) block[at.offset + i] = digits.charCodeAt(i);
  block[at.offset + digits.length] = 0;
}

/** Writes the checksum as Go does: six octal digits, NUL, space. */
export function writeChecksum(block: Uint8Array): void {
  const digits = computeChecksums(block).unsigned.toString(8).padStart(6, "0");
  const at = FIELD.checksum.offset;
  for (let i = 0; i < 6; i++) block[at + i] = digits.charCodeAt(i);
  block[at + 6] = 0;
  block[at + 7] = 0x20;
}

/**
 * Copies `bytes` into a string field (Go's `formatString`): NUL-terminated when shorter,
 * truncated when longer. A truncated field that would end in `/` has its trailing slashes cut,
 * so old readers do not take a file for a directory.
 */
export function writeString(block: Uint8Array, at: TarField, bytes: Uint8Array): void {
  const length = Math.min(bytes.length, at.length);
  block.set(bytes.subarray(0, length), at.offset);
  if (bytes.length < at.length) {
    block[at.offset + bytes.length] = 0;
    return;
  }
  if (bytes.length > at.length && bytes[at.length - 1] === 0x2f) {
    let end = at.length;
    while (end > 0 && bytes[end - 1] === 0x2f) end--;
    block[at.offset + end] = 0;
  }
}

/** The bytes of a string field up to its first NUL (Go's `parseString`). */
export function readStringBytes(block: Uint8Array, at: TarField): Uint8Array {
  const bytes = block.subarray(at.offset, at.offset + at.length);
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

/**
 * Parses a numeric field as Go's `parseNumeric`: base-256 two's complement when the top bit of
 * the first byte is set (GNU, star), otherwise octal padded with spaces or NULs. Returns
 * undefined when the field is malformed or the value is not a safe integer.
 */
export function readNumeric(block: Uint8Array, at: TarField): number | undefined {
  const bytes = block.subarray(at.offset, at.offset + at.length);
  if ((bytes[0]! & 0x80) !== 0) return readBase256(bytes);
  return readOctal(bytes);
}

/** Octal with leading and trailing spaces and NULs trimmed; "" is 0. */
export function readOctal(bytes: Uint8Array): number | undefined {
  let start = 0;
  let end = bytes.length;
  while (start < end && (bytes[start] === 0x20 || bytes[start] === 0)) start++;
  while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  const nul = bytes.subarray(start, end).indexOf(0);
  if (nul >= 0) end = start + nul;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 7) return undefined;
    value = value * 8 + digit;
  }
  return Number.isSafeInteger(value) ? value : undefined;
}

function readBase256(bytes: Uint8Array): number | undefined {
  const negative = (bytes[0]! & 0x40) !== 0;
  const invert = negative ? 0xff : 0;
  let value = 0n;
  for (let i = 0; i < bytes.length; i++) {
    let byte = bytes[i]! ^ invert;
    if (i === 0) byte &= 0x7f;
    value = (value << 8n) | BigInt(byte);
  }
  // Two's complement: a negative number n was stored as the bits of ~n.
  const result = negative ? -value - 1n : value;
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < BigInt(Number.MIN_SAFE_INTEGER)) {
    return undefined;
  }
  return Number(result);
}
