import { DrydockError } from "../errors/drydock-error.ts";
import type { FileInfo } from "../fs/file-info.ts";
import type { FsReader, VirtualFs } from "../fs/virtual-fs.ts";

/** A fresh volume takes at most this many entries from the image. */
export const VOLUME_COPY_ENTRIES_MAX = 100_000;

export interface VolumeCopyOptions {
  /** The container's root without its mounts (the overlay), where the image content is. */
  readonly from: FsReader;
  /** The mount point, absolute: `/var/lib/data`. */
  readonly path: string;
  /** The volume's own tree; must be empty. */
  readonly to: VirtualFs;
  readonly nowUs: number;
}

/**
 * What dockerd does the first time an empty named volume is mounted where the image has
 * content (unless `nocopy`): the directory's content is copied into the volume, with modes,
 * owners, times and symlinks, and the volume's root takes the directory's mode and owner. Returns
 * false (copying nothing) when the volume is not empty or the image has no directory there.
 */
export function populateVolume(options: VolumeCopyOptions): boolean {
  const { from, to, nowUs } = options;
  if (to.readdir("/").length > 0) return false;
  let top: FileInfo;
  try {
    top = from.stat(options.path);
  } catch {
    return false;
  }
  if (top.type !== "directory") return false;
  let count = 0;
  const copy = (source: string, target: string): void => {
    for (const name of from.readdir(source)) {
      if (++count > VOLUME_COPY_ENTRIES_MAX) {
        throw new DrydockError(
          "LimitExceeded",
          `volume copy exceeds ${VOLUME_COPY_ENTRIES_MAX} entries`,
          {
            data: { path: options.path },
          },
        );
      }
      const sourcePath = `${source === "/" ? "" : source}/${name}`;
      const targetPath = `${target === "/" ? "" : target}/${name}`;
      const info = from.lstat(sourcePath);
      const owner = { nowUs, mode: info.perm, uid: info.uid, gid: info.gid };
      if (info.type === "directory") {
        to.mkdir(targetPath, owner);
        copy(sourcePath, targetPath);
      } else if (info.type === "symlink") to.symlink(info.linkTarget, targetPath, owner);
      else if (info.type === "file") to.writeFile(targetPath, from.readFile(sourcePath), owner);
      else if (info.type !== "whiteout") {
        to.mknod(targetPath, {
          ...owner,
          type: info.type,
          devMajor: info.devMajor,
          devMinor: info.devMinor,
        });
      }
      to.utimes(targetPath, { mtimeUs: info.mtimeUs, nowUs, followSymlinks: false });
    }
  };
  copy(options.path, "/");
  to.chmod("/", top.perm, { nowUs });
  to.chown("/", { uid: top.uid, gid: top.gid, nowUs });
  return true;
}
