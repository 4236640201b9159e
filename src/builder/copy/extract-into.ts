import { assertSafeRelativePath } from "../../archive/safe-path.ts";
import type { TarEntry } from "../../archive/tar-entry.ts";
import { isFsError } from "../../errors/fs-error.ts";
import type { FileInfo } from "../../fs/file-info.ts";
import type { VirtualFs } from "../../fs/virtual-fs.ts";
import { goCleanPath, goDir } from "../go-path.ts";

/**
 * Writes archive entries under `base` the way dockerd's `archive.Unpack` does when the builder
 * copies a directory or extracts an ADD archive: a missing parent is created (0755, root); an
 * existing entry is removed first unless both are directories (then the directory stays and takes
 * the entry's metadata); hard links point inside `base`; owners, modes and times come from the
 * entries, directory times last (writing into a directory changes its mtime). Paths are checked
 * to stay under `base`.
 */
export function extractInto(
  fs: VirtualFs,
  base: string,
  entries: readonly TarEntry[],
  options: { nowUs: number },
): void {
  const { nowUs } = options;
  const directoryTimes: [string, number][] = [];
  for (const entry of entries) {
    if (entry.path === "") continue;
    assertSafeRelativePath(entry.path);
    const target = join(base, entry.path);
    const parent = goDir(target);
    if (lstatOrUndefined(fs, parent) === undefined) {
      fs.mkdirp(parent, { nowUs, mode: 0o755, uid: 0, gid: 0 });
    }
    const existing = lstatOrUndefined(fs, target);
    if (existing !== undefined && !(existing.type === "directory" && entry.type === "directory")) {
      fs.rm(target, { nowUs, recursive: true, force: true });
    }
    createEntry(fs, { base, target, entry, nowUs, exists: existing !== undefined });
    if (entry.type === "hardlink") continue;
    fs.chown(target, { nowUs, uid: entry.uid, gid: entry.gid, followSymlinks: false });
    if (entry.type === "symlink") {
      fs.utimes(target, { nowUs, mtimeUs: entry.mtimeUs, followSymlinks: false });
      continue;
    }
    fs.chmod(target, entry.mode, { nowUs });
    if (entry.type === "directory") directoryTimes.push([target, entry.mtimeUs]);
    else fs.utimes(target, { nowUs, mtimeUs: entry.mtimeUs });
  }
  for (const [path, mtimeUs] of directoryTimes.reverse()) fs.utimes(path, { nowUs, mtimeUs });
}

function createEntry(
  fs: VirtualFs,
  options: { base: string; target: string; entry: TarEntry; nowUs: number; exists: boolean },
): void {
  const { base, target, entry, nowUs } = options;
  const create = { nowUs, mode: entry.mode, uid: entry.uid, gid: entry.gid };
  switch (entry.type) {
    case "directory":
      if (!options.exists) fs.mkdir(target, create);
      return;
    case "file":
      fs.writeFile(target, entry.data, create);
      return;
    case "symlink":
      fs.symlink(entry.linkTarget, target, create);
      return;
    case "hardlink":
      assertSafeRelativePath(entry.linkTarget);
      fs.link(join(base, entry.linkTarget), target, { nowUs });
      return;
    case "char":
    case "block":
    case "fifo":
      fs.mknod(target, {
        ...create,
        type: entry.type,
        devMajor: entry.devMajor,
        devMinor: entry.devMinor,
      });
      return;
  }
}

function join(base: string, path: string): string {
  return goCleanPath(`${base}/${path}`);
}

/** `lstat`, or undefined when nothing is at the path. */
export function lstatOrUndefined(fs: VirtualFs, path: string): FileInfo | undefined {
  try {
    return fs.lstat(path);
  } catch (error) {
    if (isFsError(error)) return undefined;
    throw error;
  }
}
