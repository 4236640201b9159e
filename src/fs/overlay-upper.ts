import type { Link, Node } from "@jsonjoy.com/fs-core";
import { assert } from "../errors/assert.ts";
import { PERM_MASK } from "./file-mode.ts";
import type { LayerTree } from "./layer-tree.ts";
import { type MergedEntry, metaIndex } from "./merged-entry.ts";
import type { PathFrame } from "./path-resolver.ts";
import {
  childLink,
  contentOf,
  extrasOf,
  isDirectoryNode,
  isImpliedNode,
  isWhiteoutNode,
  mtimeUsOf,
  setMtimeUs,
  updateExtras,
} from "./tree-node.ts";
import type { NodeSpec } from "./tree-store.ts";
import { typeOfNode } from "./tree-store.ts";

/**
 * The writes an overlay makes to its upper layer: copy-up, whiteouts and opaque directories, with
 * the same outcome as Linux overlayfs (the `overlay2` storage driver).
 *
 * - Copy-up keeps mode, owner, mtime and xattrs, and shares the file's bytes with the lower
 *   layer. Like overlayfs it leaves the parent's mtime alone. It breaks lower hard links (each
 *   copied-up path gets its own inode), as overlayfs does without `index=on`, Docker's setting.
 * - Whiteouts made by deleting share one inode, as on Linux 5.8 and later, where overlayfs links
 *   every whiteout to one inode in its work directory. That is visible in a layer tar: dockerd
 *   writes the second and later whiteouts as pointing at the first (see `diffEntries`). A
 *   whiteout left by rename is an inode of its own (`RENAME_WHITEOUT`).
 */
export class OverlayUpper {
  readonly #tree: LayerTree;
  readonly #sharedWhiteouts: boolean;
  #sharedWhiteout: Node | undefined;

  constructor(options: { tree: LayerTree; sharedWhiteouts: boolean }) {
    this.#tree = options.tree;
    this.#sharedWhiteouts = options.sharedWhiteouts;
  }

  get tree(): LayerTree {
    return this.#tree;
  }

  /** Makes sure every directory of `frames` (root first) exists in the upper layer; returns the last. */
  copyUpDirs(frames: readonly PathFrame<MergedEntry>[]): Link {
    let upperDir: Link | undefined;
    for (const frame of frames) upperDir = this.#copyUpDir(upperDir, frame);
    assert(upperDir !== undefined, "copyUpDirs: no frames");
    return upperDir;
  }

  /** Copies a lower non-directory into the upper layer (the parents first); returns its link. */
  copyUpEntry(parents: readonly PathFrame<MergedEntry>[], name: string, entry: MergedEntry): Link {
    if (entry.layers[0] === 0) return entry.links[0]!;
    const source = entry.links[0]!.getNode();
    if (isDirectoryNode(source)) return this.copyUpDirs([...parents, { entry, name }]);
    const upperDir = this.copyUpDirs(parents);
    const link = this.#tree.store.createEntry(upperDir, name, specOf(source));
    entry.links[0] = link;
    entry.layers[0] = 0;
    return link;
  }

  /** Removes whatever the upper layer has at `name`; returns whether it was a whiteout. */
  clear(upperDir: Link, name: string): boolean {
    const link = childLink(upperDir, name);
    if (link === undefined) return false;
    const wasWhiteout = isWhiteoutNode(link.getNode());
    this.#tree.store.removeEntry(upperDir, link);
    return wasWhiteout;
  }

  /** Hides lower entries called `name`; `shared` for a deletion, not for a rename. */
  whiteout(upperDir: Link, name: string, options: { nowUs: number; shared: boolean }): void {
    const store = this.#tree.store;
    const shared = options.shared && this.#sharedWhiteouts;
    if (shared && this.#sharedWhiteout !== undefined && this.#sharedWhiteout.nlink > 0) {
      store.addHardLink(upperDir, name, this.#sharedWhiteout);
      return;
    }
    const link = store.createEntry(upperDir, name, {
      type: "whiteout",
      perm: 0,
      uid: 0,
      gid: 0,
      mtimeUs: options.nowUs,
    });
    if (shared) this.#sharedWhiteout = link.getNode();
  }

  #copyUpDir(upperParent: Link | undefined, frame: PathFrame<MergedEntry>): Link {
    const entry = frame.entry;
    if (entry.layers[0] === 0) {
      const link = entry.links[0]!;
      if (isImpliedNode(link.getNode())) {
        const index = metaIndex(entry);
        if (index > 0) copyDirMeta(entry.links[index]!.getNode(), link.getNode());
        updateExtras(link.getNode(), { implied: undefined });
      }
      return link;
    }
    assert(upperParent !== undefined, "the upper layer always has a root");
    const source = entry.links[metaIndex(entry)]!.getNode();
    const link = this.#tree.store.createEntry(upperParent, frame.name, {
      type: "directory",
      perm: source.mode & PERM_MASK,
      uid: source.uid,
      gid: source.gid,
      mtimeUs: mtimeUsOf(source),
      xattrs: extrasOf(source)?.xattrs,
    });
    entry.links.unshift(link);
    entry.layers.unshift(0);
    return link;
  }
}

/** The spec that recreates a non-directory inode (bytes shared, not copied). */
function specOf(node: Node): NodeSpec {
  const extras = extrasOf(node);
  return {
    type: typeOfNode(node),
    perm: node.mode & PERM_MASK,
    uid: node.uid,
    gid: node.gid,
    mtimeUs: mtimeUsOf(node),
    content: contentOf(node),
    linkTarget: node.symlink,
    devMajor: extras?.devMajor,
    devMinor: extras?.devMinor,
    xattrs: extras?.xattrs,
  };
}

function copyDirMeta(from: Node, to: Node): void {
  to.mode = (to.mode & ~PERM_MASK) | (from.mode & PERM_MASK);
  to.uid = from.uid;
  to.gid = from.gid;
  updateExtras(to, { xattrs: extrasOf(from)?.xattrs });
  setMtimeUs(to, mtimeUsOf(from));
}
