import { compareUtf8, utf8Bytes, utf8String } from "./byte-strings.ts";

/**
 * PAX extended header records (POSIX.1-2001 pax format): `"%d %s=%s\n"`, where the decimal
 * length counts the whole record including itself. Keys are UTF-8 text; values are bytes,
 * because `SCHILY.xattr.*` values are binary.
 */
export type PaxRecords = ReadonlyMap<string, Uint8Array>;

/** PAX keys for the fields a ustar header cannot always hold. */
export const PAX_KEY = {
  path: "path",
  linkpath: "linkpath",
  uname: "uname",
  gname: "gname",
  uid: "uid",
  gid: "gid",
  size: "size",
  mtime: "mtime",
  xattrPrefix: "SCHILY.xattr.",
  gnuSparsePrefix: "GNU.sparse.",
} as const;

/** Keys whose value is a name and must not contain NUL (Go's `validPAXRecord`). */
const NAME_KEYS: ReadonlySet<string> = new Set(["path", "linkpath", "uname", "gname"]);

/** Why a record is invalid, or undefined when Go's archive/tar would accept it. */
function paxRecordProblem(key: string, value: Uint8Array): string | undefined {
  if (key === "" || key.includes("=") || key.includes("\0")) return "invalid PAX key";
  if (NAME_KEYS.has(key) && value.includes(0)) return `PAX ${key} contains a NUL byte`;
  return undefined;
}

/** Encodes records sorted by key bytes, as Go's writer does, into one extended header body. */
export function formatPaxRecords(records: PaxRecords): Uint8Array {
  const keys = [...records.keys()].sort(compareUtf8);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const key of keys) {
    const record = formatPaxRecord(key, records.get(key)!);
    parts.push(record);
    total += record.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function formatPaxRecord(key: string, value: Uint8Array): Uint8Array {
  const keyBytes = utf8Bytes(key);
  // " " + "=" + "\n" around key and value, then the length's own digits.
  const fixed = keyBytes.length + value.length + 3;
  let size = fixed + String(fixed).length;
  if (String(size).length !== String(fixed).length) size = fixed + String(size).length;
  const prefix = utf8Bytes(`${size} `);
  const record = new Uint8Array(size);
  record.set(prefix, 0);
  record.set(keyBytes, prefix.length);
  record[prefix.length + keyBytes.length] = 0x3d;
  record.set(value, prefix.length + keyBytes.length + 1);
  record[size - 1] = 0x0a;
  return record;
}

/**
 * Parses an extended header body. Returns the records (a later record with the same key
 * wins), or a string saying what is malformed. Values are views into `body`.
 */
export function parsePaxRecords(body: Uint8Array): Map<string, Uint8Array> | string {
  const records = new Map<string, Uint8Array>();
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    if (space < 0 || space === at || space - at > 20) return "malformed PAX record length";
    let length = 0;
    for (let i = at; i < space; i++) {
      const digit = body[i]! - 0x30;
      if (digit < 0 || digit > 9) return "malformed PAX record length";
      length = length * 10 + digit;
    }
    if (length < 5 || at + length > body.length || length <= space - at + 1) {
      return "PAX record length out of range";
    }
    const end = at + length;
    if (body[end - 1] !== 0x0a) return "PAX record does not end with a newline";
    const record = body.subarray(space + 1, end - 1);
    const equals = record.indexOf(0x3d);
    if (equals < 0) return "PAX record has no '='";
    const key = utf8String(record.subarray(0, equals));
    const value = record.subarray(equals + 1);
    const problem = paxRecordProblem(key, value);
    if (problem !== undefined) return problem;
    records.set(key, value);
    at = end;
  }
  return records;
}
