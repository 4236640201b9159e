import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { compareUtf8 } from "../digest/go-json.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { LayoutFile } from "../image/layout-file.ts";

/** Bounds on `readFileList`. */
export interface ReadFileListLimits {
  readonly fileCountMax: number;
  readonly totalSizeBytesMax: number;
}

/** Defaults: 100 000 files, 4 GiB in all. */
export const DEFAULT_READ_FILE_LIST_LIMITS: ReadFileListLimits = Object.freeze({
  fileCountMax: 100_000,
  totalSizeBytesMax: 4 * 1024 ** 3,
});

/**
 * Reads every regular file under a real directory into a file list (paths relative to it,
 * `/`-separated, sorted), e.g. an OCI layout skopeo wrote. Symbolic links, devices and other
 * special files are refused rather than followed, so nothing outside the directory is read.
 */
export async function readFileList(
  directory: string,
  limits: Partial<ReadFileListLimits> = {},
): Promise<readonly LayoutFile[]> {
  const bounds = { ...DEFAULT_READ_FILE_LIST_LIMITS, ...limits };
  const files: LayoutFile[] = [];
  let totalSizeBytes = 0;
  const visit = async (relative: string): Promise<void> => {
    const names = (await readdir(join(directory, relative))).sort(compareUtf8);
    for (const name of names) {
      const path = relative === "" ? name : `${relative}/${name}`;
      const stat = await lstat(join(directory, path));
      if (stat.isDirectory()) {
        await visit(path);
        continue;
      }
      if (!stat.isFile()) {
        throw new DrydockError("InvalidArgument", `${path}: not a regular file or directory`, {
          data: { path },
        });
      }
      totalSizeBytes += stat.size;
      if (files.length + 1 > bounds.fileCountMax || totalSizeBytes > bounds.totalSizeBytesMax) {
        throw new LimitExceededError({
          what: `files under ${directory}`,
          limit:
            files.length + 1 > bounds.fileCountMax ? bounds.fileCountMax : bounds.totalSizeBytesMax,
        });
      }
      files.push({ path, data: new Uint8Array(await readFile(join(directory, path))) });
    }
  };
  await visit("");
  return Object.freeze(files);
}
