import type { Digest } from "../digest/digest.ts";
import { createSha256, type Sha256 } from "../digest/sha256.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { BlobCommitError } from "./blob-commit-error.ts";
import type { BlobInfo, BlobWriter, CommitExpectations } from "./content-store.ts";

/** What a `MemBlobWriter` needs from its store. */
export interface MemBlobWriterOptions {
  readonly ref: string;
  readonly sizeBytesMax: number;
  /** Called once when the writer closes, whichever way. */
  readonly onClose: () => void;
  /** Makes the verified content visible; `load` assembles the bytes only if the store needs them. */
  readonly onCommit: (written: BlobInfo, load: () => Uint8Array) => BlobInfo;
}

/**
 * An ingest held in memory: chunks are copied as they arrive (the caller may reuse its buffer)
 * and hashed incrementally, so commit costs no second pass over the bytes. Any failure closes
 * the writer and discards what it held.
 */
export class MemBlobWriter implements BlobWriter {
  readonly ref: string;
  readonly #options: MemBlobWriterOptions;
  readonly #hash: Sha256 = createSha256();
  #chunks: Uint8Array[] = [];
  #offsetBytes = 0;
  #open = true;

  constructor(options: MemBlobWriterOptions) {
    this.ref = options.ref;
    this.#options = options;
  }

  get offsetBytes(): number {
    return this.#offsetBytes;
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.#ensureOpen();
    const total = this.#offsetBytes + chunk.length;
    if (total > this.#options.sizeBytesMax) {
      this.discard();
      throw new LimitExceededError({
        what: "blob size in bytes",
        limit: this.#options.sizeBytesMax,
        actual: total,
      });
    }
    const copy = chunk.slice();
    this.#hash.update(copy);
    this.#chunks.push(copy);
    this.#offsetBytes = total;
  }

  async commit(expectations: CommitExpectations = {}): Promise<BlobInfo> {
    this.#ensureOpen();
    const sizeBytes = this.#offsetBytes;
    const digest = `sha256:${this.#hash.digestHex()}` as Digest;
    const chunks = this.#chunks;
    try {
      const { expectedSizeBytes, expectedDigest } = expectations;
      if (expectedSizeBytes !== undefined && expectedSizeBytes !== sizeBytes) {
        throw new BlobCommitError({
          ref: this.ref,
          reason: "size",
          expected: expectedSizeBytes,
          actual: sizeBytes,
        });
      }
      if (expectedDigest !== undefined && expectedDigest !== digest) {
        throw new BlobCommitError({
          ref: this.ref,
          reason: "digest",
          expected: expectedDigest,
          actual: digest,
        });
      }
      return this.#options.onCommit({ digest, sizeBytes }, () => concat(chunks, sizeBytes));
    } finally {
      this.discard();
    }
  }

  /** Discards the ingest. Aborting a closed writer does nothing. */
  async abort(): Promise<void> {
    this.discard();
  }

  /** Closes the writer and drops its bytes, synchronously. */
  discard(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#chunks = [];
    this.#options.onClose();
  }

  #ensureOpen(): void {
    if (!this.#open) {
      throw new DrydockError("FailedPrecondition", `ingest ${this.ref} is closed`, {
        data: { ref: this.ref },
      });
    }
  }
}

function concat(chunks: readonly Uint8Array[], sizeBytes: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.length === sizeBytes) return chunks[0]!;
  const out = new Uint8Array(sizeBytes);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
