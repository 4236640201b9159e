import type { FsReader } from "../fs/virtual-fs.ts";
import { classifyExecutable, type ExecutableFormat } from "./binary-format.ts";

interface Entry {
  readonly ino: number;
  readonly sizeBytes: number;
  readonly mtimeUs: number;
  readonly format: ExecutableFormat;
}

/** How many files a container remembers the format of. */
const ENTRIES_MAX = 1024;

/**
 * The executable format of files, remembered per canonical path while the file's inode, size and
 * mtime stay the same: a busybox binary is 2 MB, and every command a shell runs would otherwise
 * read and scan it.
 */
export class ExecutableCache {
  readonly #entries = new Map<string, Entry>();

  classify(fs: FsReader, path: string): ExecutableFormat {
    const info = fs.stat(path);
    const key = fs.realpath(path);
    const cached = this.#entries.get(key);
    if (
      cached !== undefined &&
      cached.ino === info.ino &&
      cached.sizeBytes === info.sizeBytes &&
      cached.mtimeUs === info.mtimeUs
    ) {
      return cached.format;
    }
    const format = classifyExecutable(fs.readFile(path));
    if (this.#entries.size >= ENTRIES_MAX) this.#entries.clear();
    this.#entries.set(key, {
      ino: info.ino,
      sizeBytes: info.sizeBytes,
      mtimeUs: info.mtimeUs,
      format,
    });
    return format;
  }
}
