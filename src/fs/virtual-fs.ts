import type { FileInfo } from "./file-info.ts";

/**
 * Every change takes the instant it happens at, from the caller's `Clock`: the filesystem never
 * reads time itself. Operations that only change an inode's status (chmod, chown) accept it too,
 * so all writes have one shape; they leave `mtime` alone, as POSIX says.
 */
export interface TimeOptions {
  /** Integer microseconds since the Unix epoch. */
  readonly nowUs: number;
}

/** Owner and permissions of a new entry; no umask is applied (callers apply theirs). */
export interface CreateOptions extends TimeOptions {
  /** Permission bits (mask 0o7777); default 0o644 for files, 0o755 for directories. */
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
}

export interface WriteFileOptions extends CreateOptions {
  /** Append to an existing file instead of replacing its content (`O_APPEND`). */
  readonly append?: boolean;
  /** Fail with EEXIST if the path exists (`O_EXCL`). */
  readonly exclusive?: boolean;
}

export interface MknodOptions extends CreateOptions {
  readonly type: "char" | "block" | "fifo";
  readonly devMajor?: number;
  readonly devMinor?: number;
}

export interface ChownOptions extends TimeOptions {
  /** New owner; unchanged when omitted. */
  readonly uid?: number;
  readonly gid?: number;
  /** chown (true, the default) or lchown (false). */
  readonly followSymlinks?: boolean;
}

export interface UtimesOptions extends TimeOptions {
  readonly mtimeUs: number;
  /** utimes (true, the default) or lutimes (false). */
  readonly followSymlinks?: boolean;
}

export interface RmOptions extends TimeOptions {
  readonly recursive?: boolean;
  /** Ignore a missing path. */
  readonly force?: boolean;
}

/**
 * The read side of a filesystem. Paths are absolute inside the tree (a relative path is taken
 * from the root); symlinks resolve inside the tree, as under chroot. Failures are `FsError`s
 * with the POSIX errno.
 */
export interface FsReader {
  lstat(path: string): FileInfo;
  stat(path: string): FileInfo;
  /** Whether the path resolves (following symlinks), like Node's `existsSync`. */
  exists(path: string): boolean;
  /** Entry names, sorted by UTF-8 bytes (Go's order), without `.` and `..`. */
  readdir(path: string): string[];
  /** A copy of a regular file's content. */
  readFile(path: string): Uint8Array;
  readlink(path: string): string;
  /** The canonical path after resolving every symlink, `/`-rooted. */
  realpath(path: string): string;
  /** Extended attributes of the entry itself (not following a last symlink). */
  xattrs(path: string): Readonly<Record<string, string>>;
}

/** The write side: POSIX semantics for a process running as root (no permission checks). */
export interface FsWriter {
  mkdir(path: string, options: CreateOptions): void;
  /** Creates missing parents too; succeeds if the directory already exists. */
  mkdirp(path: string, options: CreateOptions): void;
  writeFile(path: string, data: Uint8Array, options: WriteFileOptions): void;
  symlink(target: string, path: string, options: CreateOptions): void;
  /** A hard link; like Linux `link(2)`, a symlink is linked itself, not followed. */
  link(existingPath: string, newPath: string, options: TimeOptions): void;
  mknod(path: string, options: MknodOptions): void;
  chmod(path: string, mode: number, options: TimeOptions): void;
  chown(path: string, options: ChownOptions): void;
  utimes(path: string, options: UtimesOptions): void;
  rename(oldPath: string, newPath: string, options: TimeOptions): void;
  unlink(path: string, options: TimeOptions): void;
  rmdir(path: string, options: TimeOptions): void;
  rm(path: string, options: RmOptions): void;
}

/** A whole filesystem: a `LayerTree` or an `OverlayFs`, used the same way by callers. */
export interface VirtualFs extends FsReader, FsWriter {}
