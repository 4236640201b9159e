import type { Link } from "@jsonjoy.com/fs-core";
import { sortNames } from "./compare-names.ts";
import {
  childLink,
  isDirectoryNode,
  isImpliedNode,
  isOpaqueNode,
  isWhiteoutNode,
} from "./tree-node.ts";

/**
 * One name in a stack of layers, as overlayfs sees it: the links that make it up, topmost first.
 * A non-directory is always a single link. A directory merges the same directory of every layer
 * down to the first opaque one, whiteout or non-directory.
 *
 * Layer numbers count from the top: 0 is an overlay's upper layer, 1 the topmost lower layer.
 * Entries are built per lookup and may be updated in place by the operation that made them (a
 * copy-up prepends the new upper link).
 */
export interface MergedEntry {
  readonly links: Link[];
  readonly layers: number[];
}

/**
 * Looks `name` up in a merged directory, ignoring layers above `minLayer` (1 gives the view of the
 * lower layers alone, which is what deciding "does this need a whiteout" asks).
 */
export function mergedChild(
  dir: MergedEntry,
  name: string,
  minLayer: number,
): MergedEntry | undefined {
  if (dir.links.length === 1 && dir.layers[0]! >= minLayer) {
    // One layer: the common case below the first few directories of an image.
    const child = childLink(dir.links[0]!, name);
    if (child === undefined || isWhiteoutNode(child.getNode())) return undefined;
    return { links: [child], layers: [dir.layers[0]!] };
  }
  let links: Link[] | undefined;
  let layers: number[] | undefined;
  for (let i = 0; i < dir.links.length; i++) {
    const layer = dir.layers[i]!;
    if (layer < minLayer) continue;
    const child = childLink(dir.links[i]!, name);
    if (child === undefined) continue;
    const node = child.getNode();
    if (isWhiteoutNode(node)) break;
    if (!isDirectoryNode(node)) {
      if (links === undefined) return { links: [child], layers: [layer] };
      break;
    }
    if (links === undefined) {
      links = [child];
      layers = [layer];
    } else {
      links.push(child);
      layers!.push(layer);
    }
    if (isOpaqueNode(node)) break;
  }
  return links === undefined ? undefined : { links, layers: layers! };
}

/**
 * The index of the link whose metadata the merged entry shows: the topmost one, except that a
 * directory a layer only implied (it had entries below it but no entry of its own) lets the
 * metadata of the next layer's directory show through, as applying the layers in order would.
 */
export function metaIndex(entry: MergedEntry): number {
  for (let i = 0; i < entry.links.length; i++)
    if (!isImpliedNode(entry.links[i]!.getNode())) return i;
  return 0;
}

/** The visible names of a merged directory, sorted; whiteouts hide lower names. */
export function mergedNames(dir: MergedEntry): string[] {
  const names: string[] = [];
  if (dir.links.length === 1) {
    for (const [name, child] of dir.links[0]!.children) {
      if (name !== "." && name !== ".." && child !== undefined && !isWhiteoutNode(child.getNode()))
        names.push(name);
    }
    return sortNames(names);
  }
  const seen = new Set<string>();
  for (const link of dir.links) {
    for (const [name, child] of link.children) {
      if (name === "." || name === ".." || child === undefined || seen.has(name)) continue;
      seen.add(name);
      if (!isWhiteoutNode(child.getNode())) names.push(name);
    }
  }
  return sortNames(names);
}

/** Whether a merged directory has any visible entry. */
export function mergedIsEmpty(dir: MergedEntry): boolean {
  return mergedNames(dir).length === 0;
}
