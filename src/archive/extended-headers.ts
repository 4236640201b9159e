import { latin1String, utf8String } from "./byte-strings.ts";
import { PAX_KEY } from "./pax-records.ts";
import { TarFormatError } from "./tar-format-error.ts";
import type { DecodedTarHeader } from "./tar-header-decoder.ts";

// PAX (`x`) and GNU long-name (`L`, `K`) headers apply to the entry that follows them; this is
// how, with Go's archive/tar semantics.

/** Extended-header state that applies to the next entry. */
export interface PendingMeta {
  pax?: ReadonlyMap<string, Uint8Array>;
  longName?: string;
  longLink?: string;
  /** Offset of the first meta header, for errors. */
  offset: number;
}

/** The fields of an entry once extended headers are applied. */
export interface EntryFields {
  name: string;
  linkname: string;
  uname: string;
  gname: string;
  uid: number;
  gid: number;
  sizeBytes: number;
  mtimeUs: number;
  xattrs: Readonly<Record<string, string>>;
}

/**
 * An entry's fields: the header's, overridden by the pending PAX records and then by GNU long
 * names (Go's order). A PAX record with an empty value leaves the header's field as it was, so
 * an xattr with an empty value is dropped (Go does the same). Unknown keys are ignored.
 */
export function applyExtendedHeaders(
  header: DecodedTarHeader,
  meta: PendingMeta | undefined,
): EntryFields {
  const fields: EntryFields = {
    name: header.name,
    linkname: header.linkname,
    uname: header.uname,
    gname: header.gname,
    uid: header.uid,
    gid: header.gid,
    sizeBytes: header.sizeBytes,
    mtimeUs: header.mtimeSeconds * 1_000_000,
    xattrs: {},
  };
  if (meta === undefined) return fields;
  const xattrs: [string, string][] = [];
  for (const [key, value] of meta.pax ?? []) {
    if (value.length === 0) continue;
    applyPaxRecord(fields, key, value, xattrs, meta.offset);
  }
  if (xattrs.length > 0) {
    xattrs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    fields.xattrs = Object.fromEntries(xattrs);
  }
  if (meta.longName) fields.name = meta.longName;
  if (meta.longLink) fields.linkname = meta.longLink;
  return fields;
}

function applyPaxRecord(
  fields: EntryFields,
  key: string,
  value: Uint8Array,
  xattrs: [string, string][],
  offset: number,
): void {
  const integer = (): number => {
    const parsed = parsePaxInteger(value);
    if (parsed === undefined) throw malformedPax(offset, `bad ${key} record`);
    return parsed;
  };
  switch (key) {
    case PAX_KEY.path:
      fields.name = utf8String(value);
      return;
    case PAX_KEY.linkpath:
      fields.linkname = utf8String(value);
      return;
    case PAX_KEY.uname:
      fields.uname = utf8String(value);
      return;
    case PAX_KEY.gname:
      fields.gname = utf8String(value);
      return;
    case PAX_KEY.uid:
      fields.uid = integer();
      return;
    case PAX_KEY.gid:
      fields.gid = integer();
      return;
    case PAX_KEY.size:
      fields.sizeBytes = integer();
      return;
    case PAX_KEY.mtime: {
      const mtimeUs = parsePaxTimeUs(value);
      if (mtimeUs === undefined) throw malformedPax(offset, "bad mtime record");
      fields.mtimeUs = mtimeUs;
      return;
    }
  }
  if (key.startsWith(PAX_KEY.xattrPrefix)) {
    xattrs.push([key.slice(PAX_KEY.xattrPrefix.length), latin1String(value)]);
  } else if (key.startsWith(PAX_KEY.gnuSparsePrefix)) {
    throw new TarFormatError({
      reason: "unsupported",
      offset,
      message: `archive/tar: GNU sparse files are not supported (PAX record ${key} at offset ${offset})`,
    });
  }
  // Other keys (atime, ctime, comment, charset, SCHILY.* other than xattrs, ...) are ignored.
}

/** A non-negative decimal that is a safe integer (Go's `strconv.ParseInt`, sign allowed). */
function parsePaxInteger(value: Uint8Array): number | undefined {
  const text = latin1String(value);
  if (!/^\+?[0-9]+$/.test(text)) return undefined;
  const parsed = Number(text);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

/**
 * A PAX time (`seconds[.fraction]`, possibly negative) in microseconds, rounded down. Go keeps
 * nanoseconds; `TarEntry.mtimeUs` keeps microseconds.
 */
export function parsePaxTimeUs(value: Uint8Array): number | undefined {
  const match = /^([+-]?)([0-9]+)(?:\.([0-9]*))?$/.exec(latin1String(value));
  if (match === null) return undefined;
  const negative = match[1] === "-";
  const fraction = match[3] ?? "";
  const beyondMicros = /[1-9]/.test(fraction.slice(6));
  // Rounding down adds one microsecond to a negative time's magnitude.
  const magnitude =
    Number(match[2]) * 1_000_000 +
    Number(fraction.slice(0, 6).padEnd(6, "0")) +
    (negative && beyondMicros ? 1 : 0);
  if (!Number.isSafeInteger(magnitude)) return undefined;
  return negative ? -magnitude : magnitude;
}

/** A malformed extended header. */
export function malformedPax(offset: number, detail: string): TarFormatError {
  return new TarFormatError({
    reason: "pax",
    offset,
    message: `archive/tar: invalid tar header: ${detail} in the extended header at offset ${offset}`,
  });
}
