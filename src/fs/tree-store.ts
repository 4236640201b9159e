import type { Link, Node, Superblock } from "@jsonjoy.com/fs-core";
import { AssertionError, assert } from "../errors/assert.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { FileInfo, FileType } from "./file-info.ts";
import {
  PERM_MASK,
  S_IFBLK,
  S_IFCHR,
  S_IFDIR,
  S_IFIFO,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  typeBits,
} from "./file-mode.ts";
import { DEFAULT_TREE_LIMITS, type TreeLimits } from "./fs-limits.ts";
import type { PathWalker } from "./path-resolver.ts";
import { utf8Length } from "./path-resolver.ts";
import {
  attachNode,
  childLink,
  contentOf,
  createNode,
  detachLink,
  extrasOf,
  isDirectoryNode,
  isSymlinkNode,
  mtimeUsOf,
  newSuperblock,
  reattachLink,
  setContent,
  setMtimeUs,
  updateExtras,
} from "./tree-node.ts";

/** Everything needed to create one inode. */
export interface NodeSpec {
  readonly type: FileType;
  /** Permission bits (mask 0o7777). */
  readonly perm: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeUs: number;
  /** A regular file's bytes, kept as given (not copied). */
  readonly content?: Uint8Array;
  readonly linkTarget?: string;
  readonly devMajor?: number;
  readonly devMinor?: number;
  readonly xattrs?: Readonly<Record<string, string>>;
  readonly opaque?: boolean;
  readonly implied?: boolean;
}

/** A directory's size as ext4 reports it, which is what `ls -l` shows in a container. */
const DIRECTORY_SIZE_BYTES = 4096;

/**
 * One tree of inodes on a memfs `Superblock`, with the primitive edits every higher operation is
 * built from, and the accounting behind the tree's limits. Path handling lives in `LayerTree` and
 * `OverlayFs`; this class works on links.
 */
export class TreeStore {
  readonly superblock: Superblock;
  readonly limits: TreeLimits;
  #entryCount = 0;
  #totalBytes = 0;

  /** Walks links; whiteouts are ordinary entries here (a raw layer shows them). */
  readonly walker: PathWalker<Link>;

  constructor(options: { rootMtimeUs: number; limits?: Partial<TreeLimits> }) {
    this.superblock = newSuperblock(options.rootMtimeUs);
    this.limits = { ...DEFAULT_TREE_LIMITS, ...options.limits };
    this.walker = {
      root: this.superblock.root,
      child: (dir, name) => childLink(dir, name),
      isDirectory: (link) => isDirectoryNode(link.getNode()),
      symlinkTarget: (link) => {
        const node = link.getNode();
        return isSymlinkNode(node) ? node.symlink : undefined;
      },
    };
  }

  get root(): Link {
    return this.superblock.root;
  }

  /** Directory entries in the tree, the root excluded. */
  get entryCount(): number {
    return this.#entryCount;
  }

  /** Bytes of file content held by the tree's inodes. */
  get totalBytes(): number {
    return this.#totalBytes;
  }

  /** Creates an inode from `spec` and links it into `dir` as `name` (which must be free). */
  createEntry(dir: Link, name: string, spec: NodeSpec): Link {
    assert(childLink(dir, name) === undefined, `createEntry: ${name} exists`);
    this.#reserveEntry();
    const contentBytes = spec.content?.length ?? 0;
    this.#reserveBytes(contentBytes);
    const node = createNode(this.superblock, typeBits(spec.type) | (spec.perm & PERM_MASK));
    node.uid = spec.uid;
    node.gid = spec.gid;
    if (spec.type === "symlink") node.symlink = spec.linkTarget ?? "";
    if (spec.content !== undefined && spec.content.length > 0) setContent(node, spec.content);
    updateExtras(node, {
      xattrs:
        spec.xattrs !== undefined && Object.keys(spec.xattrs).length > 0 ? spec.xattrs : undefined,
      devMajor: spec.devMajor || undefined,
      devMinor: spec.devMinor || undefined,
      whiteout: spec.type === "whiteout" || undefined,
      opaque: spec.opaque,
      implied: spec.implied,
    });
    const link = attachNode(dir, name, node);
    setMtimeUs(node, spec.mtimeUs);
    this.#entryCount++;
    this.#totalBytes += contentBytes;
    return link;
  }

  /** Links an existing non-directory inode into `dir` as `name`. */
  addHardLink(dir: Link, name: string, node: Node): Link {
    assert(!isDirectoryNode(node), "addHardLink: directories cannot be hard-linked");
    assert(childLink(dir, name) === undefined, `addHardLink: ${name} exists`);
    this.#reserveEntry();
    node.nlink++;
    const link = attachNode(dir, name, node);
    this.#entryCount++;
    return link;
  }

  /** Unlinks `link` from `dir`; a directory goes with its whole subtree. */
  removeEntry(dir: Link, link: Link): void {
    detachLink(dir, link);
    this.#release(link);
  }

  /** Moves `link` (with its subtree) from `fromDir` to `toDir` as `name`, which must be free. */
  moveEntry(fromDir: Link, link: Link, toDir: Link, name: string): void {
    assert(childLink(toDir, name) === undefined, `moveEntry: ${name} exists`);
    detachLink(fromDir, link);
    reattachLink(toDir, name, link);
  }

  /** Replaces a regular file's bytes (kept as given, not copied). */
  setFileContent(node: Node, content: Uint8Array): void {
    const delta = content.length - node.getSize();
    this.#reserveBytes(delta);
    setContent(node, content);
    this.#totalBytes += delta;
  }

  /**
   * The `stat` view of an inode. Seen through an overlay, `ino` is remapped, a merged directory
   * has `nlink` 1 (as overlayfs reports it) and nothing is opaque.
   */
  infoOf(
    node: Node,
    overlay?: { readonly ino: number; readonly mergedDirectory: boolean },
  ): FileInfo {
    const extras = extrasOf(node);
    const type = typeOfNode(node);
    const perm = node.mode & PERM_MASK;
    return {
      type,
      mode: node.mode,
      perm,
      uid: node.uid,
      gid: node.gid,
      sizeBytes: sizeOfNode(node, type),
      mtimeUs: mtimeUsOf(node),
      nlink: overlay?.mergedDirectory === true ? 1 : node.nlink,
      ino: overlay === undefined ? node.ino : overlay.ino,
      linkTarget: type === "symlink" ? node.symlink : "",
      devMajor: extras?.devMajor ?? 0,
      devMinor: extras?.devMinor ?? 0,
      opaque: overlay === undefined && extras?.opaque === true,
    };
  }

  /** A deep copy sharing file bytes, with the same inode numbers and hard links. */
  clone(): TreeStore {
    const copy = new TreeStore({
      rootMtimeUs: mtimeUsOf(this.root.getNode()),
      limits: this.limits,
    });
    copyMeta(this.root.getNode(), copy.root.getNode());
    const copied = new Map<Node, Node>([[this.root.getNode(), copy.root.getNode()]]);
    copy.#copyChildren(this.root, copy.root, copied);
    copy.superblock.ino = this.superblock.ino;
    copy.superblock.releasedInos = [...this.superblock.releasedInos];
    copy.#entryCount = this.#entryCount;
    copy.#totalBytes = this.#totalBytes;
    return copy;
  }

  #copyChildren(from: Link, to: Link, copied: Map<Node, Node>): void {
    for (const [name, child] of from.children) {
      if (name === "." || name === ".." || child === undefined) continue;
      const node = child.getNode();
      const existing = copied.get(node);
      if (existing !== undefined) {
        existing.nlink++;
        attachNode(to, name, existing);
        continue;
      }
      const twin = createNode(this.superblock, node.mode);
      delete this.superblock.inodes[twin.ino];
      twin.ino = node.ino;
      this.superblock.inodes[twin.ino] = twin;
      copyMeta(node, twin);
      copied.set(node, twin);
      const link = attachNode(to, name, twin);
      if (isDirectoryNode(node)) this.#copyChildren(child, link, copied);
    }
  }

  #release(link: Link): void {
    const node = link.getNode();
    this.#entryCount--;
    if (isDirectoryNode(node)) {
      for (const [name, child] of link.children) {
        if (name !== "." && name !== ".." && child !== undefined) this.#release(child);
      }
      this.superblock.deleteNode(node);
      return;
    }
    node.nlink--;
    if (node.nlink > 0) return;
    this.#totalBytes -= node.getSize();
    this.superblock.deleteNode(node);
  }

  /**
   * Fails with `LimitExceededError` unless `entries` more links and `bytes` more content fit. An
   * operation that makes several edits checks first, so a limit never stops it half-way.
   */
  ensureCapacity(entries: number, bytes: number): void {
    if (this.#entryCount + entries > this.limits.entryCountMax) {
      throw new LimitExceededError({
        what: "filesystem entry count",
        limit: this.limits.entryCountMax,
        actual: this.#entryCount + entries,
      });
    }
    this.#reserveBytes(bytes);
  }

  #reserveEntry(): void {
    if (this.#entryCount + 1 > this.limits.entryCountMax) {
      throw new LimitExceededError({
        what: "filesystem entry count",
        limit: this.limits.entryCountMax,
      });
    }
  }

  #reserveBytes(delta: number): void {
    if (this.#totalBytes + delta > this.limits.totalBytesMax) {
      throw new LimitExceededError({
        what: "filesystem content size in bytes",
        limit: this.limits.totalBytesMax,
        actual: this.#totalBytes + delta,
      });
    }
  }
}

/** Copies an inode's metadata and content (sharing the bytes) onto a fresh inode. */
export function copyMeta(from: Node, to: Node): void {
  to.mode = from.mode;
  to.uid = from.uid;
  to.gid = from.gid;
  if (isSymlinkNode(from)) to.symlink = from.symlink;
  if (from.getSize() > 0) setContent(to, contentOf(from));
  const extras = extrasOf(from);
  if (extras !== undefined) updateExtras(to, extras);
  setMtimeUs(to, mtimeUsOf(from));
}

export function typeOfNode(node: Node): FileType {
  switch (node.mode & S_IFMT) {
    case S_IFREG:
      return "file";
    case S_IFDIR:
      return "directory";
    case S_IFLNK:
      return "symlink";
    case S_IFCHR:
      return extrasOf(node)?.whiteout === true ? "whiteout" : "char";
    case S_IFBLK:
      return "block";
    case S_IFIFO:
      return "fifo";
    default:
      throw new AssertionError(`unknown inode type ${(node.mode & S_IFMT).toString(8)}`);
  }
}

function sizeOfNode(node: Node, type: FileType): number {
  if (type === "file") return node.getSize();
  if (type === "directory") return DIRECTORY_SIZE_BYTES;
  if (type === "symlink") return utf8Length(node.symlink);
  return 0;
}
