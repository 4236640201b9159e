import type { FsReader } from "./virtual-fs.ts";

/** The bytes a tree's files hold, directories walked, links not followed (sizes `docker` reports). */
export function treeSizeBytes(tree: Pick<FsReader, "readdir" | "lstat">): number {
  let total = 0;
  const walk = (dir: string): void => {
    for (const name of tree.readdir(dir)) {
      const path = dir === "/" ? `/${name}` : `${dir}/${name}`;
      const info = tree.lstat(path);
      if (info.type === "directory") walk(path);
      else total += info.sizeBytes;
    }
  };
  walk("/");
  return total;
}
