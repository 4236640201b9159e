import { type Digest, isDigest } from "../../digest/digest.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";

/** Where a layer's compressed blob is known to be: a digest in a repository of a registry. */
export interface BlobSource {
  readonly digest: Digest;
  /** The full repository name: `localhost:5000/mini`, `docker.io/library/busybox`. */
  readonly repository: string;
  /** Who pushed or pulled it (dockerd keeps an HMAC of the credentials); "" when anonymous. */
  readonly account: string;
}

/** The saved form: sources per diff ID, oldest first, diff IDs sorted. */
export type DistributionMetadataJson = readonly (readonly [string, readonly BlobSource[]])[];

/** dockerd keeps at most this many sources per layer. */
const SOURCES_PER_LAYER_MAX = 50;
/** Layers with sources, per daemon. */
const LAYER_COUNT_MAX = 100_000;

/**
 * dockerd's distribution metadata (`V2MetadataService`): for each layer (diff ID) the blobs
 * (compressed digests) it was pushed as or pulled from and in which repositories, and for each
 * digest its diff ID. Push uses it to `HEAD` for blobs the registry may already have (`Layer
 * already exists`) and to mount from other repositories (`Mounted from …`); pull uses it to see
 * that a layer is already present (`Already exists`) without downloading it.
 */
export class DistributionMetadata {
  readonly #sources = new Map<Digest, BlobSource[]>();
  readonly #diffIds = new Map<Digest, Digest>();

  /** The sources known for a layer, oldest first. */
  sourcesOf(diffId: Digest): readonly BlobSource[] {
    return this.#sources.get(diffId) ?? [];
  }

  /** The diff ID of a compressed blob, if this daemon pushed or pulled it. */
  diffIdOf(digest: Digest): Digest | undefined {
    return this.#diffIds.get(digest);
  }

  /** Records a source (moved to the newest position if already known). */
  add(diffId: Digest, source: BlobSource): void {
    this.#diffIds.set(source.digest, diffId);
    const list = this.#sources.get(diffId) ?? [];
    if (list.length === 0 && this.#sources.size >= LAYER_COUNT_MAX)
      throw new LimitExceededError({
        what: "layers with distribution metadata",
        limit: LAYER_COUNT_MAX,
      });
    const kept = list.filter((item) => !sameSource(item, source));
    kept.push(Object.freeze({ ...source }));
    this.#sources.set(diffId, kept.slice(-SOURCES_PER_LAYER_MAX));
  }

  /** Forgets a source (a registry said the blob is not in that repository any more). */
  remove(diffId: Digest, source: BlobSource): void {
    const list = this.#sources.get(diffId);
    if (list === undefined) return;
    const kept = list.filter((item) => !sameSource(item, source));
    if (kept.length === 0) this.#sources.delete(diffId);
    else this.#sources.set(diffId, kept);
  }

  toJSON(): DistributionMetadataJson {
    return [...this.#sources.keys()].sort().map((diffId) => [diffId, this.#sources.get(diffId)!]);
  }

  /** Rebuilds metadata from `toJSON()` output; malformed entries are a `DataLoss` error. */
  static fromJSON(value: unknown): DistributionMetadata {
    const metadata = new DistributionMetadata();
    if (value === undefined) return metadata;
    if (!Array.isArray(value)) corrupt("not a list");
    for (const item of value as unknown[]) {
      if (!Array.isArray(item) || item.length !== 2 || !isDigest(String(item[0])))
        corrupt("bad entry");
      const [diffId, sources] = item as [Digest, unknown];
      if (!Array.isArray(sources)) corrupt(`bad sources of ${diffId}`);
      for (const source of sources as BlobSource[]) {
        if (!isDigest(String(source?.digest)) || typeof source.repository !== "string")
          corrupt(`bad source of ${diffId}`);
        metadata.add(diffId, {
          digest: source.digest,
          repository: source.repository,
          account: String(source.account ?? ""),
        });
      }
    }
    return metadata;
  }
}

function sameSource(left: BlobSource, right: BlobSource): boolean {
  return (
    left.digest === right.digest &&
    left.repository === right.repository &&
    left.account === right.account
  );
}

function corrupt(detail: string): never {
  throw new DrydockError("DataLoss", `distribution metadata is inconsistent: ${detail}`, {
    data: { detail },
  });
}
