import type { TarEntry } from "../archive/tar-entry.ts";
import { checkTimeUs } from "./fs-args.ts";
import type { ExtractLimits, TreeLimits } from "./fs-limits.ts";
import { LayerApplier } from "./layer-applier.ts";
import { LayerTree } from "./layer-tree.ts";
import { validateLayer } from "./layer-validation.ts";
import { updateExtras } from "./tree-node.ts";

export interface ApplyOptions {
  /** Extraction time: the mtime of parent directories a layer needs but does not list. */
  readonly nowUs: number;
  readonly limits?: Partial<ExtractLimits>;
}

/**
 * Applies one layer onto a whole root filesystem, as dockerd's `ApplyLayer` does: `.wh.<name>`
 * deletes `<name>` with its subtree, `.wh..wh..opq` deletes what earlier layers put in the
 * directory, hard links may point at any earlier entry, missing parents are created (0755, root),
 * and an entry replaces what is at its path, except that a directory over a directory keeps the
 * children and takes the new metadata. A parent directory the layer does not list keeps its
 * metadata (dockerd would leave its mtime at the extraction time).
 *
 * All or nothing: the layer is checked first (limits, `UnsafePathError` for absolute or escaping
 * paths), then applied to a scratch copy of the tree (file bytes shared, so the copy is cheap in
 * memory but O(entries in the tree) in time), which replaces the tree's content only if every
 * entry applied. On any error the tree is left exactly as it was.
 */
export function applyEntries(
  tree: LayerTree,
  entries: readonly TarEntry[],
  options: ApplyOptions,
): void {
  tree.assertWritable();
  const nowUs = checkTimeUs(options.nowUs);
  validateLayer(entries, options.limits);
  const scratch = tree.clone();
  new LayerApplier({ tree: scratch, mode: "flatten", nowUs }).applyAll(entries);
  tree.adopt(scratch);
}

export interface TreeFromEntriesOptions extends ApplyOptions {
  readonly treeLimits?: Partial<TreeLimits>;
}

/**
 * One layer's own tree, as overlay2 stores an extracted layer: whiteouts stay as markers, opaque
 * directories are flagged, and directories the layer implies without listing them are marked so
 * an overlay shows the lower layers' metadata for them. The result is sealed, ready to be a lower
 * layer of an `OverlayFs`; `diffEntries` turns it back into entries.
 */
export function treeFromEntries(
  entries: readonly TarEntry[],
  options: TreeFromEntriesOptions,
): LayerTree {
  const nowUs = checkTimeUs(options.nowUs);
  validateLayer(entries, options.limits);
  const tree = new LayerTree({ nowUs, limits: options.treeLimits });
  updateExtras(tree.store.root.getNode(), { implied: true });
  new LayerApplier({ tree, mode: "layer", nowUs }).applyAll(entries);
  tree.seal();
  return tree;
}

export interface FlattenOptions extends ApplyOptions {
  readonly treeLimits?: Partial<TreeLimits>;
}

/**
 * The root filesystem of an image: its layers applied in order (bottom first) onto an empty
 * tree, as `applyEntries` would, without the scratch copies. Used by `docker export`-like views
 * and as the reference an overlay is checked against.
 */
export function flatten(
  layers: readonly (readonly TarEntry[])[],
  options: FlattenOptions,
): LayerTree {
  const nowUs = checkTimeUs(options.nowUs);
  const tree = new LayerTree({ nowUs, limits: options.treeLimits });
  for (const entries of layers) {
    validateLayer(entries, options.limits);
    new LayerApplier({ tree, mode: "flatten", nowUs }).applyAll(entries);
  }
  return tree;
}
