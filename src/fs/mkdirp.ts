import { FsError } from "../errors/fs-error.ts";
import type { FileInfo } from "./file-info.ts";
import { splitPath } from "./path-resolver.ts";
import type { CreateOptions, VirtualFs } from "./virtual-fs.ts";

/**
 * `mkdir -p` on any filesystem, component by component: an existing directory (or symlink to
 * one) is walked through, a missing one is created with `options`, anything else fails, with
 * EEXIST for the last component (a dangling symlink included, as coreutils reports) and ENOTDIR
 * before it. Directories made before a failure stay, as with `mkdir -p`.
 */
export function mkdirp(fs: VirtualFs, path: string, options: CreateOptions): void {
  const { components } = splitPath(path, "mkdir");
  for (let i = 1; i <= components.length; i++) {
    const prefix = `/${components.slice(0, i).join("/")}`;
    const info = statOrMissing(fs, prefix, path);
    if (info?.type === "directory") continue;
    if (info !== undefined)
      throw new FsError(i === components.length ? "EEXIST" : "ENOTDIR", "mkdir", path);
    try {
      fs.mkdir(prefix, options);
    } catch (error) {
      if (error instanceof FsError) throw new FsError(error.errno, "mkdir", path);
      throw error;
    }
  }
}

function statOrMissing(fs: VirtualFs, prefix: string, path: string): FileInfo | undefined {
  try {
    return fs.stat(prefix);
  } catch (error) {
    if (error instanceof FsError && error.errno === "ENOENT") return undefined;
    if (error instanceof FsError) throw new FsError(error.errno, "mkdir", path);
    throw error;
  }
}
