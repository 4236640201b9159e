import { DrydockError } from "../errors/drydock-error.ts";
import { FsError } from "../errors/fs-error.ts";
import type { VirtualFs } from "../fs/virtual-fs.ts";

/**
 * What dockerd does with `WORKDIR`/`-w` when it creates a container: the path must be absolute
 * (`the working directory 'x' is invalid, it needs to be an absolute path`), and missing
 * directories are created root-owned 0755 in the container's writable layer (they show in
 * `docker diff`). A non-directory on the way fails with `Cannot mkdir: /a is not a directory`.
 */
export function createWorkdir(fs: VirtualFs, path: string, options: { nowUs: number }): void {
  if (path === "") return;
  if (!path.startsWith("/")) {
    throw new DrydockError(
      "InvalidArgument",
      `the working directory '${path}' is invalid, it needs to be an absolute path`,
      { data: { workdir: path } },
    );
  }
  try {
    fs.mkdirp(path, { nowUs: options.nowUs, mode: 0o755, uid: 0, gid: 0 });
  } catch (error) {
    if (error instanceof FsError && (error.errno === "ENOTDIR" || error.errno === "EEXIST")) {
      throw new DrydockError("FailedPrecondition", `Cannot mkdir: ${path} is not a directory`, {
        data: { workdir: path },
        cause: error,
      });
    }
    throw error;
  }
}
