import {
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  stat,
  symlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import { resolve } from "node:path";
import type { HostFiles, HostStat } from "../client/command-io.ts";
import { type Errno, FsError } from "../errors/fs-error.ts";

const KNOWN_ERRNO = new Set<string>([
  "ENOENT",
  "EEXIST",
  "ENOTDIR",
  "EISDIR",
  "ENOTEMPTY",
  "EINVAL",
  "ELOOP",
  "EACCES",
  "EPERM",
  "EXDEV",
  "ENAMETOOLONG",
  "EROFS",
  "EBUSY",
]);

/** Turns Node's fs errors into drydock's `FsError`, so commands see one error type. */
async function fs<T>(syscall: string, path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== undefined && KNOWN_ERRNO.has(code))
      throw new FsError(code as Errno, syscall, path);
    throw error;
  }
}

function toStat(stats: Awaited<ReturnType<typeof lstat>>): HostStat {
  const type = stats.isDirectory()
    ? "directory"
    : stats.isSymbolicLink()
      ? "symlink"
      : stats.isFile()
        ? "file"
        : "other";
  return {
    type,
    mode: Number(stats.mode) & 0o7777,
    sizeBytes: Number(stats.size),
    mtimeUs: Math.floor(Number(stats.mtimeMs) * 1000),
    uid: Number(stats.uid),
    gid: Number(stats.gid),
  };
}

/** The host filesystem through `node:fs`, relative paths against the process's directory. */
export class NodeHostFiles implements HostFiles {
  readonly #cwd: string;

  constructor(cwd: string) {
    this.#cwd = cwd;
  }

  resolve(path: string): string {
    return resolve(this.#cwd, path);
  }

  lstat(path: string): Promise<HostStat> {
    return fs("lstat", path, async () => toStat(await lstat(this.resolve(path))));
  }

  async stat(path: string): Promise<HostStat | undefined> {
    try {
      return toStat(await stat(this.resolve(path)));
    } catch (error) {
      if (
        (error as { code?: string }).code === "ENOENT" ||
        (error as { code?: string }).code === "ENOTDIR"
      )
        return undefined;
      throw error;
    }
  }

  readFile(path: string): Promise<Uint8Array> {
    return fs("open", path, async () => new Uint8Array(await readFile(this.resolve(path))));
  }

  readDir(path: string): Promise<string[]> {
    return fs("open", path, async () => (await readdir(this.resolve(path))).sort());
  }

  readLink(path: string): Promise<string> {
    return fs("readlink", path, () => readlink(this.resolve(path)));
  }

  writeFile(
    path: string,
    data: Uint8Array,
    options: { mode?: number; mtimeUs?: number } = {},
  ): Promise<void> {
    return fs("open", path, async () => {
      const target = this.resolve(path);
      await writeFile(target, data, options.mode === undefined ? {} : { mode: options.mode });
      if (options.mtimeUs !== undefined)
        await utimes(target, options.mtimeUs / 1e6, options.mtimeUs / 1e6);
    });
  }

  mkdir(path: string, options: { mode?: number } = {}): Promise<void> {
    return fs("mkdir", path, async () => {
      await mkdir(this.resolve(path), options.mode === undefined ? {} : { mode: options.mode });
    });
  }

  symlink(target: string, path: string): Promise<void> {
    return fs("symlink", path, () => symlink(target, this.resolve(path)));
  }
}
