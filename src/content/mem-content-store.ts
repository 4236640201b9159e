import { type Digest, DigestMismatchError, digestOf } from "../digest/digest.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { BlobNotFoundError } from "./blob-not-found-error.ts";
import { BlobPool } from "./blob-pool.ts";
import {
  type BlobInfo,
  type BlobRange,
  type BlobWriter,
  type ContentLimits,
  type ContentStore,
  DEFAULT_CONTENT_LIMITS,
  type IngestStatus,
} from "./content-store.ts";
import { MemBlobWriter } from "./mem-blob-writer.ts";

/** Options of a `MemContentStore`. */
export interface MemContentStoreOptions {
  /** The world's pool; a private one if absent (then the store holds its own bytes). */
  readonly pool?: BlobPool;
  readonly limits?: Partial<ContentLimits>;
  /** Verify every read against its digest (default true). Turn off only in benchmarks. */
  readonly verifyOnRead?: boolean;
}

/**
 * An in-memory content store for one host or one registry. It keeps digests and sizes; the
 * bytes live in a `BlobPool` shared by the world, so identical blobs on many hosts are stored
 * once. Digests are checked when an ingest is committed and again on every read.
 */
export class MemContentStore implements ContentStore {
  readonly pool: BlobPool;
  readonly limits: ContentLimits;
  readonly #verifyOnRead: boolean;
  readonly #blobs = new Map<Digest, BlobInfo>();
  readonly #ingests = new Map<string, MemBlobWriter>();
  #nextRef = 1;

  constructor(options: MemContentStoreOptions = {}) {
    this.pool = options.pool ?? new BlobPool();
    this.limits = Object.freeze({ ...DEFAULT_CONTENT_LIMITS, ...options.limits });
    this.#verifyOnRead = options.verifyOnRead ?? true;
  }

  async info(digest: Digest): Promise<BlobInfo> {
    const info = this.#blobs.get(digest);
    if (info === undefined) throw new BlobNotFoundError(digest);
    return info;
  }

  async has(digest: Digest): Promise<boolean> {
    return this.#blobs.has(digest);
  }

  async read(digest: Digest, range?: BlobRange): Promise<Uint8Array> {
    const info = this.#blobs.get(digest);
    const bytes = this.pool.bytesOf(digest);
    if (info === undefined || bytes === undefined) throw new BlobNotFoundError(digest);
    if (this.#verifyOnRead) {
      const actual = digestOf(bytes);
      if (actual !== digest)
        throw new DigestMismatchError({ expected: digest, actual, what: "content store read" });
    }
    if (range === undefined) return bytes.slice();
    const end =
      range.lengthBytes === undefined ? bytes.length : range.offsetBytes + range.lengthBytes;
    if (
      !Number.isSafeInteger(range.offsetBytes) ||
      range.offsetBytes < 0 ||
      end < range.offsetBytes ||
      end > bytes.length
    ) {
      throw new DrydockError(
        "InvalidArgument",
        `range ${range.offsetBytes}-${end} is outside the blob (${bytes.length} bytes)`,
        {
          data: { digest, offsetBytes: range.offsetBytes, endBytes: end, sizeBytes: bytes.length },
        },
      );
    }
    return bytes.slice(range.offsetBytes, end);
  }

  async writer(options: { ref?: string } = {}): Promise<BlobWriter> {
    const ref = options.ref ?? `ingest-${this.#nextRef++}`;
    if (this.#ingests.has(ref)) {
      throw new DrydockError("Unavailable", `ref ${ref} locked: unavailable`, { data: { ref } });
    }
    if (this.#ingests.size >= this.limits.activeIngestCountMax) {
      throw new LimitExceededError({
        what: "active ingests",
        limit: this.limits.activeIngestCountMax,
      });
    }
    const writer = new MemBlobWriter({
      ref,
      sizeBytesMax: this.limits.blobSizeBytesMax,
      onClose: () => this.#ingests.delete(ref),
      onCommit: (info, load) => this.#commit(info, load),
    });
    this.#ingests.set(ref, writer);
    return writer;
  }

  async ingests(): Promise<readonly IngestStatus[]> {
    return [...this.#ingests.values()]
      .map((writer) => ({ ref: writer.ref, offsetBytes: writer.offsetBytes }))
      .sort((left, right) => (left.ref < right.ref ? -1 : left.ref > right.ref ? 1 : 0));
  }

  /** Makes verified content visible; runs without an await, so it is atomic. */
  #commit(written: BlobInfo, load: () => Uint8Array): BlobInfo {
    const existing = this.#blobs.get(written.digest);
    if (existing !== undefined) return existing;
    if (this.#blobs.size >= this.limits.blobCountMax) {
      throw new LimitExceededError({
        what: "blobs in a content store",
        limit: this.limits.blobCountMax,
      });
    }
    this.pool.retain(written.digest, load);
    const info: BlobInfo = Object.freeze({ digest: written.digest, sizeBytes: written.sizeBytes });
    this.#blobs.set(info.digest, info);
    return info;
  }

  async walk(visit: (info: BlobInfo) => void | Promise<void>): Promise<void> {
    const digests = [...this.#blobs.keys()].sort();
    for (const digest of digests) {
      const info = this.#blobs.get(digest);
      if (info !== undefined) await visit(info);
    }
  }

  async delete(digest: Digest): Promise<void> {
    if (!this.#blobs.delete(digest)) throw new BlobNotFoundError(digest);
    this.pool.release(digest);
  }

  /** Releases every blob and ingest (a host leaving the world); the store is empty afterwards. */
  dispose(): void {
    for (const digest of this.#blobs.keys()) this.pool.release(digest);
    this.#blobs.clear();
    for (const writer of [...this.#ingests.values()]) writer.discard();
    this.#ingests.clear();
  }
}
