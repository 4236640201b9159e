import { EMPTY_BYTES, type TarEntry } from "../archive/tar-entry.ts";
import type { OwnerNames } from "./layer-diff.ts";
import type { FsReader } from "./virtual-fs.ts";

const ROOT_ONLY: ReadonlyMap<number, string> = new Map([[0, "root"]]);

export interface ExportOptions {
  /** Default: uid 0 and gid 0 are `root`, every other id has no name (""). */
  readonly owners?: OwnerNames;
}

/**
 * A whole filesystem as tar entries, the way `docker export` writes a container's root: a
 * depth-first walk with names sorted by bytes, no entry for the root, and the second and later
 * paths of a multiply-linked inode written as hard links to the first. Works on any `FsReader`
 * (a flattened `LayerTree` or an `OverlayFs`), which makes it the common form to compare two
 * filesystems by.
 */
export function exportEntries(fs: FsReader, options: ExportOptions = {}): TarEntry[] {
  const out: TarEntry[] = [];
  const users = options.owners?.users ?? ROOT_ONLY;
  const groups = options.owners?.groups ?? ROOT_ONLY;
  const firstPath = new Map<number, string>();
  const walk = (dir: string, prefix: string): void => {
    for (const name of fs.readdir(dir)) {
      const absolute = dir === "/" ? `/${name}` : `${dir}/${name}`;
      const path = prefix === "" ? name : `${prefix}/${name}`;
      const info = fs.lstat(absolute);
      const first =
        info.type !== "directory" && info.nlink > 1 ? firstPath.get(info.ino) : undefined;
      if (info.type !== "directory" && info.nlink > 1 && first === undefined)
        firstPath.set(info.ino, path);
      const type = first !== undefined ? "hardlink" : info.type === "whiteout" ? "char" : info.type;
      out.push({
        path,
        type,
        mode: info.perm,
        uid: info.uid,
        gid: info.gid,
        uname: users.get(info.uid) ?? "",
        gname: groups.get(info.gid) ?? "",
        mtimeUs: info.mtimeUs,
        linkTarget: first ?? info.linkTarget,
        devMajor: info.devMajor,
        devMinor: info.devMinor,
        data: type === "file" ? fs.readFile(absolute) : EMPTY_BYTES,
        xattrs: fs.xattrs(absolute),
      });
      if (info.type === "directory") walk(absolute, path);
    }
  };
  walk("/", "");
  return out;
}
