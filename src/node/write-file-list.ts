import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { assertSafeRelativePath } from "../archive/safe-path.ts";
import type { LayoutFile } from "../image/layout-file.ts";

/**
 * Writes an in-memory file list (an OCI layout, say) under a real directory, creating it and
 * any parent directories (mode 0755; files 0644, as skopeo leaves them). Existing files with
 * the same paths are replaced; nothing else in the directory is touched. Every path is checked
 * before anything is written, so a list with an unsafe path writes nothing.
 */
export async function writeFileList(
  directory: string,
  files: readonly LayoutFile[],
): Promise<void> {
  for (const file of files) assertSafeRelativePath(file.path, "file list entry");
  await mkdir(directory, { recursive: true, mode: 0o755 });
  for (const file of files) {
    const target = join(directory, file.path);
    await mkdir(dirname(target), { recursive: true, mode: 0o755 });
    await writeFile(target, file.data, { mode: 0o644 });
  }
}
