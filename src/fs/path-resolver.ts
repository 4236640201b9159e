import { FsError } from "../errors/fs-error.ts";
import { NAME_BYTES_MAX, PATH_BYTES_MAX, SYMLINK_HOPS_MAX } from "./fs-limits.ts";

/**
 * What path resolution needs from a tree: a layer tree walks memfs links, an overlay walks merged
 * entries. Keeping resolution generic gives both the same symlink, `..` and error behaviour, and
 * is where mounts (volumes, bind mounts) will plug in later: a walker that switches to another
 * tree's root when `child` reaches a mount point.
 */
export interface PathWalker<T> {
  readonly root: T;
  /** The entry called `name` in directory `dir`, or undefined (a whiteout counts as absent). */
  child(dir: T, name: string): T | undefined;
  isDirectory(entry: T): boolean;
  /** A symlink's target; undefined when the entry is not a symlink. */
  symlinkTarget(entry: T): string | undefined;
}

/** One directory on the way to a path's last component. */
export interface PathFrame<T> {
  readonly entry: T;
  /** Its name in its parent; "" for the root. */
  readonly name: string;
}

/** Where a path leads: the directory chain, the last name, and the entry if it exists. */
export interface Resolution<T> {
  /** Directories from the root to the one holding `name`; empty when the path is the root. */
  readonly parents: readonly PathFrame<T>[];
  /** The last component after symlinks; "" for the root. */
  readonly name: string;
  readonly entry: T | undefined;
  /** The path ended with `/`, so it must name a directory. */
  readonly trailingSlash: boolean;
}

export interface ResolveOptions<T> {
  /** The operation, for error messages (`open`, `mkdir`, …). */
  readonly syscall: string;
  /** Follow a symlink in the last component (stat, open) or not (lstat, unlink, rename). */
  readonly followFinal: boolean;
  /**
   * Called when `..` would leave the root. Without it `..` at the root stays at the root, as
   * under chroot; extraction passes a function that throws, so a hostile layer is rejected.
   */
  readonly onEscape?: () => never;
  /** Creates a missing intermediate directory instead of failing with ENOENT (extraction). */
  readonly createDirectory?: (parent: T, name: string) => T;
}

/** Splits a path into its components, checking Linux's length limits. */
export function splitPath(
  path: string,
  syscall: string,
): { components: string[]; trailingSlash: boolean } {
  if (path === "") throw new FsError("ENOENT", syscall, path);
  if (path.includes("\0")) throw new FsError("EINVAL", syscall, path);
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short paths need no count.
  if (path.length * 3 > PATH_BYTES_MAX && utf8Length(path) > PATH_BYTES_MAX)
    throw new FsError("ENAMETOOLONG", syscall, path);
  const components: string[] = [];
  for (const part of path.split("/")) {
    if (part === "") continue;
    if (part.length > NAME_BYTES_MAX / 3 && utf8Length(part) > NAME_BYTES_MAX) {
      throw new FsError("ENAMETOOLONG", syscall, path);
    }
    components.push(part);
  }
  return { components, trailingSlash: path.length > 1 && path.endsWith("/") };
}

/**
 * Resolves `path` component by component from the walker's root. Absolute symlink targets start
 * again at the root, `..` never leaves the root, and more than 40 symlinks give ELOOP, as on Linux.
 * A relative path is taken from the root: callers that have a working directory join it first.
 */
export function resolvePath<T>(
  walker: PathWalker<T>,
  path: string,
  options: ResolveOptions<T>,
): Resolution<T> {
  const { components, trailingSlash } = splitPath(path, options.syscall);
  const followFinal = options.followFinal || trailingSlash;
  const pending = components.reverse();
  let stack: PathFrame<T>[] = [{ entry: walker.root, name: "" }];
  let hops = 0;
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name === ".") continue;
    if (name === "..") {
      if (stack.length > 1) stack.pop();
      else options.onEscape?.();
      continue;
    }
    const dir = stack[stack.length - 1]!.entry;
    const isLast = pending.length === 0;
    let entry = walker.child(dir, name);
    if (entry === undefined) {
      if (isLast) return { parents: stack, name, entry: undefined, trailingSlash };
      if (options.createDirectory === undefined) throw new FsError("ENOENT", options.syscall, path);
      entry = options.createDirectory(dir, name);
    }
    const target = walker.symlinkTarget(entry);
    if (target !== undefined && (!isLast || followFinal)) {
      if (++hops > SYMLINK_HOPS_MAX) throw new FsError("ELOOP", options.syscall, path);
      if (target === "") throw new FsError("ENOENT", options.syscall, path);
      if (target.startsWith("/")) stack = [stack[0]!];
      const parts = target.split("/");
      for (let i = parts.length - 1; i >= 0; i--) if (parts[i] !== "") pending.push(parts[i]!);
      continue;
    }
    if (isLast) {
      if (trailingSlash && !walker.isDirectory(entry))
        throw new FsError("ENOTDIR", options.syscall, path);
      return { parents: stack, name, entry, trailingSlash };
    }
    if (!walker.isDirectory(entry)) throw new FsError("ENOTDIR", options.syscall, path);
    stack.push({ entry, name });
  }
  // The path ended on the root, `.` or `..`: it names the directory on top of the stack.
  const top = stack.pop()!;
  return { parents: stack, name: top.name, entry: top.entry, trailingSlash };
}

/** The canonical absolute path of a resolution: `/a/b`, or `/` for the root. */
export function resolvedPath<T>(resolution: Resolution<T>): string {
  const names = resolution.parents.slice(1).map((frame) => frame.name);
  if (resolution.parents.length > 0) names.push(resolution.name);
  return `/${names.join("/")}`;
}

/** Length of a string in UTF-8 bytes. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair: 4 bytes for 2 code units
      i++;
    } else bytes += 2;
  }
  return bytes;
}
