import { formatRfc3339Nano } from "../clock/time-format.ts";
import type { PathStat } from "../engine/api-types.ts";
import type { FileInfo } from "../fs/file-info.ts";

/** Go's `os.FileMode` type bits, as `docker cp`'s path stat carries them. */
const GO_MODE: Readonly<Record<string, number>> = {
  directory: 2 ** 31,
  symlink: 2 ** 27,
  fifo: 2 ** 25,
  block: 2 ** 26,
  char: 2 ** 26 + 2 ** 21,
};

/** The `X-Docker-Container-Path-Stat` of a path: its name, size, Go mode, mtime and link target. */
export function pathStat(options: { name: string; info: FileInfo; linkTarget: string }): PathStat {
  const { info } = options;
  const special =
    (info.perm & 0o4000 ? 2 ** 23 : 0) +
    (info.perm & 0o2000 ? 2 ** 22 : 0) +
    (info.perm & 0o1000 ? 2 ** 20 : 0);
  return {
    name: options.name,
    size: info.sizeBytes,
    mode: (info.perm & 0o777) + special + (GO_MODE[info.type] ?? 0),
    mtime: formatRfc3339Nano(info.mtimeUs),
    linkTarget: options.linkTarget,
  };
}
