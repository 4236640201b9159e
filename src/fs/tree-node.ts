import { type IProcess, type Link, Node, Superblock } from "@jsonjoy.com/fs-core";
import { EMPTY_BYTES } from "../archive/tar-entry.ts";
import { S_IFCHR, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from "./file-mode.ts";

/**
 * The one place that touches memfs's core model (`@jsonjoy.com/fs-core`): inodes (`Node`),
 * directory entries (`Link`) and the inode table (`Superblock`).
 *
 * memfs's syscall layer is not used: it checks permissions against the host's uid, and its
 * `Node`/`Link` setters stamp the wall clock. Here every time a caller can see (`mtime`) is set
 * explicitly after each change, from a time the caller passes; memfs's own `atime`/`ctime`
 * stamps are never read. Directory children are read from `children` directly because
 * `Link.getChild` stamps `atime`.
 */

/** Fields memfs keeps private that a zero-copy content swap has to set. */
interface NodeInternals {
  buf: Uint8Array;
  size: number;
  capacity: number;
}

/** What fs-core has no field for: xattrs, device numbers and the overlay markers. */
export interface NodeExtras {
  xattrs?: Readonly<Record<string, string>>;
  devMajor?: number;
  devMinor?: number;
  /** A whiteout: a character device that hides the same name in lower layers. */
  whiteout?: boolean;
  /** An opaque directory: lower layers' children of this directory are hidden. */
  opaque?: boolean;
  /**
   * A directory created only because a layer had entries below it. Its metadata is a
   * placeholder: a merged view shows the metadata of the same directory in a lower layer.
   */
  implied?: boolean;
}

const EXTRAS = new WeakMap<Node, NodeExtras>();

/**
 * The `process` memfs asks for the owner of a new inode: always root, and never a syscall on the
 * host. (fs-core's `Node` constructor still calls the host's `getuid` once for its field
 * defaults; the owner is overwritten right after.)
 */
const ROOT_PROCESS: IProcess = {
  getuid: () => 0,
  getgid: () => 0,
  cwd: () => "/",
  platform: "linux",
  emitWarning: () => {},
  env: {},
};

/** The fields fs-core's `Node` constructor sets, which `createNode` sets the same way. */
interface NodeFields extends NodeInternals {
  changes: unknown;
  _uid: number;
  _gid: number;
  _atime: Date;
  _mtime: Date;
  _ctime: Date;
  _btime: Date;
  rdev: number;
  _nlink: number;
  mode: number;
  ino: number;
}

/** Built once, with fs-core's constructor, as the source of its event-bus class. */
const TEMPLATE_NODE = new Node(0, 0, 0, 0);
const FanOut = (TEMPLATE_NODE as unknown as NodeFields).changes!.constructor as new () => unknown;
const EPOCH = new Date(0);

/**
 * A new inode registered in `superblock`, made without fs-core's `Node` constructor: that one
 * reads the host's uid twice (a syscall, about half the cost of building a tree) and the wall
 * clock four times. This sets the same own fields in the same order, owner root and every time
 * at the epoch; callers set mtime right after. A unit test checks the fields still match fs-core's.
 */
export function createNode(superblock: Superblock, mode: number): Node {
  const node = Object.create(Node.prototype) as NodeFields;
  node.changes = new FanOut();
  node._uid = 0;
  node._gid = 0;
  node._atime = EPOCH;
  node._mtime = EPOCH;
  node._ctime = EPOCH;
  node._btime = EPOCH;
  node.buf = EMPTY_BYTES;
  node.capacity = 0;
  node.size = 0;
  node.rdev = 0;
  node._nlink = 1;
  node.mode = mode;
  node.ino = (superblock as unknown as { newInoNumber(): number }).newInoNumber();
  superblock.inodes[node.ino] = node as unknown as Node;
  return node as unknown as Node;
}

/** A fresh inode table whose root is an empty 0755 directory owned by root. */
export function newSuperblock(rootMtimeUs: number): Superblock {
  const superblock = new Superblock({ process: ROOT_PROCESS });
  const root = superblock.root.getNode();
  root.mode = S_IFDIR | 0o755;
  // memfs counts the root's `.` and `..` twice; Linux gives an empty directory two links.
  root.nlink = 2;
  setMtimeUs(root, rootMtimeUs);
  return superblock;
}

export function extrasOf(node: Node): NodeExtras | undefined {
  return EXTRAS.get(node);
}

/** Merges `patch` into the node's extras (an `undefined` field clears it). */
export function updateExtras(node: Node, patch: NodeExtras): void {
  const current = EXTRAS.get(node);
  if (
    current === undefined &&
    !Object.values(patch).some((value) => value !== undefined && value !== false)
  )
    return;
  const next: NodeExtras = { ...current, ...patch };
  for (const key of Object.keys(next) as (keyof NodeExtras)[]) {
    if (next[key] === undefined || next[key] === false) delete next[key];
  }
  if (Object.keys(next).length === 0) EXTRAS.delete(node);
  else EXTRAS.set(node, next);
}

export function isDirectoryNode(node: Node): boolean {
  return (node.mode & S_IFMT) === S_IFDIR;
}

export function isSymlinkNode(node: Node): boolean {
  return (node.mode & S_IFMT) === S_IFLNK;
}

export function isRegularNode(node: Node): boolean {
  return (node.mode & S_IFMT) === S_IFREG;
}

export function isWhiteoutNode(node: Node): boolean {
  return (node.mode & S_IFMT) === S_IFCHR && EXTRAS.get(node)?.whiteout === true;
}

export function isOpaqueNode(node: Node): boolean {
  return EXTRAS.get(node)?.opaque === true;
}

export function isImpliedNode(node: Node): boolean {
  return EXTRAS.get(node)?.implied === true;
}

/** The file's bytes, as a view: never write through it. */
export function contentOf(node: Node): Uint8Array {
  const size = node.getSize();
  if (size === 0) return EMPTY_BYTES;
  const buf = (node as unknown as NodeInternals).buf;
  return buf.length === size ? buf : buf.subarray(0, size);
}

/**
 * Replaces the file's bytes with `bytes` itself, without copying, so trees built from an archive
 * share its buffer and a copy-up shares the lower file's. Nothing in drydock writes into a node's
 * buffer in place (writes swap in a new array), which is what makes the sharing safe.
 */
export function setContent(node: Node, bytes: Uint8Array): void {
  const internals = node as unknown as NodeInternals;
  internals.buf = bytes;
  internals.size = bytes.length;
  internals.capacity = bytes.length;
}

/** Sets the modification time (stored with millisecond resolution, rounded down). */
export function setMtimeUs(node: Node, mtimeUs: number): void {
  node.mtime = new Date(Math.floor(mtimeUs / 1000));
}

export function mtimeUsOf(node: Node): number {
  return node.mtime.getTime() * 1000;
}

/** The entry `name` of a directory, without memfs's `atime` stamp; `.`/`..` are not entries. */
export function childLink(dir: Link, name: string): Link | undefined {
  if (name === "." || name === "..") return undefined;
  return dir.children.get(name);
}

/** The names in a directory, unsorted, without `.` and `..`. */
export function childNames(dir: Link): string[] {
  const names: string[] = [];
  for (const name of dir.children.keys()) if (name !== "." && name !== "..") names.push(name);
  return names;
}

/** Adds `node` to `dir` as `name`. The caller accounts for the new link and sets `dir`'s mtime. */
export function attachNode(dir: Link, name: string, node: Node): Link {
  const dirNode = dir.getNode();
  const mtime = dirNode.mtime;
  const link = dir.createChild(name, node);
  dirNode.mtime = mtime;
  return link;
}

/** Moves an existing link (and its subtree) under `dir` as `name`. */
export function reattachLink(dir: Link, name: string, link: Link): void {
  const dirNode = dir.getNode();
  const mtime = dirNode.mtime;
  link.name = name;
  link.syncSteps();
  dir.setChild(name, link);
  dirNode.mtime = mtime;
}

/** Removes a link from its directory; nlink and inode accounting is the caller's. */
export function detachLink(dir: Link, link: Link): void {
  const dirNode = dir.getNode();
  const mtime = dirNode.mtime;
  dir.deleteChild(link);
  dirNode.mtime = mtime;
}
