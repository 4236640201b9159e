import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { FsReader, VirtualFs } from "../fs/virtual-fs.ts";

const ENTRY_COUNT_MAX = 1_000_000;

/**
 * Copies the content of directory `fromPath` of one filesystem into directory `toPath` of
 * another, keeping modes, owners and times (how dockerd fills an empty volume from the image on
 * first mount). Hard links are copied as separate files; device nodes and whiteouts are skipped.
 */
export function copyTree(options: {
  from: FsReader;
  fromPath: string;
  to: VirtualFs;
  toPath: string;
  nowUs: number;
}): void {
  const { from, to } = options;
  let count = 0;
  const walk = (source: string, target: string): void => {
    for (const name of from.readdir(source)) {
      if (++count > ENTRY_COUNT_MAX)
        throw new LimitExceededError({ what: "entries copied", limit: ENTRY_COUNT_MAX });
      const sourcePath = join(source, name);
      const targetPath = join(target, name);
      const info = from.lstat(sourcePath);
      const owner = { uid: info.uid, gid: info.gid, nowUs: options.nowUs };
      if (info.type === "directory") {
        if (!to.exists(targetPath)) to.mkdir(targetPath, { ...owner, mode: info.perm });
        walk(sourcePath, targetPath);
      } else if (info.type === "file") {
        to.writeFile(targetPath, from.readFile(sourcePath), { ...owner, mode: info.perm });
      } else if (info.type === "symlink") {
        to.symlink(info.linkTarget, targetPath, owner);
      } else continue;
      to.utimes(targetPath, { nowUs: options.nowUs, mtimeUs: info.mtimeUs, followSymlinks: false });
    }
  };
  walk(options.fromPath, options.toPath);
}

function join(dir: string, name: string): string {
  return dir === "/" ? `/${name}` : `${dir}/${name}`;
}
