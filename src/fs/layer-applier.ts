import type { Link, Node } from "@jsonjoy.com/fs-core";
import { OPAQUE_WHITEOUT_NAME, type TarEntry, WHITEOUT_PREFIX } from "../archive/tar-entry.ts";
import { FsError } from "../errors/fs-error.ts";
import { UnsafePathError } from "../errors/unsafe-path-error.ts";
import { PERM_MASK } from "./file-mode.ts";
import { LayerApplyError } from "./layer-apply-error.ts";
import type { LayerTree } from "./layer-tree.ts";
import { cleanEntryPath } from "./layer-validation.ts";
import { type PathWalker, resolvePath } from "./path-resolver.ts";
import {
  childLink,
  childNames,
  isDirectoryNode,
  isSymlinkNode,
  isWhiteoutNode,
  setMtimeUs,
  updateExtras,
} from "./tree-node.ts";
import type { NodeSpec } from "./tree-store.ts";

/**
 * How whiteouts are applied. `flatten` applies a layer onto a whole root filesystem, as
 * dockerd's `ApplyLayer` does (a whiteout deletes, an opaque marker empties the directory of
 * what earlier layers put there). `layer` builds one layer's own tree for an overlay stack, as
 * overlay2 stores it (a whiteout is kept as a marker, an opaque directory is flagged).
 */
export type ApplyMode = "flatten" | "layer";

/**
 * Applies validated entries to a tree in place, in order. Parents are resolved inside the root,
 * following symlinks as a chrooted extraction would, and a symlink that leads above the root is
 * refused (`UnsafePathError`). Callers that need all-or-nothing apply to a scratch copy.
 */
export class LayerApplier {
  readonly #tree: LayerTree;
  readonly #mode: ApplyMode;
  readonly #nowUs: number;
  /** Paths this layer has written, which an opaque marker keeps (flatten mode). */
  readonly #unpacked = new Set<string>();
  readonly #walker: PathWalker<Link>;
  /** The entry being applied, for error messages. */
  #index = 0;

  constructor(options: { tree: LayerTree; mode: ApplyMode; nowUs: number }) {
    this.#tree = options.tree;
    this.#mode = options.mode;
    this.#nowUs = options.nowUs;
    const raw = options.tree.store.walker;
    // In a layer's own tree a whiteout on the way is as good as nothing: a directory replaces it.
    this.#walker = { ...raw, child: (dir, name) => childOrNothing(raw.child(dir, name)) };
  }

  applyAll(entries: readonly TarEntry[]): void {
    entries.forEach((entry, index) => {
      this.#index = index;
      try {
        this.#apply(entry);
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        throw new LayerApplyError({
          index,
          path: entry.path,
          reason: error.goMessage,
          cause: error,
        });
      }
    });
  }

  #apply(entry: TarEntry): void {
    const path = cleanEntryPath(entry.path);
    if (path === "") {
      this.#setMeta(this.#tree.store.root, entry);
      return;
    }
    const slash = path.lastIndexOf("/");
    const parentPath = slash < 0 ? "" : path.slice(0, slash);
    const name = path.slice(slash + 1);
    const dir = this.#directory(parentPath, entry.path);
    if (name === OPAQUE_WHITEOUT_NAME) this.#opaque(dir, parentPath);
    else if (name.startsWith(WHITEOUT_PREFIX)) {
      this.#whiteout(dir, name.slice(WHITEOUT_PREFIX.length), entry);
    } else {
      if (this.#mode === "flatten") this.#unpacked.add(path);
      if (entry.type === "hardlink") this.#hardLink(dir, name, entry);
      else this.#place(dir, name, entry);
    }
  }

  /** Puts an entry at `name`, replacing what is there, except a directory over a directory. */
  #place(dir: Link, name: string, entry: TarEntry): void {
    const store = this.#tree.store;
    const existing = childLink(dir, name);
    if (
      entry.type === "directory" &&
      existing !== undefined &&
      isDirectoryNode(existing.getNode())
    ) {
      this.#setMeta(existing, entry);
      return;
    }
    // In a layer's own tree a whiteout, or a non-directory of this layer, was hiding the lower
    // entries at this name: a directory taking its place must go on hiding them, so it is opaque.
    const hidesLower =
      this.#mode === "layer" && existing !== undefined && !isDirectoryNode(existing.getNode());
    if (existing !== undefined) store.removeEntry(dir, existing);
    store.createEntry(dir, name, {
      ...specOf(entry),
      opaque: entry.type === "directory" && hidesLower,
    });
  }

  #hardLink(dir: Link, name: string, entry: TarEntry): void {
    const store = this.#tree.store;
    // As dockerd does, what is at the path goes first; a link to itself or into the replaced subtree then finds nothing.
    const existing = childLink(dir, name);
    if (existing !== undefined) store.removeEntry(dir, existing);
    const target = resolvePath(this.#walker, cleanEntryPath(entry.linkTarget), {
      syscall: "link",
      followFinal: false,
      onEscape: () => escapeError(entry.linkTarget, "hard link target"),
    }).entry;
    if (target === undefined)
      this.#fail(entry, `hard link target ${JSON.stringify(entry.linkTarget)} not found`);
    const node = target.getNode();
    if (isDirectoryNode(node)) this.#fail(entry, "a hard link cannot point at a directory");
    store.addHardLink(dir, name, node);
    // dockerd applies the link entry's owner, mode and times to the shared inode.
    node.uid = entry.uid;
    node.gid = entry.gid;
    if (!isSymlinkNode(node)) node.mode = (node.mode & ~PERM_MASK) | (entry.mode & PERM_MASK);
    setMtimeUs(node, entry.mtimeUs);
  }

  #fail(entry: TarEntry, reason: string): never {
    throw new LayerApplyError({ index: this.#index, path: entry.path, reason });
  }

  #whiteout(dir: Link, hidden: string, entry: TarEntry): void {
    const store = this.#tree.store;
    const existing = childLink(dir, hidden);
    if (existing !== undefined) store.removeEntry(dir, existing);
    if (this.#mode === "flatten") return;
    const shared = this.#sharedWhiteout(entry.linkTarget);
    if (shared !== undefined) store.addHardLink(dir, hidden, shared);
    else
      store.createEntry(dir, hidden, {
        type: "whiteout",
        perm: 0,
        uid: entry.uid,
        gid: entry.gid,
        mtimeUs: entry.mtimeUs,
      });
  }

  /**
   * The whiteout inode a whiteout entry's link name points at. dockerd writes one when
   * overlayfs shared the inode (see `diffEntries`); keeping the sharing makes the layer's tree
   * write back to the same bytes.
   */
  #sharedWhiteout(linkTarget: string): Node | undefined {
    if (linkTarget === "") return undefined;
    const path = cleanEntryPath(linkTarget);
    const slash = path.lastIndexOf("/");
    let dir: Link | undefined = this.#tree.store.root;
    for (const name of slash < 0 ? [] : path.slice(0, slash).split("/")) {
      dir = dir === undefined ? undefined : childLink(dir, name);
    }
    const node = dir === undefined ? undefined : childLink(dir, path.slice(slash + 1))?.getNode();
    return node !== undefined && isWhiteoutNode(node) ? node : undefined;
  }

  #opaque(dir: Link, dirPath: string): void {
    if (this.#mode === "layer") {
      updateExtras(dir.getNode(), { opaque: true });
      return;
    }
    this.#removeNotUnpacked(dir, dirPath);
  }

  /** dockerd keeps what this layer wrote under an opaque directory and deletes the rest. */
  #removeNotUnpacked(dir: Link, dirPath: string): void {
    for (const name of childNames(dir)) {
      const path = dirPath === "" ? name : `${dirPath}/${name}`;
      const link = childLink(dir, name)!;
      if (!this.#unpacked.has(path)) this.#tree.store.removeEntry(dir, link);
      else if (isDirectoryNode(link.getNode())) this.#removeNotUnpacked(link, path);
    }
  }

  /** The directory at `path`, created (0755, implied) where missing. */
  #directory(path: string, entryPath: string): Link {
    const store = this.#tree.store;
    if (path === "") return store.root;
    const create = (parent: Link, name: string): Link => this.#impliedDirectory(parent, name);
    const resolution = resolvePath(this.#walker, path, {
      syscall: "mkdir",
      followFinal: true,
      onEscape: () => escapeError(entryPath, "archive entry"),
      createDirectory: create,
    });
    if (resolution.entry !== undefined) {
      if (!isDirectoryNode(resolution.entry.getNode())) throw new FsError("ENOTDIR", "mkdir", path);
      return resolution.entry;
    }
    const parent = resolution.parents[resolution.parents.length - 1]!.entry;
    return create(parent, resolution.name);
  }

  #impliedDirectory(parent: Link, name: string): Link {
    const store = this.#tree.store;
    const existing = childLink(parent, name);
    const replacedWhiteout = existing !== undefined && isWhiteoutNode(existing.getNode());
    if (existing !== undefined) store.removeEntry(parent, existing);
    return store.createEntry(parent, name, {
      type: "directory",
      perm: 0o755,
      uid: 0,
      gid: 0,
      mtimeUs: this.#nowUs,
      implied: this.#mode === "layer",
      opaque: replacedWhiteout,
    });
  }

  #setMeta(link: Link, entry: TarEntry): void {
    const node = link.getNode();
    node.mode = (node.mode & ~PERM_MASK) | (entry.mode & PERM_MASK);
    node.uid = entry.uid;
    node.gid = entry.gid;
    updateExtras(node, { xattrs: nonEmpty(entry.xattrs), implied: undefined });
    setMtimeUs(node, entry.mtimeUs);
  }
}

function specOf(entry: TarEntry): NodeSpec {
  return {
    type: entry.type === "hardlink" ? "file" : entry.type,
    perm: entry.type === "symlink" ? 0o777 : entry.mode & PERM_MASK,
    uid: entry.uid,
    gid: entry.gid,
    mtimeUs: entry.mtimeUs,
    content: entry.type === "file" ? entry.data : undefined,
    linkTarget: entry.linkTarget,
    devMajor: entry.devMajor,
    devMinor: entry.devMinor,
    xattrs: nonEmpty(entry.xattrs),
  };
}

function childOrNothing(link: Link | undefined): Link | undefined {
  return link !== undefined && isWhiteoutNode(link.getNode()) ? undefined : link;
}

function nonEmpty(
  xattrs: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> | undefined {
  return Object.keys(xattrs).length > 0 ? xattrs : undefined;
}

function escapeError(path: string, what: string): never {
  throw new UnsafePathError({ path, reason: "escapes-root", what: `${what} (through a symlink)` });
}
