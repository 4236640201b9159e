import type { Link } from "@jsonjoy.com/fs-core";
import type { TarEntry } from "../archive/tar-entry.ts";
import { assert } from "../errors/assert.ts";
import { FsError } from "../errors/fs-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { FileInfo } from "./file-info.ts";
import { PERM_MASK } from "./file-mode.ts";
import { checkId, checkPerm, checkTimeUs } from "./fs-args.ts";
import type { TreeLimits } from "./fs-limits.ts";
import { type DiffOptions, diffEntries } from "./layer-diff.ts";
import { concatBytes, LayerTree, parentOf } from "./layer-tree.ts";
import { type MergedEntry, mergedChild, mergedNames, metaIndex } from "./merged-entry.ts";
import { mkdirp } from "./mkdirp.ts";
import { type FsChange, overlayChanges } from "./overlay-changes.ts";
import { OverlayUpper } from "./overlay-upper.ts";
import { type PathWalker, type Resolution, resolvedPath, resolvePath } from "./path-resolver.ts";
import {
  childLink,
  contentOf,
  extrasOf,
  isDirectoryNode,
  isRegularNode,
  isSymlinkNode,
  setMtimeUs,
  updateExtras,
} from "./tree-node.ts";
import type {
  ChownOptions,
  CreateOptions,
  MknodOptions,
  RmOptions,
  TimeOptions,
  UtimesOptions,
  VirtualFs,
  WriteFileOptions,
} from "./virtual-fs.ts";

/** overlay2's limit on lower layers (Docker refuses deeper images with "max depth exceeded"). */
export const OVERLAY_LOWERS_MAX = 127;
/** Inode numbers are `ino * INO_LAYER_SLOTS + layer`, so inodes of different layers never collide. */
const INO_LAYER_SLOTS = 128;

export interface OverlayFsOptions {
  /** Sealed layer trees, bottom first (the order of the image's `rootfs.diff_ids`). */
  readonly lowers: readonly LayerTree[];
  /** The writable layer; by default a fresh, empty one. */
  readonly upper?: LayerTree;
  /** When the overlay is mounted: the fresh upper layer's creation time. */
  readonly nowUs: number;
  readonly upperLimits?: Partial<TreeLimits>;
  /** Link deletion whiteouts to one inode, as Linux ≥ 5.8 does (default true). */
  readonly sharedWhiteouts?: boolean;
}

/**
 * A container's root filesystem: read-only image layers under one writable layer, with the
 * semantics of Linux overlayfs as Docker's `overlay2` driver mounts it, and of the OCI layer spec.
 *
 * - Lookups go down the stack; a whiteout hides the name below it, an opaque directory hides
 *   everything below it, a non-directory hides whatever is below it.
 * - Writing, appending, chmod, chown, utimes, link and rename copy the entry up first.
 * - Deleting an entry that a lower layer has leaves a whiteout; a directory created where a
 *   whiteout was is opaque.
 * - Renaming a directory that has any lower part fails with EXDEV, as overlayfs does without
 *   `redirect_dir` (Docker's default); `mv` then falls back to copy and delete, as it does on
 *   Docker. Regular files, symlinks and directories that exist only in the upper layer rename.
 * - Merged directories report `nlink` 1, as overlayfs does.
 *
 * The upper layer is a `LayerTree` holding whiteouts and opaque markers, so `diff()` can write
 * it out as a layer tar. Volumes and bind mounts are not handled here; they will wrap the
 * `PathWalker` this class resolves with.
 */
export class OverlayFs implements VirtualFs {
  readonly #lowers: readonly LayerTree[];
  readonly #upper: OverlayUpper;
  #cachedWalker: PathWalker<MergedEntry> | undefined;

  constructor(options: OverlayFsOptions) {
    const nowUs = checkTimeUs(options.nowUs);
    if (options.lowers.length > OVERLAY_LOWERS_MAX) {
      throw new LimitExceededError({
        what: "overlay lower layer count",
        limit: OVERLAY_LOWERS_MAX,
        actual: options.lowers.length,
      });
    }
    for (const lower of options.lowers) assert(lower.sealed, "overlay lower layers must be sealed");
    const upper = options.upper ?? new LayerTree({ nowUs, limits: options.upperLimits });
    assert(!upper.sealed, "the overlay's upper layer must be writable");
    // A fresh upper root only holds entries: a lower layer that lists the root (`./`) shows its
    // metadata until the root is written; otherwise this root's own shows (0755, root, now), as on Docker.
    if (options.upper === undefined) updateExtras(upper.store.root.getNode(), { implied: true });
    this.#lowers = [...options.lowers].reverse();
    this.#upper = new OverlayUpper({
      tree: upper,
      sharedWhiteouts: options.sharedWhiteouts ?? true,
    });
  }

  /** The writable layer, whiteouts and opaque markers included. */
  get upper(): LayerTree {
    return this.#upper.tree;
  }

  /** The lower layers, bottom first. */
  get lowers(): readonly LayerTree[] {
    return [...this.#lowers].reverse();
  }

  /** The upper layer as a layer tar's entries, in the order and form dockerd exports it. */
  diff(options: DiffOptions = {}): TarEntry[] {
    return diffEntries(this.upper, options);
  }

  /** What `docker diff` reports: added, changed and deleted paths, sorted (see `overlayChanges`). */
  changes(): FsChange[] {
    return overlayChanges({
      upper: this.upper.store.root,
      lowerRoot: this.#root(1),
      infoOf: (entry) => this.#info(entry),
    });
  }

  lstat(path: string): FileInfo {
    return this.#info(this.#existing(path, "lstat", false).entry);
  }

  stat(path: string): FileInfo {
    return this.#info(this.#existing(path, "stat", true).entry);
  }

  exists(path: string): boolean {
    try {
      return this.#resolve(path, "stat", true).entry !== undefined;
    } catch (error) {
      if (error instanceof FsError) return false;
      throw error;
    }
  }

  readdir(path: string): string[] {
    const { entry } = this.#existing(path, "scandir", true);
    if (!isDirectoryNode(entry.links[0]!.getNode())) throw new FsError("ENOTDIR", "scandir", path);
    return mergedNames(entry);
  }

  readFile(path: string): Uint8Array {
    const node = this.#existing(path, "open", true).entry.links[0]!.getNode();
    if (isDirectoryNode(node)) throw new FsError("EISDIR", "read", path);
    if (!isRegularNode(node)) throw new FsError("EINVAL", "read", path);
    return contentOf(node).slice();
  }

  readlink(path: string): string {
    const node = this.#existing(path, "readlink", false).entry.links[0]!.getNode();
    if (!isSymlinkNode(node)) throw new FsError("EINVAL", "readlink", path);
    return node.symlink;
  }

  realpath(path: string): string {
    return resolvedPath(this.#existing(path, "realpath", true).resolution);
  }

  xattrs(path: string): Readonly<Record<string, string>> {
    const { entry } = this.#existing(path, "lgetxattr", false);
    return extrasOf(entry.links[metaIndex(entry)]!.getNode())?.xattrs ?? {};
  }

  mkdir(path: string, options: CreateOptions): void {
    this.#create(this.#free(path, "mkdir"), path, "mkdir", { ...options, type: "directory" });
  }

  mkdirp(path: string, options: CreateOptions): void {
    mkdirp(this, path, options);
  }

  writeFile(path: string, data: Uint8Array, options: WriteFileOptions): void {
    const nowUs = checkTimeUs(options.nowUs);
    const resolution = this.#resolve(path, "open", true);
    const entry = resolution.entry;
    if (entry === undefined) {
      if (resolution.trailingSlash) throw new FsError("EISDIR", "open", path);
      this.#create(resolution, path, "open", { ...options, type: "file", content: data.slice() });
      return;
    }
    if (options.exclusive === true) throw new FsError("EEXIST", "open", path);
    const source = entry.links[0]!.getNode();
    if (isDirectoryNode(source)) throw new FsError("EISDIR", "open", path);
    if (!isRegularNode(source)) throw new FsError("EINVAL", "open", path);
    this.#reserve(resolution, source.getSize() * 2 + data.length);
    const node = this.#upper.copyUpEntry(resolution.parents, resolution.name, entry).getNode();
    const content = options.append === true ? concatBytes(contentOf(node), data) : data.slice();
    this.upper.store.setFileContent(node, content);
    setMtimeUs(node, nowUs);
  }

  symlink(target: string, path: string, options: CreateOptions): void {
    if (target === "") throw new FsError("ENOENT", "symlink", path);
    this.#create(this.#free(path, "symlink"), path, "symlink", {
      ...options,
      mode: 0o777,
      type: "symlink",
      linkTarget: target,
    });
  }

  link(existingPath: string, newPath: string, options: TimeOptions): void {
    const nowUs = checkTimeUs(options.nowUs);
    const source = this.#existing(existingPath, "link", false);
    if (isDirectoryNode(source.entry.links[0]!.getNode()))
      throw new FsError("EPERM", "link", existingPath);
    const linkParents =
      this.#free(newPath, "link").parents.length + source.resolution.parents.length;
    this.upper.store.ensureCapacity(linkParents + 4, source.entry.links[0]!.getNode().getSize());
    const node = this.#upper
      .copyUpEntry(source.resolution.parents, source.resolution.name, source.entry)
      .getNode();
    const target = this.#free(newPath, "link");
    const upperDir = this.#upper.copyUpDirs(target.parents);
    this.#upper.clear(upperDir, target.name);
    this.upper.store.addHardLink(upperDir, target.name, node);
    setMtimeUs(upperDir.getNode(), nowUs);
  }

  mknod(path: string, options: MknodOptions): void {
    this.#create(this.#free(path, "mknod"), path, "mknod", options);
  }

  chmod(path: string, mode: number, options: TimeOptions): void {
    checkTimeUs(options.nowUs);
    const perm = checkPerm(mode, "chmod", path);
    const node = this.#copyUp(path, "chmod", true).getNode();
    node.mode = (node.mode & ~PERM_MASK) | perm;
  }

  chown(path: string, options: ChownOptions): void {
    checkTimeUs(options.nowUs);
    const uid = options.uid === undefined ? undefined : checkId(options.uid, "chown", path);
    const gid = options.gid === undefined ? undefined : checkId(options.gid, "chown", path);
    const node = this.#copyUp(path, "chown", options.followSymlinks ?? true).getNode();
    if (uid !== undefined) node.uid = uid;
    if (gid !== undefined) node.gid = gid;
  }

  utimes(path: string, options: UtimesOptions): void {
    checkTimeUs(options.nowUs);
    const mtimeUs = checkTimeUs(options.mtimeUs, "mtimeUs");
    setMtimeUs(this.#copyUp(path, "utime", options.followSymlinks ?? true).getNode(), mtimeUs);
  }

  rename(oldPath: string, newPath: string, options: TimeOptions): void {
    const nowUs = checkTimeUs(options.nowUs);
    const { resolution: from, entry: source } = this.#existing(oldPath, "rename", false);
    if (from.parents.length === 0) throw new FsError("EBUSY", "rename", oldPath);
    const to = this.#resolve(newPath, "rename", false);
    if (to.parents.length === 0) throw new FsError("EBUSY", "rename", newPath);
    if (to.entry !== undefined && to.entry.links[0]!.getNode() === source.links[0]!.getNode())
      return;
    const isDir = isDirectoryNode(source.links[0]!.getNode());
    const fromPath = resolvedPath(from);
    const toPath = resolvedPath(to);
    if (isDir && (toPath === fromPath || toPath.startsWith(`${fromPath}/`)))
      throw new FsError("EINVAL", "rename", newPath);
    if (to.entry !== undefined) this.#checkReplaceable(isDir, to.entry, newPath);
    if (isDir && source.layers.some((layer) => layer > 0))
      throw new FsError("EXDEV", "rename", oldPath);
    this.upper.store.ensureCapacity(
      from.parents.length + to.parents.length + 4,
      source.links[0]!.getNode().getSize(),
    );
    this.#upper.copyUpEntry(from.parents, from.name, source);
    this.#moveInUpper(oldPath, newPath, nowUs);
  }

  unlink(path: string, options: TimeOptions): void {
    const { resolution, entry } = this.#existing(path, "unlink", false);
    if (isDirectoryNode(entry.links[0]!.getNode())) throw new FsError("EISDIR", "unlink", path);
    this.#remove(resolution, checkTimeUs(options.nowUs));
  }

  rmdir(path: string, options: TimeOptions): void {
    const { resolution, entry } = this.#existing(path, "rmdir", false);
    if (!isDirectoryNode(entry.links[0]!.getNode())) throw new FsError("ENOTDIR", "rmdir", path);
    if (resolution.parents.length === 0) throw new FsError("EBUSY", "rmdir", path);
    if (mergedNames(entry).length > 0) throw new FsError("ENOTEMPTY", "rmdir", path);
    this.#remove(resolution, checkTimeUs(options.nowUs));
  }

  rm(path: string, options: RmOptions): void {
    const nowUs = checkTimeUs(options.nowUs);
    const resolution = this.#resolve(path, "rm", false);
    const entry = resolution.entry;
    if (entry === undefined) {
      if (options.force === true) return;
      throw new FsError("ENOENT", "rm", path);
    }
    if (isDirectoryNode(entry.links[0]!.getNode()) && options.recursive !== true)
      throw new FsError("EISDIR", "rm", path);
    if (resolution.parents.length === 0) throw new FsError("EBUSY", "rm", path);
    this.#remove(resolution, nowUs);
  }

  /** Unlinks a name: its upper part goes, and a whiteout hides any lower part. */
  #remove(resolution: Resolution<MergedEntry>, nowUs: number): void {
    const parent = parentOf(resolution);
    const needsWhiteout = mergedChild(parent, resolution.name, 1) !== undefined;
    this.#reserve(resolution, 0);
    const upperDir = this.#upper.copyUpDirs(resolution.parents);
    this.#upper.clear(upperDir, resolution.name);
    if (needsWhiteout) this.#upper.whiteout(upperDir, resolution.name, { nowUs, shared: true });
    setMtimeUs(upperDir.getNode(), nowUs);
  }

  /** The second half of rename, once the source is in the upper layer. */
  #moveInUpper(oldPath: string, newPath: string, nowUs: number): void {
    const from = this.#resolve(oldPath, "rename", false);
    const to = this.#resolve(newPath, "rename", false);
    const fromDir = this.#upper.copyUpDirs(from.parents);
    const toDir = this.#upper.copyUpDirs(to.parents);
    const leavesWhiteout = mergedChild(parentOf(from), from.name, 1) !== undefined;
    const lowerTarget = mergedChild(parentOf(to), to.name, 1);
    const link = childLink(fromDir, from.name);
    assert(link !== undefined, "rename: the source was copied up");
    const targetWasWhiteout = this.#upper.clear(toDir, to.name);
    this.upper.store.moveEntry(fromDir, link, toDir, to.name);
    const node = link.getNode();
    const hidesLowerDir =
      lowerTarget !== undefined && isDirectoryNode(lowerTarget.links[0]!.getNode());
    if (isDirectoryNode(node) && (targetWasWhiteout || hidesLowerDir))
      updateExtras(node, { opaque: true });
    if (leavesWhiteout) this.#upper.whiteout(fromDir, from.name, { nowUs, shared: false });
    setMtimeUs(fromDir.getNode(), nowUs);
    setMtimeUs(toDir.getNode(), nowUs);
  }

  /** Checks the upper layer has room for the copy-ups and entries an operation on this path can make. */
  #reserve(resolution: Resolution<MergedEntry>, bytes: number): void {
    this.upper.store.ensureCapacity(resolution.parents.length + 2, bytes);
  }

  #checkReplaceable(sourceIsDir: boolean, target: MergedEntry, path: string): void {
    const targetIsDir = isDirectoryNode(target.links[0]!.getNode());
    if (sourceIsDir && !targetIsDir) throw new FsError("ENOTDIR", "rename", path);
    if (!sourceIsDir && targetIsDir) throw new FsError("EISDIR", "rename", path);
    if (targetIsDir && mergedNames(target).length > 0)
      throw new FsError("ENOTEMPTY", "rename", path);
  }

  #copyUp(path: string, syscall: string, followFinal: boolean): Link {
    const { resolution, entry } = this.#existing(path, syscall, followFinal);
    this.#reserve(resolution, entry.links[0]!.getNode().getSize());
    return this.#upper.copyUpEntry(resolution.parents, resolution.name, entry);
  }

  /** Creates a new entry in the upper layer where nothing is visible. */
  #create(
    resolution: Resolution<MergedEntry>,
    path: string,
    syscall: string,
    spec: NewEntry,
  ): void {
    const nowUs = checkTimeUs(spec.nowUs);
    const perm = checkPerm(spec.mode ?? (spec.type === "directory" ? 0o755 : 0o644), syscall, path);
    const uid = checkId(spec.uid ?? 0, syscall, path);
    const gid = checkId(spec.gid ?? 0, syscall, path);
    this.#reserve(resolution, spec.content?.length ?? 0);
    const upperDir = this.#upper.copyUpDirs(resolution.parents);
    const replacedWhiteout = this.#upper.clear(upperDir, resolution.name);
    this.upper.store.createEntry(upperDir, resolution.name, {
      type: spec.type,
      perm,
      uid,
      gid,
      mtimeUs: nowUs,
      content: spec.content,
      linkTarget: spec.linkTarget,
      devMajor: spec.devMajor,
      devMinor: spec.devMinor,
      // overlayfs makes a directory created over a whiteout opaque, so the old lower content stays hidden.
      opaque: spec.type === "directory" && replacedWhiteout,
    });
    setMtimeUs(upperDir.getNode(), nowUs);
  }

  #free(path: string, syscall: string): Resolution<MergedEntry> {
    const resolution = this.#resolve(path, syscall, false);
    if (resolution.entry !== undefined) throw new FsError("EEXIST", syscall, path);
    return resolution;
  }

  #existing(
    path: string,
    syscall: string,
    followFinal: boolean,
  ): { resolution: Resolution<MergedEntry>; entry: MergedEntry } {
    const resolution = this.#resolve(path, syscall, followFinal);
    if (resolution.entry === undefined) throw new FsError("ENOENT", syscall, path);
    return { resolution, entry: resolution.entry };
  }

  #resolve(path: string, syscall: string, followFinal: boolean): Resolution<MergedEntry> {
    return resolvePath(this.#walker(), path, { syscall, followFinal });
  }

  /** The walker over the merged view; its root is rebuilt only if the upper tree was replaced. */
  #walker(): PathWalker<MergedEntry> {
    if (this.#cachedWalker?.root.links[0] === this.upper.store.root) return this.#cachedWalker;
    this.#cachedWalker = {
      root: this.#root(0),
      child: (dir, name) => mergedChild(dir, name, 0),
      isDirectory: (entry) => isDirectoryNode(entry.links[0]!.getNode()),
      symlinkTarget: (entry) => {
        const node = entry.links[0]!.getNode();
        return isSymlinkNode(node) ? node.symlink : undefined;
      },
    };
    return this.#cachedWalker;
  }

  /** The merged root, from layer `minLayer` down (1: the lower layers alone). */
  #root(minLayer: number): MergedEntry {
    const links = [this.upper.store.root, ...this.#lowers.map((lower) => lower.store.root)];
    const layers = links.map((_, layer) => layer);
    return { links: links.slice(minLayer), layers: layers.slice(minLayer) };
  }

  #info(entry: MergedEntry): FileInfo {
    const index = metaIndex(entry);
    const layer = entry.layers[index]!;
    const node = entry.links[index]!.getNode();
    const store = layer === 0 ? this.upper.store : this.#lowers[layer - 1]!.store;
    return store.infoOf(node, {
      ino: node.ino * INO_LAYER_SLOTS + layer,
      mergedDirectory: entry.links.length > 1,
    });
  }
}

interface NewEntry extends CreateOptions {
  readonly type: "file" | "directory" | "symlink" | "char" | "block" | "fifo";
  readonly content?: Uint8Array;
  readonly linkTarget?: string;
  readonly devMajor?: number;
  readonly devMinor?: number;
}
