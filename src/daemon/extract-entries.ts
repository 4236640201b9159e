import { goPathJoin, goPathSplit } from "../archive/go-path.ts";
import { assertSafeRelativePath, normalizeArchivePath } from "../archive/safe-path.ts";
import type { TarEntry } from "../archive/tar-entry.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { FsError } from "../errors/fs-error.ts";
import type { FileInfo } from "../fs/file-info.ts";
import type { FsReader, VirtualFs } from "../fs/virtual-fs.ts";

/**
 * Extracts tar entries into directory `root` of a filesystem through its ordinary operations
 * (so an overlay copies up and records what changed): what `docker cp` into a container does.
 * Every path is checked first (no absolute paths, no `..` escaping `root`); an entry replaces
 * what is at its path, except that with `strict` a directory and a non-directory never replace
 * each other (`cannot overwrite directory "…" with non-directory "…"`).
 */
export function extractEntries(
  fs: VirtualFs,
  root: string,
  entries: readonly TarEntry[],
  options: { nowUs: number; strict?: boolean },
): void {
  for (const entry of entries) {
    assertSafeRelativePath(entry.path);
    assertLinkInside(root, entry);
  }
  for (const entry of entries)
    extractEntry(fs, root, entry, { nowUs: options.nowUs, strict: options.strict === true });
}

/**
 * dockerd's untar refuses links that point above the extraction directory, judged as Go joins
 * and cleans them with a plain string-prefix test: a symlink's target relative to the link's own
 * directory (absolute targets join under that directory too, so they always pass), a hard
 * link's target relative to the extraction directory.
 */
function assertLinkInside(root: string, entry: TarEntry): void {
  if (entry.type !== "symlink" && entry.type !== "hardlink") return;
  const path = goPathJoin(root, entry.path);
  const target =
    entry.type === "symlink"
      ? goPathJoin(goPathSplit(path).dir, entry.linkTarget)
      : goPathJoin(root, entry.linkTarget);
  if (target.startsWith(root)) return;
  throw new DrydockError(
    "Internal",
    `Error processing tar file(exit status 1): invalid ${entry.type} ${JSON.stringify(path)} -> ${JSON.stringify(entry.linkTarget)}`,
    { data: { path, linkTarget: entry.linkTarget } },
  );
}

function extractEntry(
  fs: VirtualFs,
  root: string,
  entry: TarEntry,
  options: { nowUs: number; strict: boolean },
): void {
  const path =
    entry.path === "" ? root : `${root === "/" ? "" : root}/${normalizeArchivePath(entry.path)}`;
  const existing = lstatOrUndefined(fs, path);
  const owner = { uid: entry.uid, gid: entry.gid, nowUs: options.nowUs };
  if (existing !== undefined && (existing.type === "directory") !== (entry.type === "directory")) {
    if (options.strict) {
      const [from, to] =
        existing.type === "directory"
          ? ["directory", "non-directory"]
          : ["non-directory", "directory"];
      throw new DrydockError(
        "InvalidArgument",
        `cannot overwrite ${from} "${path}" with ${to} "${path}"`,
        { data: { path } },
      );
    }
    fs.rm(path, { recursive: true, nowUs: options.nowUs });
  }
  const parent = path.slice(0, path.lastIndexOf("/")) || "/";
  if (!fs.exists(parent)) fs.mkdirp(parent, { nowUs: options.nowUs });
  switch (entry.type) {
    case "directory":
      if (lstatOrUndefined(fs, path) === undefined) fs.mkdir(path, { ...owner, mode: entry.mode });
      else fs.chmod(path, entry.mode, owner);
      break;
    case "file":
      if (existing?.type === "symlink") fs.unlink(path, owner);
      fs.writeFile(path, entry.data, { ...owner, mode: entry.mode });
      fs.chmod(path, entry.mode, owner);
      break;
    case "symlink":
      if (lstatOrUndefined(fs, path) !== undefined) fs.unlink(path, owner);
      fs.symlink(entry.linkTarget, path, owner);
      break;
    case "hardlink":
      if (lstatOrUndefined(fs, path) !== undefined) fs.unlink(path, owner);
      fs.link(`${root === "/" ? "" : root}/${normalizeArchivePath(entry.linkTarget)}`, path, owner);
      return;
    default:
      if (lstatOrUndefined(fs, path) === undefined)
        fs.mknod(path, {
          ...owner,
          type: entry.type,
          mode: entry.mode,
          devMajor: entry.devMajor,
          devMinor: entry.devMinor,
        });
  }
  fs.chown(path, { ...owner, followSymlinks: false });
  fs.utimes(path, { nowUs: options.nowUs, mtimeUs: entry.mtimeUs, followSymlinks: false });
}

/** `lstat`, or undefined where nothing is. */
export function lstatOrUndefined(fs: FsReader, path: string): FileInfo | undefined {
  try {
    return fs.lstat(path);
  } catch (error) {
    if (error instanceof FsError) return undefined;
    throw error;
  }
}
