import { EMPTY_BYTES, type TarEntry } from "../../archive/tar-entry.ts";
import type { FileInfo } from "../../fs/file-info.ts";
import type { VirtualFs } from "../../fs/virtual-fs.ts";
import { BuildError } from "../build-error.ts";
import { checkBuildLimit } from "../build-limits.ts";
import { resolveInScope } from "../context/scoped-path.ts";
import { goCleanPath, goDir } from "../go-path.ts";
import type { Identity } from "./chown-spec.ts";
import { type CopyInfo, statInScope, walkSorted } from "./copy-infos.ts";
import { extractInto, lstatOrUndefined } from "./extract-into.ts";
import { localArchiveEntries } from "./local-archive.ts";

/** How one source is copied. */
export interface CopyOptions {
  /** The destination as normalised (absolute; a trailing `/` kept). */
  readonly dest: string;
  /** The owner of copied files; undefined keeps the source's owners (`COPY --from` without `--chown`). */
  readonly identity?: Identity;
  /** ADD: unpack a local tar archive into `dest`. */
  readonly decompress: boolean;
  readonly nowUs: number;
  readonly copyEntryCountMax: number;
  readonly extractSizeBytesMax: number;
}

/**
 * Copies one resolved source into a container root, with the classic builder's rules
 * (`performCopyForInfo`): a directory's *content* goes into `dest` (created if missing); a
 * local archive given to ADD is unpacked into `dest`; a file goes to `dest`, or into it when
 * `dest` ends with `/` or is an existing directory, named after the source path's base. Symlinks
 * given as sources are followed; symlinks inside a copied directory are copied as links.
 */
export function copyInto(fs: VirtualFs, info: CopyInfo, options: CopyOptions): void {
  const sourcePath = resolveInScope(info.source.fs, goCleanPath(`/${info.path}`));
  const stat = statInScope(info.source, info.path);
  if (stat === undefined) throw new BuildError(`source path not found: ${info.path}`);
  const destPath = resolveInScope(fs, options.dest);
  if (stat.type === "directory") {
    copyDirectory(fs, { ...options, sourcePath, destPath, info });
    return;
  }
  const content = stat.type === "file" ? info.source.fs.readFile(sourcePath) : EMPTY_BYTES;
  if (options.decompress && info.noDecompress !== true) {
    const archive = localArchiveEntries(content, {
      extractSizeBytesMax: options.extractSizeBytesMax,
      entryCountMax: options.copyEntryCountMax,
    });
    if (archive !== undefined) {
      fs.mkdirp(destPath, { nowUs: options.nowUs, mode: 0o755, uid: 0, gid: 0 });
      extractInto(fs, destPath, archive, { nowUs: options.nowUs });
      return;
    }
  }
  const destInfo = statOrUndefined(fs, destPath);
  const intoDirectory = options.dest.endsWith("/") || destInfo?.type === "directory";
  const base =
    info.path
      .split("/")
      .filter((part) => part !== "")
      .at(-1) ?? "";
  const target = intoDirectory ? goCleanPath(`${destPath}/${base}`) : destPath;
  const parentOwner = options.identity ?? { uid: 0, gid: 0 };
  fs.mkdirp(goDir(target), { nowUs: options.nowUs, mode: 0o755, ...parentOwner });
  const entry = entryOf(stat, { path: "x", content, identity: options.identity });
  extractInto(fs, goDir(target), [{ ...entry, path: target.split("/").at(-1) ?? "" }], {
    nowUs: options.nowUs,
  });
}

function copyDirectory(
  fs: VirtualFs,
  options: CopyOptions & { sourcePath: string; destPath: string; info: CopyInfo },
): void {
  const { nowUs, identity } = options;
  const existed = statOrUndefined(fs, options.destPath)?.type === "directory";
  fs.mkdirp(options.destPath, { nowUs, mode: 0o755, uid: 0, gid: 0 });
  const entries = directoryEntries(options.info, options.sourcePath, options);
  extractInto(fs, options.destPath, entries, { nowUs });
  if (identity !== undefined && !existed) {
    fs.chown(options.destPath, { nowUs, uid: identity.uid, gid: identity.gid });
  }
}

/** A source directory's content as archive entries relative to it (dockerd tars it). */
function directoryEntries(
  info: CopyInfo,
  sourcePath: string,
  options: { identity?: Identity; copyEntryCountMax: number },
): TarEntry[] {
  const entries: TarEntry[] = [];
  const firstPathOfInode = new Map<number, string>();
  walkSorted(info.source, sourcePath, (absolute, stat) => {
    if (absolute === sourcePath) return;
    checkBuildLimit("copyEntryCountMax", {
      actual: entries.length + 1,
      limit: options.copyEntryCountMax,
    });
    const path = absolute.slice(sourcePath === "/" ? 1 : sourcePath.length + 1);
    const first =
      stat.type !== "directory" && stat.nlink > 1 ? firstPathOfInode.get(stat.ino) : undefined;
    if (first !== undefined) {
      entries.push({
        ...entryOf(stat, { path, content: EMPTY_BYTES, identity: options.identity }),
        type: "hardlink",
        linkTarget: first,
      });
      return;
    }
    if (stat.type !== "directory" && stat.nlink > 1) firstPathOfInode.set(stat.ino, path);
    const content = stat.type === "file" ? info.source.fs.readFile(absolute) : EMPTY_BYTES;
    entries.push(entryOf(stat, { path, content, identity: options.identity }));
  });
  return entries;
}

function entryOf(
  stat: FileInfo,
  options: { path: string; content: Uint8Array; identity: Identity | undefined },
): TarEntry {
  const type = stat.type === "whiteout" ? "char" : stat.type;
  return {
    path: options.path,
    type,
    mode: stat.perm,
    uid: options.identity?.uid ?? stat.uid,
    gid: options.identity?.gid ?? stat.gid,
    uname: "",
    gname: "",
    mtimeUs: stat.mtimeUs,
    linkTarget: stat.type === "symlink" ? stat.linkTarget : "",
    devMajor: stat.devMajor,
    devMinor: stat.devMinor,
    data: type === "file" ? options.content : EMPTY_BYTES,
    xattrs: {},
  };
}

function statOrUndefined(fs: VirtualFs, path: string): FileInfo | undefined {
  const info = lstatOrUndefined(fs, path);
  if (info?.type !== "symlink") return info;
  try {
    return fs.stat(path);
  } catch {
    return undefined;
  }
}
