import type { TarEntry } from "../archive/tar-entry.ts";
import { writeTar } from "../archive/tar-writer.ts";
import type { ContentStore } from "../content/content-store.ts";
import { writeBlob } from "../content/write-blob.ts";
import { type Digest, digestOf } from "../digest/digest.ts";
import type { LayerTree } from "../fs/layer-tree.ts";
import { type LayerTreeCache, layerSizeBytes } from "./layer-tree-cache.ts";

/** A layer the daemon holds: its diff ID, its sealed tree and its size as dockerd counts it. */
export interface StoredLayer {
  readonly diffId: Digest;
  readonly tree: LayerTree;
  readonly sizeBytes: number;
}

/**
 * Where a daemon's layer and config bytes live. By the project's convention a layer is stored in
 * the host's content store as its uncompressed tar under its diff ID, and a config under its
 * digest; the extracted trees come from the process-wide `LayerTreeCache`.
 */
export class LayerData {
  readonly content: ContentStore;
  readonly trees: LayerTreeCache;
  /** Sizes of the layers this host has seen, kept even when the cache drops their trees. */
  readonly #sizes = new Map<Digest, number>();

  constructor(options: { content: ContentStore; trees: LayerTreeCache }) {
    this.content = options.content;
    this.trees = options.trees;
  }

  /** Stores a layer given as entries (its tar is written exactly as Docker writes it). */
  async storeEntries(entries: readonly TarEntry[]): Promise<StoredLayer> {
    const bytes = writeTar(entries);
    const diffId = digestOf(bytes);
    if (!(await this.content.has(diffId)))
      await writeBlob(this.content, bytes, { expectedDigest: diffId });
    const tree = this.trees.get(diffId, () => entries);
    return this.#stored(diffId, tree);
  }

  /** Stores a layer given as an uncompressed tar. */
  async storeTar(bytes: Uint8Array): Promise<StoredLayer> {
    const diffId = digestOf(bytes);
    if (!(await this.content.has(diffId)))
      await writeBlob(this.content, bytes, { expectedDigest: diffId });
    const tree = this.trees.get(diffId, () => bytes);
    return this.#stored(diffId, tree);
  }

  /** The layer's tree, extracted from the content store if no host has it cached. */
  async layer(diffId: Digest): Promise<StoredLayer> {
    const cached = this.trees.peek(diffId);
    if (cached !== undefined) return this.#stored(diffId, cached.tree);
    const bytes = await this.content.read(diffId);
    return this.#stored(
      diffId,
      this.trees.get(diffId, () => bytes),
    );
  }

  /** A layer's size (dockerd's `DiffSize`); 0 for a layer this host never loaded. */
  sizeOf(diffId: Digest): number {
    return this.#sizes.get(diffId) ?? this.trees.peek(diffId)?.sizeBytes ?? 0;
  }

  /** Remembers a size (from saved state). */
  recordSize(diffId: Digest, sizeBytes: number): void {
    this.#sizes.set(diffId, sizeBytes);
  }

  /** Known sizes, sorted by diff ID (for saved state). */
  sizes(): [Digest, number][] {
    return [...this.#sizes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  #stored(diffId: Digest, tree: LayerTree): StoredLayer {
    const sizeBytes = this.#sizes.get(diffId) ?? layerSizeBytes(tree);
    this.#sizes.set(diffId, sizeBytes);
    return { diffId, tree, sizeBytes };
  }

  /** Stores a config document under its digest. */
  async storeConfig(configJson: string): Promise<Digest> {
    const bytes = new TextEncoder().encode(configJson);
    const digest = digestOf(bytes);
    if (!(await this.content.has(digest)))
      await writeBlob(this.content, bytes, { expectedDigest: digest });
    return digest;
  }

  /** Removes a blob the daemon no longer needs; absent blobs are fine. */
  async forget(digest: Digest): Promise<void> {
    this.#sizes.delete(digest);
    if (await this.content.has(digest)) await this.content.delete(digest);
  }
}
