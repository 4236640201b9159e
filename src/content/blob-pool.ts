import type { Digest } from "../digest/digest.ts";
import { assert } from "../errors/assert.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";

interface PoolEntry {
  bytes: Uint8Array;
  references: number;
}

/** Counters of a pool, for benchmarks and checkers. */
export interface BlobPoolStats {
  readonly blobCount: number;
  readonly totalSizeBytes: number;
  /** The sum of every blob's reference count: how many stores hold how many blobs. */
  readonly referenceCount: number;
}

/**
 * The bytes of every blob in a world, held once, with reference counts. Hosts' and registries'
 * content stores keep only digests and sizes and take a reference here for each blob they hold,
 * so a hundred hosts that pulled the same layer cost one copy of it. When the last store lets
 * go of a blob its bytes are dropped.
 *
 * One pool per world is the usual arrangement; worlds may share a pool, since the reference
 * counts keep their blobs apart in time. The pool never hands its arrays out: stores copy on
 * read, so no caller can change bytes other hosts see.
 */
export class BlobPool {
  readonly #entries = new Map<Digest, PoolEntry>();
  readonly #sizeBytesMax: number;
  #totalSizeBytes = 0;

  constructor(options: { sizeBytesMax?: number } = {}) {
    this.#sizeBytesMax = options.sizeBytesMax ?? 4 * 1024 * 1024 * 1024;
  }

  /**
   * Takes a reference to `digest`. The first reference stores the bytes `load` returns; later
   * ones keep the copy already held and never call `load`, so a caller can skip assembling
   * bytes the pool has. The caller has verified that the bytes hash to `digest`.
   */
  retain(digest: Digest, load: () => Uint8Array): void {
    const entry = this.#entries.get(digest);
    if (entry !== undefined) {
      entry.references++;
      return;
    }
    const bytes = load();
    const total = this.#totalSizeBytes + bytes.length;
    if (total > this.#sizeBytesMax) {
      throw new LimitExceededError({
        what: "blob pool size in bytes",
        limit: this.#sizeBytesMax,
        actual: total,
      });
    }
    this.#entries.set(digest, { bytes, references: 1 });
    this.#totalSizeBytes = total;
  }

  /** Drops one reference; returns true if that was the last and the bytes are gone. */
  release(digest: Digest): boolean {
    const entry = this.#entries.get(digest);
    assert(
      entry !== undefined && entry.references > 0,
      `blob pool release of an unheld blob ${digest}`,
    );
    entry.references--;
    if (entry.references > 0) return false;
    this.#entries.delete(digest);
    this.#totalSizeBytes -= entry.bytes.length;
    return true;
  }

  has(digest: Digest): boolean {
    return this.#entries.has(digest);
  }

  references(digest: Digest): number {
    return this.#entries.get(digest)?.references ?? 0;
  }

  /**
   * The pool's own array, for content stores only: they verify and copy it before anything
   * leaves. Everyone else reads through a store.
   */
  bytesOf(digest: Digest): Uint8Array | undefined {
    return this.#entries.get(digest)?.bytes;
  }

  stats(): BlobPoolStats {
    let referenceCount = 0;
    for (const entry of this.#entries.values()) referenceCount += entry.references;
    return { blobCount: this.#entries.size, totalSizeBytes: this.#totalSizeBytes, referenceCount };
  }

  /**
   * Fault injection: changes a stored blob's bytes in place (a flipped bit on disk). Every
   * store's next read of it fails with `DigestMismatchError`.
   */
  injectCorruption(digest: Digest, mutate: (bytes: Uint8Array) => void): void {
    const entry = this.#entries.get(digest);
    assert(entry !== undefined, `cannot corrupt a blob the pool does not hold: ${digest}`);
    mutate(entry.bytes);
  }
}
