import type { TarEntry } from "../archive/tar-entry.ts";
import { readTar } from "../archive/tar-reader.ts";
import type { Digest } from "../digest/digest.ts";
import { assert } from "../errors/assert.ts";
import { treeFromEntries } from "../fs/apply-entries.ts";
import type { LayerTree } from "../fs/layer-tree.ts";
import type { FsReader } from "../fs/virtual-fs.ts";

interface CachedLayer {
  readonly tree: LayerTree;
  readonly sizeBytes: number;
}

/**
 * Sealed layer trees by diff ID, shared by every simulated host of a process: a hundred hosts
 * that hold an image use one tree per layer. A tree is built from the layer's uncompressed tar
 * the first time it is asked for; the least recently used trees are dropped past a count limit
 * (holders keep theirs; a later request builds the tree again from the tar).
 *
 * Trees are built with a fixed extraction time (the epoch), so the same tar gives the same tree
 * whichever host extracts it first.
 */
export class LayerTreeCache {
  readonly #layers = new Map<Digest, CachedLayer>();
  readonly #treeCountMax: number;

  constructor(options: { treeCountMax?: number } = {}) {
    this.#treeCountMax = options.treeCountMax ?? 10_000;
  }

  get size(): number {
    return this.#layers.size;
  }

  /** The cached layer, if any (and marks it recently used). */
  peek(diffId: Digest): { readonly tree: LayerTree; readonly sizeBytes: number } | undefined {
    const cached = this.#layers.get(diffId);
    if (cached === undefined) return undefined;
    this.#layers.delete(diffId);
    this.#layers.set(diffId, cached);
    return cached;
  }

  /** The layer's tree, built from `entries` or the tar bytes if it is not cached. */
  get(diffId: Digest, source: () => Uint8Array | readonly TarEntry[]): LayerTree {
    const cached = this.peek(diffId);
    if (cached !== undefined) return cached.tree;
    const input = source();
    const entries = input instanceof Uint8Array ? readTar(input) : input;
    return this.put(diffId, treeFromEntries(entries, { nowUs: 0 }));
  }

  /** Adds a sealed tree built elsewhere (a committed container diff, a build step). */
  put(diffId: Digest, tree: LayerTree): LayerTree {
    assert(tree.sealed, "cached layer trees must be sealed");
    const existing = this.#layers.get(diffId);
    if (existing !== undefined) return existing.tree;
    this.#layers.set(diffId, { tree, sizeBytes: layerSizeBytes(tree) });
    while (this.#layers.size > this.#treeCountMax) {
      const oldest = this.#layers.keys().next().value as Digest;
      this.#layers.delete(oldest);
    }
    return tree;
  }
}

/**
 * A layer's size as dockerd reports it (`directory.Size` of the layer's diff directory): the sum
 * of `lstat` sizes of everything but directories, each inode counted once.
 */
export function layerSizeBytes(fs: FsReader): number {
  const seen = new Set<number>();
  let total = 0;
  const walk = (dir: string): void => {
    for (const name of fs.readdir(dir)) {
      const path = dir === "/" ? `/${name}` : `${dir}/${name}`;
      const info = fs.lstat(path);
      if (info.type === "directory") {
        walk(path);
        continue;
      }
      if (info.sizeBytes === 0 || seen.has(info.ino)) continue;
      seen.add(info.ino);
      total += info.sizeBytes;
    }
  };
  walk("/");
  return total;
}
