import { gzip } from "../../archive/gzip.ts";
import { type Digest, digestOf } from "../../digest/digest.ts";
import { type Descriptor, descriptorOf } from "../../image/descriptor.ts";
import { MediaType } from "../../image/media-types.ts";

/** A layer as it leaves a host: the gzip blob of its tar and the descriptor naming it. */
export interface CompressedLayer {
  readonly diffId: Digest;
  readonly descriptor: Descriptor;
  readonly bytes: Uint8Array;
}

/** Counters, for tests and benchmarks: how much work the cache saved. */
export interface CompressedLayerCacheStats {
  readonly compressions: number;
  readonly compressionHits: number;
  readonly decompressionHits: number;
  readonly heldBytes: number;
}

/** Default: 256 MiB of compressed blobs and decompressed tars held at once. */
const DEFAULT_SIZE_BYTES_MAX = 256 * 1024 * 1024;

/**
 * The process-wide codec cache of layers (DESIGN.md §8: compress lazily, only when a blob
 * leaves a host, and once). Push side: diff ID → the gzip (level 6, mtime 0) of the layer tar,
 * computed on first use; a hundred hosts pushing one layer compress it once. Pull side:
 * compressed digest → diff ID and tar, learnt from a verified decompression, so the same blob
 * pulled by many hosts is inflated once. The compressed bytes are a pure function of the tar,
 * so whatever the cache held or evicted, results are the same: it saves time, never changes
 * output. Entries are evicted oldest first beyond the byte budget.
 */
export class CompressedLayerCache {
  readonly #sizeBytesMax: number;
  readonly #compressed = new Map<Digest, CompressedLayer>();
  readonly #decompressed = new Map<Digest, { diffId: Digest; tar: Uint8Array }>();
  readonly #pending = new Map<Digest, Promise<CompressedLayer>>();
  #heldBytes = 0;
  #compressions = 0;
  #compressionHits = 0;
  #decompressionHits = 0;

  constructor(options: { sizeBytesMax?: number } = {}) {
    this.#sizeBytesMax = options.sizeBytesMax ?? DEFAULT_SIZE_BYTES_MAX;
  }

  /** The compressed form of the layer `diffId`; `loadTar` is called only on a miss. */
  async compress(diffId: Digest, loadTar: () => Promise<Uint8Array>): Promise<CompressedLayer> {
    const held = this.#compressed.get(diffId);
    if (held !== undefined) {
      this.#compressionHits++;
      return held;
    }
    const pending = this.#pending.get(diffId);
    if (pending !== undefined) {
      this.#compressionHits++;
      return pending;
    }
    const work = loadTar().then((tar) => {
      const bytes = gzip(tar);
      this.#compressions++;
      const layer: CompressedLayer = Object.freeze({
        diffId,
        descriptor: descriptorOf(MediaType.dockerLayerGzip, bytes),
        bytes,
      });
      this.#hold(this.#compressed, diffId, layer, bytes.length);
      return layer;
    });
    this.#pending.set(diffId, work);
    try {
      return await work;
    } finally {
      this.#pending.delete(diffId);
    }
  }

  /** The tar a verified compressed blob was found to hold, if this process inflated it before. */
  decompressed(digest: Digest): { readonly diffId: Digest; readonly tar: Uint8Array } | undefined {
    const entry = this.#decompressed.get(digest);
    if (entry !== undefined) this.#decompressionHits++;
    return entry;
  }

  /** Remembers what a verified blob inflated to (the tar's digest is its diff ID). */
  rememberDecompressed(digest: Digest, tar: Uint8Array): Digest {
    const diffId = digestOf(tar);
    this.#hold(this.#decompressed, digest, { diffId, tar }, tar.length);
    return diffId;
  }

  stats(): CompressedLayerCacheStats {
    return {
      compressions: this.#compressions,
      compressionHits: this.#compressionHits,
      decompressionHits: this.#decompressionHits,
      heldBytes: this.#heldBytes,
    };
  }

  #hold<T>(map: Map<Digest, T>, key: Digest, value: T, sizeBytes: number): void {
    if (sizeBytes > this.#sizeBytesMax || map.has(key)) return;
    map.set(key, value);
    this.#heldBytes += sizeBytes;
    this.#evict();
  }

  #evict(): void {
    for (const map of [this.#decompressed, this.#compressed] as Map<Digest, unknown>[]) {
      for (const [key, value] of map) {
        if (this.#heldBytes <= this.#sizeBytesMax) return;
        map.delete(key);
        this.#heldBytes -= sizeOf(value);
      }
    }
  }
}

function sizeOf(value: unknown): number {
  const entry = value as { bytes?: Uint8Array; tar?: Uint8Array };
  return (entry.bytes ?? entry.tar)?.length ?? 0;
}

/** The cache every daemon of this process shares unless given another. */
export const PROCESS_COMPRESSED_LAYERS: CompressedLayerCache = new CompressedLayerCache();
