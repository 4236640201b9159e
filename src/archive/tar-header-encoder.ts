import { DrydockError } from "../errors/drydock-error.ts";
import {
  asciiOnly,
  isAsciiString,
  isLatin1String,
  isWellFormedUnicode,
  latin1Bytes,
  utf8Bytes,
} from "./byte-strings.ts";
import { goPathJoin, goPathSplit } from "./go-path.ts";
import { formatPaxRecords, PAX_KEY } from "./pax-records.ts";
import {
  BLOCK_SIZE,
  FIELD,
  fitsInOctal,
  paddedSize,
  type TarField,
  TYPEFLAG,
  writeChecksum,
  writeOctal,
  writeString,
} from "./tar-block.ts";

/**
 * One entry's header as Go's `tar.Header` holds it, after Docker's adjustments: the name with a
 * trailing `/` for directories, the mode with its file-type bits, the mtime in whole seconds.
 */
export interface TarHeaderFields {
  readonly name: string;
  readonly typeflag: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly uname: string;
  readonly gname: string;
  readonly sizeBytes: number;
  readonly mtimeSeconds: number;
  readonly linkname: string;
  readonly devMajor: number;
  readonly devMinor: number;
  /** Values are Latin-1 byte strings (see `TarEntry.xattrs`). */
  readonly xattrs: Readonly<Record<string, string>>;
}

/** Hands out zero-filled, block-aligned space for headers to be written into. */
export interface BlockSink {
  blocks(count: number): Uint8Array;
}

/** Go's limit on an extended header body (`maxSpecialFileSize`). */
const PAX_HEADER_BYTES_MAX = 1 << 20;

const USTAR_MAGIC = Uint8Array.of(0x75, 0x73, 0x74, 0x61, 0x72, 0x00, 0x30, 0x30); // "ustar\0" "00"
const PAX_HEADER_DIR = "PaxHeaders.0";

/**
 * Writes the header blocks for one entry exactly as Go's archive/tar does with
 * `Format: FormatPAX` (which is how Docker writes layers): a plain ustar header when every field
 * fits, else a PAX extended header (records sorted by key) followed by a ustar header whose
 * oversized fields are cut down to ASCII and zeros. The entry's data is not written here.
 */
export function encodeTarHeaders(fields: TarHeaderFields, sink: BlockSink): void {
  checkEncodable(fields);
  const pax = new Map<string, Uint8Array>();
  let ustarFits = true;
  let split: { prefix: string; name: string } | undefined;
  if (!fitsUstarString(fields.name, FIELD.name.length)) {
    pax.set(PAX_KEY.path, utf8Bytes(fields.name));
    split = splitUstarPath(fields.name);
    if (split === undefined) ustarFits = false;
  }
  const strings: readonly [string, string, TarField][] = [
    [PAX_KEY.linkpath, fields.linkname, FIELD.linkname],
    [PAX_KEY.uname, fields.uname, FIELD.uname],
    [PAX_KEY.gname, fields.gname, FIELD.gname],
  ];
  for (const [key, value, at] of strings) {
    if (fitsUstarString(value, at.length)) continue;
    pax.set(key, utf8Bytes(value));
    ustarFits = false;
  }
  const numbers: readonly [string, number, TarField][] = [
    [PAX_KEY.uid, fields.uid, FIELD.uid],
    [PAX_KEY.gid, fields.gid, FIELD.gid],
    [PAX_KEY.size, fields.sizeBytes, FIELD.size],
    [PAX_KEY.mtime, fields.mtimeSeconds, FIELD.mtime],
  ];
  for (const [key, value, at] of numbers) {
    if (fitsInOctal(at.length, value)) continue;
    pax.set(key, utf8Bytes(String(value)));
    ustarFits = false;
  }
  for (const name of Object.keys(fields.xattrs)) {
    pax.set(PAX_KEY.xattrPrefix + name, latin1Bytes(fields.xattrs[name]!));
    ustarFits = false;
  }
  if (ustarFits) {
    writeMainHeader(fields, sink.blocks(1), split);
    return;
  }
  writePaxHeader(fields.name, pax, sink);
  writeMainHeader(fields, sink.blocks(1), undefined);
}

/** Encodes one entry's headers into a new array (for tests and one-off use). */
export function encodeTarHeaderBytes(fields: TarHeaderFields): Uint8Array {
  const parts: Uint8Array[] = [];
  encodeTarHeaders(fields, {
    blocks: (count) => {
      const part = new Uint8Array(count * BLOCK_SIZE);
      parts.push(part);
      return part;
    },
  });
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function fitsUstarString(value: string, length: number): boolean {
  return value.length <= length && isAsciiString(value);
}

/**
 * Go's `splitUSTARPath`: splits a long ASCII name at a `/` into prefix (≤ 155 bytes) and name
 * (≤ 100 bytes, non-empty). A directory's trailing `/` is not a split point.
 */
export function splitUstarPath(name: string): { prefix: string; name: string } | undefined {
  if (name.length <= FIELD.name.length || !isAsciiString(name)) return undefined;
  let length = name.length;
  if (length > FIELD.prefix.length + 1) length = FIELD.prefix.length + 1;
  else if (name[length - 1] === "/") length--;
  const slash = name.lastIndexOf("/", length - 1);
  const suffixLength = name.length - slash - 1;
  if (slash <= 0 || suffixLength > FIELD.name.length || suffixLength === 0) return undefined;
  if (slash > FIELD.prefix.length) return undefined;
  return { prefix: name.slice(0, slash), name: name.slice(slash + 1) };
}

function writePaxHeader(realName: string, records: Map<string, Uint8Array>, sink: BlockSink): void {
  const body = formatPaxRecords(records);
  if (body.length > PAX_HEADER_BYTES_MAX) {
    throw cannotEncode(realName, `its PAX extended header exceeds ${PAX_HEADER_BYTES_MAX} bytes`);
  }
  const { dir, file } = goPathSplit(realName);
  let name = asciiOnly(goPathJoin(dir, PAX_HEADER_DIR, file)).slice(0, FIELD.name.length);
  while (name.endsWith("/")) name = name.slice(0, -1);
  const space = sink.blocks(1 + paddedSize(body.length) / BLOCK_SIZE);
  const block = space.subarray(0, BLOCK_SIZE);
  block[FIELD.typeflag.offset] = TYPEFLAG.paxExtended;
  writeString(block, FIELD.name, utf8Bytes(name));
  writeOctal(block, FIELD.mode, 0);
  writeOctal(block, FIELD.uid, 0);
  writeOctal(block, FIELD.gid, 0);
  writeOctal(block, FIELD.size, body.length);
  writeOctal(block, FIELD.mtime, 0);
  block.set(USTAR_MAGIC, FIELD.magic.offset);
  writeChecksum(block);
  space.set(body, BLOCK_SIZE);
}

function writeMainHeader(
  fields: TarHeaderFields,
  block: Uint8Array,
  split: { prefix: string; name: string } | undefined,
): void {
  block[FIELD.typeflag.offset] = fields.typeflag;
  writeString(block, FIELD.name, utf8Bytes(asciiOnly(split?.name ?? fields.name)));
  writeString(block, FIELD.linkname, utf8Bytes(asciiOnly(fields.linkname)));
  writeOctal(block, FIELD.mode, fields.mode);
  writeOctal(block, FIELD.uid, fields.uid);
  writeOctal(block, FIELD.gid, fields.gid);
  writeOctal(block, FIELD.size, fields.sizeBytes);
  writeOctal(block, FIELD.mtime, fields.mtimeSeconds);
  writeString(block, FIELD.uname, utf8Bytes(asciiOnly(fields.uname)));
  writeString(block, FIELD.gname, utf8Bytes(asciiOnly(fields.gname)));
  writeOctal(block, FIELD.devMajor, fields.devMajor);
  writeOctal(block, FIELD.devMinor, fields.devMinor);
  if (split !== undefined) writeString(block, FIELD.prefix, utf8Bytes(split.prefix));
  block.set(USTAR_MAGIC, FIELD.magic.offset);
  writeChecksum(block);
}

/** The cases where Go's writer returns an error instead of a header. */
function checkEncodable(fields: TarHeaderFields): void {
  const { name } = fields;
  for (const [label, value] of [
    ["name", fields.name],
    ["link target", fields.linkname],
    ["uname", fields.uname],
    ["gname", fields.gname],
  ] as const) {
    if (value.includes("\0")) throw cannotEncode(name, `its ${label} contains a NUL byte`);
    if (!isWellFormedUnicode(value)) {
      throw cannotEncode(name, `its ${label} is not well-formed Unicode (lone surrogate)`);
    }
  }
  for (const [label, value] of [
    ["uid", fields.uid],
    ["gid", fields.gid],
    ["size", fields.sizeBytes],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw cannotEncode(name, `its ${label} ${value} is not a non-negative integer`);
    }
  }
  if (!Number.isSafeInteger(fields.mtimeSeconds)) {
    throw cannotEncode(name, `its mtime ${fields.mtimeSeconds} is not a safe integer`);
  }
  for (const [label, value, at] of [
    ["mode", fields.mode, FIELD.mode],
    ["device major number", fields.devMajor, FIELD.devMajor],
    ["device minor number", fields.devMinor, FIELD.devMinor],
  ] as const) {
    if (!fitsInOctal(at.length, value))
      throw cannotEncode(name, `its ${label} ${value} does not fit`);
  }
  for (const key of Object.keys(fields.xattrs)) {
    if (key === "" || key.includes("=") || key.includes("\0")) {
      throw cannotEncode(name, `xattr name ${JSON.stringify(key)} is invalid`);
    }
    if (!isWellFormedUnicode(key) || !isLatin1String(fields.xattrs[key]!)) {
      throw cannotEncode(name, `xattr ${JSON.stringify(key)} is not a byte string`);
    }
  }
}

function cannotEncode(name: string, reason: string): DrydockError {
  return new DrydockError(
    "InvalidArgument",
    `archive/tar: cannot write header for ${JSON.stringify(name)}: ${reason}`,
    { data: { name, reason } },
  );
}
