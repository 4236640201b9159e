import type { Link } from "@jsonjoy.com/fs-core";
import { assert } from "../errors/assert.ts";
import { FsError } from "../errors/fs-error.ts";
import { sortNames } from "./compare-names.ts";
import type { FileInfo } from "./file-info.ts";
import { checkId, checkPerm, checkTimeUs } from "./fs-args.ts";
import type { TreeLimits } from "./fs-limits.ts";
import { mkdirp } from "./mkdirp.ts";
import { type Resolution, resolvedPath, resolvePath } from "./path-resolver.ts";
import {
  childNames,
  contentOf,
  extrasOf,
  isDirectoryNode,
  isRegularNode,
  isSymlinkNode,
  setMtimeUs,
} from "./tree-node.ts";
import { TreeStore } from "./tree-store.ts";
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

export interface LayerTreeOptions {
  /** When the tree is created: the root directory's mtime. */
  readonly nowUs: number;
  readonly limits?: Partial<TreeLimits>;
}

/**
 * One filesystem tree held in memory on memfs's inode model: an image layer as extracted, the
 * writable layer of a container, or a flattened root filesystem. It behaves like a Linux
 * filesystem seen by root (no permission checks), with every time taken from the caller.
 *
 * A tree can be sealed, after which it is read-only for good: image layers are sealed once built,
 * and writing to one is a programmer error.
 */
export class LayerTree implements VirtualFs {
  #store: TreeStore;
  #sealed = false;

  constructor(options: LayerTreeOptions) {
    this.#store = new TreeStore({
      rootMtimeUs: checkTimeUs(options.nowUs),
      limits: options.limits,
    });
  }

  /** The inode store under this tree, for the rest of `src/fs` (overlay, extraction, diff). */
  get store(): TreeStore {
    return this.#store;
  }

  get sealed(): boolean {
    return this.#sealed;
  }

  /** Makes the tree read-only for good. */
  seal(): void {
    this.#sealed = true;
  }

  /** A writable deep copy; file bytes are shared, not copied. */
  clone(): LayerTree {
    const copy = new LayerTree({ nowUs: 0 });
    copy.#store = this.#store.clone();
    return copy;
  }

  /** Takes over another tree's content: how a change built on a scratch copy is committed. */
  adopt(other: LayerTree): void {
    this.assertWritable();
    this.#store = other.#store;
    other.#store = new TreeStore({ rootMtimeUs: 0 });
  }

  assertWritable(): void {
    assert(!this.#sealed, "write to a sealed layer tree");
  }

  /** Resolves a path to its links (see `resolvePath`). */
  resolve(path: string, options: { syscall: string; followFinal: boolean }): Resolution<Link> {
    return resolvePath(this.#store.walker, path, options);
  }

  lstat(path: string): FileInfo {
    return this.#store.infoOf(this.#existing(path, "lstat", false).getNode());
  }

  stat(path: string): FileInfo {
    return this.#store.infoOf(this.#existing(path, "stat", true).getNode());
  }

  exists(path: string): boolean {
    try {
      return this.resolve(path, { syscall: "stat", followFinal: true }).entry !== undefined;
    } catch (error) {
      if (error instanceof FsError) return false;
      throw error;
    }
  }

  readdir(path: string): string[] {
    const link = this.#existing(path, "scandir", true);
    if (!isDirectoryNode(link.getNode())) throw new FsError("ENOTDIR", "scandir", path);
    return sortNames(childNames(link));
  }

  readFile(path: string): Uint8Array {
    const node = this.#existing(path, "open", true).getNode();
    if (isDirectoryNode(node)) throw new FsError("EISDIR", "read", path);
    if (!isRegularNode(node)) throw new FsError("EINVAL", "read", path);
    return contentOf(node).slice();
  }

  readlink(path: string): string {
    const node = this.#existing(path, "readlink", false).getNode();
    if (!isSymlinkNode(node)) throw new FsError("EINVAL", "readlink", path);
    return node.symlink;
  }

  realpath(path: string): string {
    const resolution = this.resolve(path, { syscall: "realpath", followFinal: true });
    if (resolution.entry === undefined) throw new FsError("ENOENT", "realpath", path);
    return resolvedPath(resolution);
  }

  xattrs(path: string): Readonly<Record<string, string>> {
    return extrasOf(this.#existing(path, "lgetxattr", false).getNode())?.xattrs ?? {};
  }

  mkdir(path: string, options: CreateOptions): void {
    this.assertWritable();
    const { dir, name } = this.#free(path, "mkdir", false);
    this.#create(dir, name, "mkdir", path, { ...options, type: "directory" });
  }

  mkdirp(path: string, options: CreateOptions): void {
    this.assertWritable();
    mkdirp(this, path, options);
  }

  writeFile(path: string, data: Uint8Array, options: WriteFileOptions): void {
    this.assertWritable();
    const nowUs = checkTimeUs(options.nowUs);
    const resolution = this.resolve(path, { syscall: "open", followFinal: true });
    const link = resolution.entry;
    if (link === undefined) {
      if (resolution.trailingSlash) throw new FsError("EISDIR", "open", path);
      this.#create(parentOf(resolution), resolution.name, "open", path, {
        ...options,
        type: "file",
        content: data.slice(),
      });
      return;
    }
    if (options.exclusive === true) throw new FsError("EEXIST", "open", path);
    const node = link.getNode();
    if (isDirectoryNode(node)) throw new FsError("EISDIR", "open", path);
    if (!isRegularNode(node)) throw new FsError("EINVAL", "open", path);
    this.#store.setFileContent(
      node,
      options.append === true ? concatBytes(contentOf(node), data) : data.slice(),
    );
    setMtimeUs(node, nowUs);
  }

  symlink(target: string, path: string, options: CreateOptions): void {
    this.assertWritable();
    if (target === "") throw new FsError("ENOENT", "symlink", path);
    const { dir, name } = this.#free(path, "symlink", false);
    this.#create(dir, name, "symlink", path, {
      ...options,
      mode: 0o777,
      type: "symlink",
      linkTarget: target,
    });
  }

  link(existingPath: string, newPath: string, options: TimeOptions): void {
    this.assertWritable();
    const nowUs = checkTimeUs(options.nowUs);
    const node = this.#existing(existingPath, "link", false).getNode();
    if (isDirectoryNode(node)) throw new FsError("EPERM", "link", existingPath);
    const { dir, name } = this.#free(newPath, "link", false);
    this.#store.addHardLink(dir, name, node);
    setMtimeUs(dir.getNode(), nowUs);
  }

  mknod(path: string, options: MknodOptions): void {
    this.assertWritable();
    const { dir, name } = this.#free(path, "mknod", false);
    this.#create(dir, name, "mknod", path, options);
  }

  chmod(path: string, mode: number, options: TimeOptions): void {
    this.assertWritable();
    checkTimeUs(options.nowUs);
    const node = this.#existing(path, "chmod", true).getNode();
    node.mode = (node.mode & ~0o7777) | checkPerm(mode, "chmod", path);
  }

  chown(path: string, options: ChownOptions): void {
    this.assertWritable();
    checkTimeUs(options.nowUs);
    const node = this.#existing(path, "chown", options.followSymlinks ?? true).getNode();
    if (options.uid !== undefined) node.uid = checkId(options.uid, "chown", path);
    if (options.gid !== undefined) node.gid = checkId(options.gid, "chown", path);
  }

  utimes(path: string, options: UtimesOptions): void {
    this.assertWritable();
    checkTimeUs(options.nowUs);
    const node = this.#existing(path, "utime", options.followSymlinks ?? true).getNode();
    setMtimeUs(node, checkTimeUs(options.mtimeUs, "mtimeUs"));
  }

  rename(oldPath: string, newPath: string, options: TimeOptions): void {
    this.assertWritable();
    const nowUs = checkTimeUs(options.nowUs);
    const from = this.resolve(oldPath, { syscall: "rename", followFinal: false });
    if (from.entry === undefined) throw new FsError("ENOENT", "rename", oldPath);
    if (from.parents.length === 0) throw new FsError("EBUSY", "rename", oldPath);
    const to = this.resolve(newPath, { syscall: "rename", followFinal: false });
    if (to.parents.length === 0) throw new FsError("EBUSY", "rename", newPath);
    const link = from.entry;
    if (to.entry !== undefined && to.entry.getNode() === link.getNode()) return;
    const isDir = isDirectoryNode(link.getNode());
    if (isDir && (to.parents.some((frame) => frame.entry === link) || to.entry === link)) {
      throw new FsError("EINVAL", "rename", newPath);
    }
    const fromDir = parentOf(from);
    const toDir = parentOf(to);
    if (to.entry !== undefined) {
      checkReplaceable(isDir, to.entry, newPath);
      this.#store.removeEntry(toDir, to.entry);
    }
    this.#store.moveEntry(fromDir, link, toDir, to.name);
    setMtimeUs(fromDir.getNode(), nowUs);
    setMtimeUs(toDir.getNode(), nowUs);
  }

  unlink(path: string, options: TimeOptions): void {
    this.assertWritable();
    const nowUs = checkTimeUs(options.nowUs);
    const resolution = this.resolve(path, { syscall: "unlink", followFinal: false });
    const link = resolution.entry;
    if (link === undefined) throw new FsError("ENOENT", "unlink", path);
    if (isDirectoryNode(link.getNode())) throw new FsError("EISDIR", "unlink", path);
    this.#removeAt(resolution, link, nowUs);
  }

  rmdir(path: string, options: TimeOptions): void {
    this.assertWritable();
    const nowUs = checkTimeUs(options.nowUs);
    const resolution = this.resolve(path, { syscall: "rmdir", followFinal: false });
    const link = resolution.entry;
    if (link === undefined) throw new FsError("ENOENT", "rmdir", path);
    if (!isDirectoryNode(link.getNode())) throw new FsError("ENOTDIR", "rmdir", path);
    if (resolution.parents.length === 0) throw new FsError("EBUSY", "rmdir", path);
    if (childNames(link).length > 0) throw new FsError("ENOTEMPTY", "rmdir", path);
    this.#removeAt(resolution, link, nowUs);
  }

  rm(path: string, options: RmOptions): void {
    this.assertWritable();
    const nowUs = checkTimeUs(options.nowUs);
    const resolution = this.resolve(path, { syscall: "rm", followFinal: false });
    const link = resolution.entry;
    if (link === undefined) {
      if (options.force === true) return;
      throw new FsError("ENOENT", "rm", path);
    }
    if (isDirectoryNode(link.getNode()) && options.recursive !== true)
      throw new FsError("EISDIR", "rm", path);
    if (resolution.parents.length === 0) throw new FsError("EBUSY", "rm", path);
    this.#removeAt(resolution, link, nowUs);
  }

  #removeAt(resolution: Resolution<Link>, link: Link, nowUs: number): void {
    const dir = parentOf(resolution);
    this.#store.removeEntry(dir, link);
    setMtimeUs(dir.getNode(), nowUs);
  }

  #existing(path: string, syscall: string, followFinal: boolean): Link {
    const link = this.resolve(path, { syscall, followFinal }).entry;
    if (link === undefined) throw new FsError("ENOENT", syscall, path);
    return link;
  }

  /** The directory and name for a new entry; EEXIST if something is there already. */
  #free(path: string, syscall: string, followFinal: boolean): { dir: Link; name: string } {
    const resolution = this.resolve(path, { syscall, followFinal });
    if (resolution.entry !== undefined) throw new FsError("EEXIST", syscall, path);
    return { dir: parentOf(resolution), name: resolution.name };
  }

  #create(dir: Link, name: string, syscall: string, path: string, spec: NewEntrySpec): Link {
    const nowUs = checkTimeUs(spec.nowUs);
    const link = this.#store.createEntry(dir, name, {
      type: spec.type,
      perm: checkPerm(spec.mode ?? (spec.type === "directory" ? 0o755 : 0o644), syscall, path),
      uid: checkId(spec.uid ?? 0, syscall, path),
      gid: checkId(spec.gid ?? 0, syscall, path),
      mtimeUs: nowUs,
      content: spec.content,
      linkTarget: spec.linkTarget,
      devMajor: spec.devMajor,
      devMinor: spec.devMinor,
    });
    setMtimeUs(dir.getNode(), nowUs);
    return link;
  }
}

/** A new entry as the public operations describe it. */
interface NewEntrySpec extends CreateOptions {
  readonly type: "file" | "directory" | "symlink" | "char" | "block" | "fifo";
  readonly content?: Uint8Array;
  readonly linkTarget?: string;
  readonly devMajor?: number;
  readonly devMinor?: number;
}

/** The directory holding a resolved name (the root has none: EBUSY/EEXIST are the caller's). */
export function parentOf<T>(resolution: Resolution<T>): T {
  const frame = resolution.parents[resolution.parents.length - 1];
  assert(frame !== undefined, "parentOf: the root has no parent");
  return frame.entry;
}

/** rename(2)'s rules for replacing an existing target. */
function checkReplaceable(sourceIsDir: boolean, target: Link, path: string): void {
  const targetNode = target.getNode();
  if (sourceIsDir && !isDirectoryNode(targetNode)) throw new FsError("ENOTDIR", "rename", path);
  if (!sourceIsDir && isDirectoryNode(targetNode)) throw new FsError("EISDIR", "rename", path);
  if (sourceIsDir && childNames(target).length > 0) throw new FsError("ENOTEMPTY", "rename", path);
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
