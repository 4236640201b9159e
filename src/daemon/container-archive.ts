import { normalizeArchivePath } from "../archive/safe-path.ts";
import { EMPTY_BYTES, type TarEntry } from "../archive/tar-entry.ts";
import { readTar } from "../archive/tar-reader.ts";
import { writeTar } from "../archive/tar-writer.ts";
import type { PathStat } from "../engine/api-types.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { FsError } from "../errors/fs-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { exportEntries } from "../fs/export-entries.ts";
import type { FileInfo } from "../fs/file-info.ts";
import type { FsReader } from "../fs/virtual-fs.ts";
import type { Container } from "./container.ts";
import { archiveView } from "./container-view.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { extractEntries } from "./extract-entries.ts";
import { pathStat } from "./path-stat.ts";

/** The path dockerd looks at: absolute, cleaned, with a trailing `/` or `/.` remembered. */
interface ResolvedPath {
  readonly absolute: string;
  /** The user asked for the directory itself (`dir/`) or its content (`dir/.`): follow a final symlink. */
  readonly followFinal: boolean;
  readonly contentOnly: boolean;
}

function resolveRequest(path: string): ResolvedPath {
  const absolute = `/${normalizeArchivePath(path.startsWith("/") ? path : `/${path}`)}`;
  return {
    absolute,
    followFinal: path.endsWith("/") || path.endsWith("/."),
    contentOnly: path.endsWith("/."),
  };
}

function notFound(path: string, name: string): DrydockError {
  return new DrydockError("NotFound", `Could not find the file ${path} in container ${name}`, {
    data: { path, container: name },
  });
}

function statPath(
  fs: FsReader,
  request: ResolvedPath,
  options: { path: string; name: string },
): FileInfo {
  try {
    return request.followFinal ? fs.stat(request.absolute) : fs.lstat(request.absolute);
  } catch (error) {
    if (error instanceof FsError) throw notFound(options.path, options.name);
    throw error;
  }
}

/** `HEAD /containers/{id}/archive`: `docker cp`'s look at a path before copying. */
export function statContainerPath(
  ctx: DaemonContext,
  container: Container,
  path: string,
  name: string,
): PathStat {
  const fs = archiveView(ctx, container);
  const request = resolveRequest(path);
  const info = statPath(fs, request, { path, name });
  // Go's filepath.Base of the path as asked: `/etc/.` is ".", `/` is "/".
  const base = request.contentOnly
    ? "."
    : request.absolute === "/"
      ? "/"
      : request.absolute.slice(request.absolute.lastIndexOf("/") + 1);
  const linkTarget = info.type === "symlink" ? safeRealpath(fs, request.absolute) : "";
  return pathStat({ name: base, info, linkTarget });
}

/**
 * `GET /containers/{id}/archive` (`docker cp CONTAINER:PATH -`): a tar of the path. A file is
 * one entry named after it; a directory is the directory and its tree under its own name, or
 * under `.` for `dir/.` (the CLI then copies the content only).
 */
export function archiveContainerPath(
  ctx: DaemonContext,
  container: Container,
  path: string,
  name: string,
): { stat: PathStat; archive: Uint8Array } {
  const stat = statContainerPath(ctx, container, path, name);
  const request = resolveRequest(path);
  const fs = archiveView(ctx, container);
  const info = statPath(fs, request, { path, name });
  const base = request.contentOnly || request.absolute === "/" ? "" : stat.name;
  const entries: TarEntry[] = [];
  const push = (absolute: string, entryPath: string, entryInfo: FileInfo): void => {
    entries.push({
      path: entryPath,
      type: entryInfo.type === "whiteout" ? "char" : entryInfo.type,
      mode: entryInfo.perm,
      uid: entryInfo.uid,
      gid: entryInfo.gid,
      uname: entryInfo.uid === 0 ? "root" : "",
      gname: entryInfo.gid === 0 ? "root" : "",
      mtimeUs: entryInfo.mtimeUs,
      linkTarget: entryInfo.linkTarget,
      devMajor: entryInfo.devMajor,
      devMinor: entryInfo.devMinor,
      data: entryInfo.type === "file" ? fs.readFile(absolute) : EMPTY_BYTES,
      xattrs: {},
    });
  };
  const walk = (dir: string, prefix: string): void => {
    for (const child of fs.readdir(dir)) {
      const absolute = dir === "/" ? `/${child}` : `${dir}/${child}`;
      const childPath = prefix === "" ? child : `${prefix}/${child}`;
      const childInfo = fs.lstat(absolute);
      push(absolute, childPath, childInfo);
      if (childInfo.type === "directory") walk(absolute, childPath);
    }
  };
  push(request.absolute, base, info);
  if (info.type === "directory") walk(request.absolute, base);
  return { stat, archive: writeTar(entries) };
}

/**
 * `PUT /containers/{id}/archive` (`docker cp - CONTAINER:PATH`): extracts a tar into the
 * directory at `path`, which must exist. Entries cannot escape it (`..`, absolute paths); with
 * `noOverwriteDirNonDir` a directory is never replaced by a file or the reverse.
 */
export function extractIntoContainer(
  ctx: DaemonContext,
  container: Container,
  options: { path: string; name: string; archive: Uint8Array; noOverwriteDirNonDir?: boolean },
): void {
  if (options.archive.length > ctx.limits.archiveBytesMax)
    throw new LimitExceededError({
      what: "archive bytes",
      limit: ctx.limits.archiveBytesMax,
      actual: options.archive.length,
    });
  const request = resolveRequest(options.path);
  const fs = archiveView(ctx, container);
  const info = statPath(fs, { ...request, followFinal: true }, options);
  if (info.type !== "directory")
    throw new DrydockError("Internal", "extraction point is not a directory", {
      data: { path: options.path },
    });
  const target = fs.realpath(request.absolute);
  const mount = container.mounts
    .filter((m) => target === m.destination || target.startsWith(`${m.destination}/`))
    .sort((a, b) => b.destination.length - a.destination.length)[0];
  if (mount !== undefined && !mount.rw)
    throw new DrydockError("Internal", "mounted volume is marked read-only", {
      data: { path: options.path },
    });
  const entries = readTar(options.archive);
  extractEntries(fs, target, entries, {
    nowUs: ctx.clock.nowUs(),
    strict: options.noOverwriteDirNonDir === true,
  });
}

function safeRealpath(fs: FsReader, path: string): string {
  try {
    return fs.realpath(path);
  } catch (error) {
    if (error instanceof FsError) return fs.readlink(path);
    throw error;
  }
}

/** `docker export`: the container's whole root filesystem as a tar (init layer files included). */
export function exportContainer(container: Container): Uint8Array {
  return writeTar(exportEntries(container.rootfs));
}
