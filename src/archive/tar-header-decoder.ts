import { utf8String } from "./byte-strings.ts";
import {
  computeChecksums,
  FIELD,
  readNumeric,
  readOctal,
  readStringBytes,
  type TarField,
} from "./tar-block.ts";
import { TarFormatError } from "./tar-format-error.ts";

/** Header dialects, told apart by magic as Go's `getFormat` does. */
export type TarHeaderFormat = "v7" | "ustar" | "gnu" | "star";

/** The fields of one header block, before PAX or GNU long-name headers are applied. */
export interface DecodedTarHeader {
  readonly format: TarHeaderFormat;
  readonly typeflag: number;
  /** Name with the ustar/star prefix joined on. */
  readonly name: string;
  readonly linkname: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly sizeBytes: number;
  readonly mtimeSeconds: number;
  readonly uname: string;
  readonly gname: string;
  readonly devMajor: number;
  readonly devMinor: number;
}

/** |mtime| above this would not fit `mtimeUs` as a safe integer. */
const MTIME_SECONDS_MAX = Math.floor(Number.MAX_SAFE_INTEGER / 1_000_000);

/**
 * Decodes a 512-byte header block the way Go's `tar.Reader.readHeader` does: verifies the
 * checksum (signed or unsigned sum), detects the dialect by magic, parses numeric fields in
 * octal or base-256, and joins the ustar prefix onto the name. `offset` is the block's position
 * in the archive, for error messages.
 */
export function decodeTarHeader(block: Uint8Array, offset: number): DecodedTarHeader {
  const recorded = readOctal(block.subarray(FIELD.checksum.offset, FIELD.checksum.offset + 8));
  const { unsigned, signed } = computeChecksums(block);
  if (recorded === undefined || (recorded !== unsigned && recorded !== signed)) {
    const shown = recorded === undefined ? "unreadable" : recorded.toString(8);
    throw new TarFormatError({
      reason: "checksum",
      offset,
      message: `archive/tar: invalid tar header: checksum mismatch at offset ${offset} (recorded ${shown}, computed ${unsigned.toString(8)})`,
    });
  }
  const format = formatOf(block);
  const mtimeSeconds = readNumeric(block, FIELD.mtime);
  if (mtimeSeconds === undefined || Math.abs(mtimeSeconds) > MTIME_SECONDS_MAX) {
    throw badField("mtime", offset);
  }
  let name = text(block, FIELD.name);
  const prefixField =
    format === "ustar" ? FIELD.prefix : format === "star" ? FIELD.starPrefix : undefined;
  if (prefixField !== undefined) {
    const prefix = text(block, prefixField);
    if (prefix !== "") name = `${prefix}/${name}`;
  }
  const extended = format !== "v7";
  return {
    format,
    typeflag: block[FIELD.typeflag.offset]!,
    name,
    linkname: text(block, FIELD.linkname),
    mode: number(block, { name: "mode", at: FIELD.mode, offset }),
    uid: number(block, { name: "uid", at: FIELD.uid, offset }),
    gid: number(block, { name: "gid", at: FIELD.gid, offset }),
    sizeBytes: number(block, { name: "size", at: FIELD.size, offset }),
    mtimeSeconds,
    uname: extended ? text(block, FIELD.uname) : "",
    gname: extended ? text(block, FIELD.gname) : "",
    devMajor: extended ? number(block, { name: "devmajor", at: FIELD.devMajor, offset }) : 0,
    devMinor: extended ? number(block, { name: "devminor", at: FIELD.devMinor, offset }) : 0,
  };
}

// Module-level helpers rather than closures: every header of every layer read comes through here.
function badField(name: string, offset: number): TarFormatError {
  return new TarFormatError({
    reason: "numeric",
    offset,
    message: `archive/tar: invalid tar header: bad ${name} field at offset ${offset}`,
  });
}

/** A numeric field; negative sizes, ids and modes are rejected (Go rejects only negative sizes of files). */
function number(block: Uint8Array, field: { name: string; at: TarField; offset: number }): number {
  const value = readNumeric(block, field.at);
  if (value === undefined || value < 0) throw badField(field.name, field.offset);
  return value;
}

function text(block: Uint8Array, at: TarField): string {
  return utf8String(readStringBytes(block, at));
}

function formatOf(block: Uint8Array): TarHeaderFormat {
  const magic = FIELD.magic.offset;
  const isUstarMagic =
    block[magic] === 0x75 &&
    block[magic + 1] === 0x73 &&
    block[magic + 2] === 0x74 &&
    block[magic + 3] === 0x61 &&
    block[magic + 4] === 0x72;
  if (!isUstarMagic) return "v7";
  const trailer = FIELD.starTrailer.offset;
  if (block[magic + 5] === 0) {
    const isStar =
      block[trailer] === 0x74 &&
      block[trailer + 1] === 0x61 &&
      block[trailer + 2] === 0x72 &&
      block[trailer + 3] === 0;
    return isStar ? "star" : "ustar";
  }
  // GNU: "ustar " followed by the version " \0".
  const version = FIELD.version.offset;
  if (block[magic + 5] === 0x20 && block[version] === 0x20 && block[version + 1] === 0)
    return "gnu";
  return "v7";
}
