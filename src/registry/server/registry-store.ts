import { BlobPool } from "../../content/blob-pool.ts";
import type { Digest } from "../../digest/digest.ts";
import { assert } from "../../errors/assert.ts";
import type { IndexEntry } from "./manifest-payload.ts";

/** A manifest as a repository holds it; its bytes are a blob of the registry. */
export interface StoredManifest {
  readonly digest: Digest;
  readonly mediaType: string;
  readonly sizeBytes: number;
  /** Blobs it points at (config, layers, subject excluded): what garbage collection keeps. */
  readonly blobs: readonly Digest[];
  /** Manifests it points at (an index's entries, with their platforms). */
  readonly children: readonly IndexEntry[];
}

/** One repository: the blobs linked into it, its manifests and its tags. */
export interface RepositoryState {
  readonly name: string;
  readonly layers: Set<Digest>;
  readonly manifests: Map<Digest, StoredManifest>;
  readonly tags: Map<string, Digest>;
  /** 2.8.2 answers `NAME_UNKNOWN` to `tags/list` until a repository has had a tag. */
  tagged: boolean;
}

/** An upload in progress: the chunks received so far. */
export interface UploadSession {
  readonly uuid: string;
  readonly repository: string;
  readonly startedUs: number;
  readonly chunks: Uint8Array[];
  sizeBytes: number;
}

/**
 * What a registry holds: blobs (bytes kept once in a `BlobPool`, one reference per blob held
 * here), repositories, upload sessions. Plain state; the request handlers enforce the protocol.
 */
export class RegistryStore {
  readonly pool: BlobPool;
  readonly blobs = new Map<Digest, { readonly sizeBytes: number }>();
  readonly repositories = new Map<string, RepositoryState>();
  readonly uploads = new Map<string, UploadSession>();

  constructor(options: { pool?: BlobPool }) {
    this.pool = options.pool ?? new BlobPool();
  }

  /** Stores a blob the caller has verified; idempotent. */
  putBlob(digest: Digest, bytes: Uint8Array): void {
    if (this.blobs.has(digest)) return;
    this.pool.retain(digest, () => bytes.slice());
    this.blobs.set(digest, { sizeBytes: bytes.length });
  }

  /** A copy of a blob's bytes (the pool's array never leaves). */
  blobBytes(digest: Digest): Uint8Array | undefined {
    if (!this.blobs.has(digest)) return undefined;
    const bytes = this.pool.bytesOf(digest);
    assert(bytes !== undefined, `registry blob ${digest} missing from its pool`);
    return bytes.slice();
  }

  /** Drops a blob and this registry's reference to its bytes. */
  dropBlob(digest: Digest): void {
    if (!this.blobs.delete(digest)) return;
    this.pool.release(digest);
  }

  repository(name: string): RepositoryState | undefined {
    return this.repositories.get(name);
  }

  /** The repository, created empty when new (the caller checks the repository limit). */
  ensureRepository(name: string): RepositoryState {
    let repository = this.repositories.get(name);
    if (repository === undefined) {
      repository = {
        name,
        layers: new Set(),
        manifests: new Map(),
        tags: new Map(),
        tagged: false,
      };
      this.repositories.set(name, repository);
    }
    return repository;
  }
}
