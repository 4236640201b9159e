import { isFsError } from "../../errors/fs-error.ts";
import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";
import type { FsReader } from "../../fs/virtual-fs.ts";
import { goCleanPath } from "../go-path.ts";

/** Symlinks followed in one resolution before giving up (moby/sys/symlink uses 255). */
export const SCOPED_SYMLINK_HOPS_MAX = 255;

/**
 * moby's `FollowSymlinkInScope` over a filesystem: resolves every symlink of `path` as if the
 * filesystem's root were `/` (absolute targets restart at the root, `..` stops at it), so the
 * result never leaves the tree. Components that do not exist are kept as written, so a broken
 * link resolves to where it points. With `followFinal` false the last component is not
 * followed. Returns an absolute, clean path.
 */
export function resolveInScope(
  fs: FsReader,
  path: string,
  options: { followFinal?: boolean } = {},
): string {
  const followFinal = options.followFinal ?? true;
  let pending = splitComponents(path);
  let resolved = "/";
  let hops = 0;
  while (pending.length > 0) {
    const [name, ...rest] = pending as [string, ...string[]];
    pending = rest;
    if (name === "..") {
      resolved = parentOf(resolved);
      continue;
    }
    const candidate = resolved === "/" ? `/${name}` : `${resolved}/${name}`;
    if (pending.length === 0 && !followFinal) return candidate;
    const target = symlinkTarget(fs, candidate);
    if (target === undefined) {
      resolved = candidate;
      continue;
    }
    hops += 1;
    if (hops > SCOPED_SYMLINK_HOPS_MAX) {
      throw new LimitExceededError({
        what: "symlinks followed in one path",
        limit: SCOPED_SYMLINK_HOPS_MAX,
        message: `too many links in ${path}`,
      });
    }
    if (target.startsWith("/")) resolved = "/";
    pending = [...splitComponents(target), ...pending];
  }
  return resolved;
}

function splitComponents(path: string): string[] {
  return path.split("/").filter((part) => part !== "" && part !== ".");
}

function parentOf(path: string): string {
  return path === "/" ? "/" : goCleanPath(`${path}/..`);
}

function symlinkTarget(fs: FsReader, path: string): string | undefined {
  try {
    const info = fs.lstat(path);
    return info.type === "symlink" ? info.linkTarget : undefined;
  } catch (error) {
    if (isFsError(error)) return undefined;
    throw error;
  }
}

/**
 * Whether a context-relative path climbs out of the context lexically (`../x`, `a/../../x`), which
 * dockerd refuses before any symlink is looked at: `forbidden path outside the build context`.
 */
export function escapesContext(path: string): boolean {
  const clean = goCleanPath(path);
  return clean === ".." || clean.startsWith("../");
}
