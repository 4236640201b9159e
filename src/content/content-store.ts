import type { Digest } from "../digest/digest.ts";

/** A committed blob: its digest and size. */
export interface BlobInfo {
  readonly digest: Digest;
  readonly sizeBytes: number;
}

/** A byte range of a blob, for ranged reads (HTTP `Range`). */
export interface BlobRange {
  readonly offsetBytes: number;
  /** Default: to the end of the blob. */
  readonly lengthBytes?: number;
}

/** Reads committed blobs. */
export interface BlobProvider {
  /** Size of a blob; a `NotFound` error if absent. */
  info(digest: Digest): Promise<BlobInfo>;
  has(digest: Digest): Promise<boolean>;
  /** A copy of the bytes (or of a range), verified against the digest first. */
  read(digest: Digest, range?: BlobRange): Promise<Uint8Array>;
}

/** Expectations checked when an ingest is committed. */
export interface CommitExpectations {
  readonly expectedDigest?: Digest;
  readonly expectedSizeBytes?: number;
}

/** An open ingest. */
export interface BlobWriter {
  readonly ref: string;
  /** Bytes written so far. */
  readonly offsetBytes: number;
  write(chunk: Uint8Array): Promise<void>;
  commit(expectations?: CommitExpectations): Promise<BlobInfo>;
  abort(): Promise<void>;
}

/** An ingest in progress, as `ingests()` lists it. */
export interface IngestStatus {
  readonly ref: string;
  readonly offsetBytes: number;
}

/** Writes new blobs. */
export interface BlobIngester {
  /** Opens an ingest; `ref` defaults to a generated one. Fails if the ref is already open. */
  writer(options?: { ref?: string }): Promise<BlobWriter>;
  /** Ingests in progress, sorted by ref. */
  ingests(): Promise<readonly IngestStatus[]>;
}

/** Enumerates and removes blobs. */
export interface BlobManager {
  /** Visits every committed blob in digest order. */
  walk(visit: (info: BlobInfo) => void | Promise<void>): Promise<void>;
  /** Removes a blob; a `NotFound` error if absent. */
  delete(digest: Digest): Promise<void>;
}

/**
 * The content store: blobs (layers, configs, manifests) addressed by the sha256 of their bytes,
 * split into role interfaces in containerd's style so a component asks only for what it uses.
 *
 * Lifecycle of a blob:
 *
 * 1. `ingester.writer({ ref })` opens an ingest under a caller-chosen `ref` (a registry upload
 *    UUID, `layer-sha256:…` for a pull). Only one writer may hold a ref at a time.
 * 2. `writer.write(chunk)` appends bytes. Nothing is visible to readers yet.
 * 3. `writer.commit({ expectedDigest, expectedSizeBytes })` hashes what was written, checks it
 *    against the expectations and makes the blob visible under its digest. Committing content
 *    that is already present succeeds and changes nothing. A failed check refuses the commit
 *    and discards the ingest: the store is as it was before the writer opened.
 *    `writer.abort()` discards the ingest without committing.
 * 4. `provider.read(digest)` returns a copy of the bytes after verifying them against the
 *    digest again (a pair assertion: a `DigestMismatchError` on read means the stored bytes
 *    were corrupted).
 * 5. `manager.delete(digest)` removes the blob.
 *
 * Example:
 *
 * ```ts
 * const writer = await store.writer({ ref: "upload-1" });
 * await writer.write(bytes);
 * const info = await writer.commit({ expectedDigest: digestOf(bytes) });
 * const again = await store.read(info.digest);
 * ```
 */
export interface ContentStore extends BlobProvider, BlobIngester, BlobManager {}

/** Limits every content store enforces. */
export interface ContentLimits {
  readonly blobSizeBytesMax: number;
  readonly activeIngestCountMax: number;
  readonly blobCountMax: number;
}

/** Defaults: 512 MiB per blob, 1 024 open ingests, 100 000 blobs per store. */
export const DEFAULT_CONTENT_LIMITS: ContentLimits = Object.freeze({
  blobSizeBytesMax: 512 * 1024 * 1024,
  activeIngestCountMax: 1024,
  blobCountMax: 100_000,
});
