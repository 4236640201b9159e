import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { utf8Length, utf8String } from "./byte-strings.ts";
import { applyExtendedHeaders, malformedPax, type PendingMeta } from "./extended-headers.ts";
import { parsePaxRecords } from "./pax-records.ts";
import { normalizeArchivePath } from "./safe-path.ts";
import { BLOCK_SIZE, isZeroBlock, paddedSize, TYPEFLAG } from "./tar-block.ts";
import { EMPTY_BYTES, type TarEntry, type TarEntryType } from "./tar-entry.ts";
import { TarFormatError } from "./tar-format-error.ts";
import { type DecodedTarHeader, decodeTarHeader } from "./tar-header-decoder.ts";
import { DEFAULT_TAR_LIMITS, type TarLimits } from "./tar-limits.ts";

/** Entry types by type flag. Types with no data section ("header-only" in Go) are marked. */
const TYPE_OF_FLAG: ReadonlyMap<number, { type: TarEntryType; hasData: boolean }> = new Map([
  [TYPEFLAG.regular, { type: "file", hasData: true }],
  [TYPEFLAG.regularOld, { type: "file", hasData: true }],
  [TYPEFLAG.hardlink, { type: "hardlink", hasData: false }],
  [TYPEFLAG.symlink, { type: "symlink", hasData: false }],
  [TYPEFLAG.char, { type: "char", hasData: false }],
  [TYPEFLAG.block, { type: "block", hasData: false }],
  [TYPEFLAG.directory, { type: "directory", hasData: false }],
  [TYPEFLAG.fifo, { type: "fifo", hasData: false }],
]);

interface ReadState {
  readonly bytes: Uint8Array;
  readonly limits: TarLimits;
  offset: number;
  entryCount: number;
  totalSizeBytes: number;
  meta: PendingMeta | undefined;
}

/**
 * Reads a whole tar archive into entries, with Go's archive/tar semantics (ustar, PAX `x`
 * headers, GNU `L`/`K` long names, v7 and star headers, base-256 numbers, signed or unsigned
 * checksums). Either every entry is returned or a `TarFormatError` / `LimitExceededError` is
 * thrown; there is no partial result. File data are views into `bytes` (no copy).
 *
 * As in Go (and so Docker): the archive ends at two zero blocks, at one zero block followed by
 * the end of input, or at the end of input on a block boundary; bytes after the end marker are
 * ignored. PAX global headers (`g`) are parsed and then ignored, as Docker ignores them. A PAX
 * record with an empty value leaves the header's field as it was. Stricter than Go: an extended
 * header not followed by an entry is `unexpected EOF`, and negative sizes, ids and modes and
 * unknown type flags are errors (Docker refuses unknown types when it extracts).
 */
export function readTar(bytes: Uint8Array, limits: Partial<TarLimits> = {}): TarEntry[] {
  return [...iterateTar(bytes, limits)];
}

/**
 * The entries of a tar archive, one at a time. Errors surface when the faulty entry is reached,
 * after earlier entries were yielded; use `readTar` for all-or-nothing reading.
 */
export function* iterateTar(
  bytes: Uint8Array,
  limits: Partial<TarLimits> = {},
): Generator<TarEntry, void, undefined> {
  const state: ReadState = {
    bytes,
    limits: { ...DEFAULT_TAR_LIMITS, ...limits },
    offset: 0,
    entryCount: 0,
    totalSizeBytes: 0,
    meta: undefined,
  };
  while (true) {
    const { offset } = state;
    const remaining = bytes.length - offset;
    if (remaining === 0) return endOfArchive(state);
    if (remaining < BLOCK_SIZE) throw truncated(offset, "the archive ends inside a header block");
    const block = bytes.subarray(offset, offset + BLOCK_SIZE);
    if (isZeroBlock(block)) return endMarker(state);
    const header = decodeTarHeader(block, offset);
    const entry = readRecord(state, header);
    if (entry !== undefined) yield entry;
  }
}

/** Consumes one header and its data; returns the entry, or undefined for a meta header. */
function readRecord(state: ReadState, header: DecodedTarHeader): TarEntry | undefined {
  const headerOffset = state.offset;
  const dataOffset = headerOffset + BLOCK_SIZE;
  switch (header.typeflag) {
    case TYPEFLAG.paxExtended:
    case TYPEFLAG.paxGlobal: {
      const body = specialFileBody(state, header, dataOffset);
      const records = parsePaxRecords(body);
      if (typeof records === "string") throw malformedPax(headerOffset, records);
      // Go returns a global header as an entry of its own, which drops pending state.
      state.meta =
        header.typeflag === TYPEFLAG.paxGlobal
          ? undefined
          : { ...(state.meta ?? { offset: headerOffset }), pax: records };
      return undefined;
    }
    case TYPEFLAG.gnuLongName:
    case TYPEFLAG.gnuLongLink: {
      const body = specialFileBody(state, header, dataOffset);
      const nul = body.indexOf(0);
      const value = utf8String(nul < 0 ? body : body.subarray(0, nul));
      const meta = state.meta ?? { offset: headerOffset };
      if (header.typeflag === TYPEFLAG.gnuLongName) meta.longName = value;
      else meta.longLink = value;
      state.meta = meta;
      return undefined;
    }
    default: {
      const entry = entryOf(state, header, dataOffset);
      state.meta = undefined;
      return entry;
    }
  }
}

/** The body of a PAX or GNU long-name header, bounded by `paxHeaderBytesMax`. */
function specialFileBody(
  state: ReadState,
  header: DecodedTarHeader,
  dataOffset: number,
): Uint8Array {
  const { sizeBytes } = header;
  if (sizeBytes > state.limits.paxHeaderBytesMax) {
    throw new LimitExceededError({
      what: `extended header at offset ${state.offset}: size in bytes`,
      limit: state.limits.paxHeaderBytesMax,
      actual: sizeBytes,
    });
  }
  return takeData(state, dataOffset, sizeBytes, `extended header at offset ${state.offset}`);
}

/** Returns `sizeBytes` of data at `dataOffset` and moves past its padding. */
function takeData(
  state: ReadState,
  dataOffset: number,
  sizeBytes: number,
  what: string,
): Uint8Array {
  const available = state.bytes.length - dataOffset;
  if (sizeBytes > available) {
    throw truncated(
      dataOffset,
      `${what} declares ${sizeBytes} bytes of data but only ${available} remain`,
    );
  }
  // Like Go, a final entry whose padding is cut short still ends the archive cleanly.
  state.offset = Math.min(dataOffset + paddedSize(sizeBytes), state.bytes.length);
  return sizeBytes === 0 ? EMPTY_BYTES : state.bytes.subarray(dataOffset, dataOffset + sizeBytes);
}

function entryOf(state: ReadState, header: DecodedTarHeader, dataOffset: number): TarEntry {
  const fields = applyExtendedHeaders(header, state.meta);
  const kind = TYPE_OF_FLAG.get(header.typeflag);
  if (kind === undefined) throw unsupportedType(state.offset, header.typeflag, fields.name);
  const isOldDirectory = header.typeflag === TYPEFLAG.regularOld && fields.name.endsWith("/");
  const type: TarEntryType = isOldDirectory ? "directory" : kind.type;
  const { limits } = state;
  if (state.entryCount >= limits.entryCountMax) {
    throw new LimitExceededError({ what: "tar entry count", limit: limits.entryCountMax });
  }
  for (const text of [fields.name, fields.linkname]) {
    const length = utf8Length(text);
    if (length > limits.pathBytesMax) {
      throw new LimitExceededError({
        what: `tar entry path or link target length in bytes at offset ${state.offset}`,
        limit: limits.pathBytesMax,
        actual: length,
      });
    }
  }
  const sizeBytes = type === "file" ? fields.sizeBytes : 0;
  if (sizeBytes > limits.fileSizeBytesMax) {
    throw new LimitExceededError({
      what: `size in bytes of tar entry ${JSON.stringify(fields.name)}`,
      limit: limits.fileSizeBytesMax,
      actual: sizeBytes,
    });
  }
  if (state.totalSizeBytes + sizeBytes > limits.totalSizeBytesMax) {
    throw new LimitExceededError({
      what: "total size in bytes of tar entries",
      limit: limits.totalSizeBytesMax,
      actual: state.totalSizeBytes + sizeBytes,
    });
  }
  const data = takeData(
    state,
    dataOffset,
    kind.hasData ? sizeBytes : 0,
    `tar entry ${JSON.stringify(fields.name)}`,
  );
  state.entryCount += 1;
  state.totalSizeBytes += sizeBytes;
  const isDevice = type === "char" || type === "block";
  return {
    path: normalizeArchivePath(fields.name),
    type,
    mode: header.mode & 0o7777,
    uid: fields.uid,
    gid: fields.gid,
    uname: fields.uname,
    gname: fields.gname,
    mtimeUs: fields.mtimeUs,
    linkTarget: type === "hardlink" ? normalizeArchivePath(fields.linkname) : fields.linkname,
    devMajor: isDevice ? header.devMajor : 0,
    devMinor: isDevice ? header.devMinor : 0,
    data,
    xattrs: fields.xattrs,
  };
}

function endOfArchive(state: ReadState): void {
  if (state.meta !== undefined) {
    throw truncated(
      state.meta.offset,
      `the extended header at offset ${state.meta.offset} is not followed by an entry`,
    );
  }
}

/** At a zero block: the end of the archive, if the next block is zero too or input ends. */
function endMarker(state: ReadState): void {
  const after = state.offset + BLOCK_SIZE;
  const remaining = state.bytes.length - after;
  if (remaining > 0) {
    if (remaining < BLOCK_SIZE) throw truncated(after, "the archive ends inside the end marker");
    if (!isZeroBlock(state.bytes.subarray(after, after + BLOCK_SIZE))) {
      throw new TarFormatError({
        reason: "header",
        offset: after,
        message: `archive/tar: invalid tar header: a zero block at offset ${state.offset} is followed by a non-zero block`,
      });
    }
  }
  endOfArchive(state);
}

function truncated(offset: number, detail: string): TarFormatError {
  return new TarFormatError({ reason: "truncated", offset, message: `unexpected EOF: ${detail}` });
}

function unsupportedType(offset: number, typeflag: number, name: string): TarFormatError {
  const printable =
    typeflag >= 0x20 && typeflag < 0x7f ? ` ('${String.fromCharCode(typeflag)}')` : "";
  const sparse = typeflag === TYPEFLAG.gnuSparse ? " (GNU sparse files are not supported)" : "";
  return new TarFormatError({
    reason: "unsupported",
    offset,
    message: `unhandled tar header type ${typeflag}${printable}${sparse} for ${JSON.stringify(name)} at offset ${offset}`,
  });
}
