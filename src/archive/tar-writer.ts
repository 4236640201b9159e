import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { normalizeArchivePath } from "./safe-path.ts";
import { BLOCK_SIZE, paddedSize, TYPEFLAG } from "./tar-block.ts";
import { type TarEntry, type TarEntryType, WHITEOUT_PREFIX } from "./tar-entry.ts";
import { encodeTarHeaders, type TarHeaderFields } from "./tar-header-encoder.ts";

/** Options of `TarWriter` and `writeTar`. */
export interface TarWriterOptions {
  /** The largest archive the writer may produce, in bytes. Default: no limit beyond memory. */
  readonly sizeBytesMax?: number;
}

/** Type flag and the `S_IF*` file-type bits Docker adds to the mode field, per entry type. */
const TYPE_CODES: Readonly<Record<TarEntryType, { typeflag: number; modeTypeBits: number }>> = {
  file: { typeflag: TYPEFLAG.regular, modeTypeBits: 0o100000 },
  // A hard link's header is built from the linked file's stat, so it carries S_IFREG.
  hardlink: { typeflag: TYPEFLAG.hardlink, modeTypeBits: 0o100000 },
  symlink: { typeflag: TYPEFLAG.symlink, modeTypeBits: 0o120000 },
  char: { typeflag: TYPEFLAG.char, modeTypeBits: 0o020000 },
  block: { typeflag: TYPEFLAG.block, modeTypeBits: 0o060000 },
  directory: { typeflag: TYPEFLAG.directory, modeTypeBits: 0o040000 },
  fifo: { typeflag: TYPEFLAG.fifo, modeTypeBits: 0o010000 },
};

const CHUNK_BYTES_MIN = 4 * 1024;
const CHUNK_BYTES_MAX = 256 * 1024;
/** File data larger than this is referenced, not copied, until `finish`. */
const COPY_BYTES_MAX = 64 * 1024;

/**
 * Builds a tar archive entry by entry, byte-identical to what Docker (Go's archive/tar as moby's
 * pkg/archive drives it) writes for the same entries, so layer diffIDs match real Docker's.
 *
 * Docker conventions applied to each `TarEntry`:
 * - directories are named with a trailing `/`; the archive root (path "") is written as `./`;
 * - the mode field carries the file-type bits (`0040755` for a directory), except for whiteout
 *   files (`.wh.*`, including `.wh..wh..opq`), which Docker's overlay2 converter writes without
 *   them (`0000600`);
 * - the mtime is cut to whole seconds (rounded down);
 * - a file's `linkTarget`, normally "", is written to the link field when set: Docker does this
 *   for whiteouts that share an inode (see tar-entry.ts).
 *
 * Header space is carved from large chunks and big file data is referenced rather than copied,
 * so building an archive costs one copy of the data (in `finish`). File data must not change
 * between `add` and `finish`.
 */
export class TarWriter {
  readonly #chunks: Uint8Array[] = [];
  #current: Uint8Array = new Uint8Array(0);
  #used = 0;
  #sizeBytes = 0;
  #chunkBytes = CHUNK_BYTES_MIN / 2;
  #state: "open" | "finished" | "broken" = "open";
  readonly #sizeBytesMax: number;

  constructor(options: TarWriterOptions = {}) {
    this.#sizeBytesMax = options.sizeBytesMax ?? Number.MAX_SAFE_INTEGER;
  }

  /** Bytes written so far; after `finish`, the size of the whole archive. */
  get sizeBytes(): number {
    return this.#sizeBytes;
  }

  /**
   * Appends one entry (headers, data and padding). An invalid entry is rejected before anything
   * is written; exceeding `sizeBytesMax` leaves the writer unusable, never half an archive.
   */
  add(entry: TarEntry): void {
    this.#assertOpen();
    const fields = headerFieldsOf(entry);
    const sizeBefore = this.#sizeBytes;
    try {
      encodeTarHeaders(fields, { blocks: (count) => this.#reserve(count * BLOCK_SIZE) });
      this.#appendData(entry.data);
    } catch (error) {
      if (this.#sizeBytes !== sizeBefore) this.#state = "broken";
      throw error;
    }
    const archiveBytes = this.#sizeBytes + 2 * BLOCK_SIZE;
    if (archiveBytes > this.#sizeBytesMax) {
      this.#state = "broken";
      throw new LimitExceededError({
        what: "tar archive size in bytes",
        limit: this.#sizeBytesMax,
        actual: archiveBytes,
      });
    }
  }

  #appendData(data: Uint8Array): void {
    if (data.length === 0) return;
    if (data.length <= COPY_BYTES_MAX) this.#reserve(data.length).set(data);
    else {
      this.#seal();
      this.#chunks.push(data);
      this.#sizeBytes += data.length;
    }
    this.#reserve(paddedSize(data.length) - data.length);
  }

  #assertOpen(): void {
    if (this.#state === "open") return;
    throw new DrydockError("FailedPrecondition", `tar writer is ${this.#state}`);
  }

  /**
   * Ends the archive with two zero blocks (no padding to a 10240-byte record, as Go) and returns
   * its pieces in order, without joining them (to hash or stream them). The pieces may be views
   * into larger buffers; keep `finish()`'s result for long-lived archives.
   */
  finishChunks(): readonly Uint8Array[] {
    if (this.#state === "finished") return this.#chunks;
    this.#assertOpen();
    this.#reserve(2 * BLOCK_SIZE);
    this.#seal();
    this.#state = "finished";
    return this.#chunks;
  }

  /** Ends the archive and returns it as one array of exactly its size. */
  finish(): Uint8Array {
    const chunks = this.finishChunks();
    const only = chunks.length === 1 ? chunks[0]! : undefined;
    if (only !== undefined && only.byteLength === only.buffer.byteLength) return only;
    const out = new Uint8Array(this.#sizeBytes);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  /** Zero-filled space for `sizeBytes` bytes at the end of the archive. */
  #reserve(sizeBytes: number): Uint8Array {
    if (this.#used + sizeBytes > this.#current.length) {
      this.#seal();
      // Chunks grow from small to CHUNK_BYTES_MAX, so a tiny archive does not pin a large buffer.
      this.#chunkBytes = Math.min(CHUNK_BYTES_MAX, this.#chunkBytes * 2);
      this.#current = new Uint8Array(Math.max(this.#chunkBytes, sizeBytes));
    }
    const space = this.#current.subarray(this.#used, this.#used + sizeBytes);
    this.#used += sizeBytes;
    this.#sizeBytes += sizeBytes;
    return space;
  }

  #seal(): void {
    if (this.#used > 0) this.#chunks.push(this.#current.subarray(0, this.#used));
    this.#current = this.#current.subarray(this.#used);
    this.#used = 0;
  }
}

/** Writes `entries` as one tar archive (see `TarWriter` for the conventions). */
export function writeTar(entries: Iterable<TarEntry>, options: TarWriterOptions = {}): Uint8Array {
  const writer = new TarWriter(options);
  for (const entry of entries) writer.add(entry);
  return writer.finish();
}

/** Maps a `TarEntry` to the header Docker would write for it, rejecting malformed entries. */
function headerFieldsOf(entry: TarEntry): TarHeaderFields {
  const { path, type } = entry;
  if (normalizeArchivePath(path) !== path) {
    throw invalidEntry(path, "its path is not normalised (see TarEntry.path)");
  }
  if (path === "" && type !== "directory")
    throw invalidEntry(path, "only a directory may be the root");
  if (!Number.isInteger(entry.mode) || entry.mode < 0 || entry.mode > 0o7777) {
    throw invalidEntry(path, `its mode ${entry.mode} is outside 0..0o7777`);
  }
  if (type !== "file" && entry.data.length > 0)
    throw invalidEntry(path, `a ${type} cannot have data`);
  if (!Number.isSafeInteger(entry.mtimeUs)) {
    throw invalidEntry(path, `its mtimeUs ${entry.mtimeUs} is not a safe integer`);
  }
  const codes = TYPE_CODES[type];
  const isDevice = type === "char" || type === "block";
  return {
    name: path === "" ? "./" : type === "directory" ? `${path}/` : path,
    typeflag: codes.typeflag,
    mode: entry.mode | (type === "file" && isWhiteoutPath(path) ? 0 : codes.modeTypeBits),
    uid: entry.uid,
    gid: entry.gid,
    uname: entry.uname,
    gname: entry.gname,
    sizeBytes: entry.data.length,
    mtimeSeconds: Math.floor(entry.mtimeUs / 1_000_000),
    linkname: entry.linkTarget,
    devMajor: isDevice ? entry.devMajor : 0,
    devMinor: isDevice ? entry.devMinor : 0,
    xattrs: entry.xattrs,
  };
}

function isWhiteoutPath(path: string): boolean {
  return path.slice(path.lastIndexOf("/") + 1).startsWith(WHITEOUT_PREFIX);
}

function invalidEntry(path: string, reason: string): DrydockError {
  return new DrydockError(
    "InvalidArgument",
    `archive/tar: cannot write entry ${JSON.stringify(path)}: ${reason}`,
    { data: { path, reason } },
  );
}
