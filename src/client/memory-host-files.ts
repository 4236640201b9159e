import { FsError } from "../errors/fs-error.ts";
import type { HostFiles, HostStat } from "./command-io.ts";

/** One entry of a `MemoryHostFiles` tree. */
export type MemoryEntry =
  | {
      readonly type: "file";
      readonly data: Uint8Array;
      readonly mode?: number;
      readonly mtimeUs?: number;
    }
  | { readonly type: "directory"; readonly mode?: number; readonly mtimeUs?: number }
  | { readonly type: "symlink"; readonly target: string; readonly mtimeUs?: number };

/** Symlink hops before a lookup fails with ELOOP, as Linux's limit. */
const SYMLINK_HOPS_MAX = 40;

function clean(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

function parentOf(path: string): string {
  const index = path.lastIndexOf("/");
  return index <= 0 ? "/" : path.slice(0, index);
}

/**
 * The client's host filesystem held in memory: for a browser, and for tests. Paths resolve
 * against `cwd`; symlinks are followed by `stat`, `readFile` and `readDir`.
 */
export class MemoryHostFiles implements HostFiles {
  readonly #entries = new Map<string, MemoryEntry>();
  readonly #cwd: string;

  constructor(
    options: { cwd?: string; entries?: Readonly<Record<string, MemoryEntry | string>> } = {},
  ) {
    this.#cwd = clean(options.cwd ?? "/");
    this.#entries.set("/", { type: "directory", mode: 0o755 });
    for (const [path, entry] of Object.entries(options.entries ?? {})) {
      const absolute = this.resolve(path);
      this.#mkdirs(parentOf(absolute));
      this.#entries.set(
        absolute,
        typeof entry === "string" ? { type: "file", data: new TextEncoder().encode(entry) } : entry,
      );
    }
  }

  #mkdirs(path: string): void {
    if (this.#entries.has(path)) return;
    this.#mkdirs(parentOf(path));
    this.#entries.set(path, { type: "directory", mode: 0o755 });
  }

  resolve(path: string): string {
    return clean(path.startsWith("/") ? path : `${this.#cwd}/${path}`);
  }

  /** Follows symlinks in every component; the final one too when `follow`. */
  #lookup(path: string, follow: boolean): [string, MemoryEntry | undefined] {
    let current = this.resolve(path);
    for (let hops = 0; hops < SYMLINK_HOPS_MAX; hops++) {
      const entry = this.#entries.get(current);
      if (entry?.type === "symlink" && follow) {
        current = clean(
          entry.target.startsWith("/") ? entry.target : `${parentOf(current)}/${entry.target}`,
        );
        continue;
      }
      return [current, entry];
    }
    throw new FsError("ELOOP", "stat", path);
  }

  #stat(entry: MemoryEntry): HostStat {
    if (entry.type === "symlink") {
      return {
        type: "symlink",
        mode: 0o777,
        sizeBytes: entry.target.length,
        mtimeUs: entry.mtimeUs ?? 0,
        uid: 0,
        gid: 0,
      };
    }
    return {
      type: entry.type,
      mode: entry.mode ?? (entry.type === "directory" ? 0o755 : 0o644),
      sizeBytes: entry.type === "file" ? entry.data.length : 4096,
      mtimeUs: entry.mtimeUs ?? 0,
      uid: 0,
      gid: 0,
    };
  }

  async lstat(path: string): Promise<HostStat> {
    const [, entry] = this.#lookup(path, false);
    if (entry === undefined) throw new FsError("ENOENT", "lstat", path);
    return this.#stat(entry);
  }

  async stat(path: string): Promise<HostStat | undefined> {
    const [, entry] = this.#lookup(path, true);
    return entry === undefined ? undefined : this.#stat(entry);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const [, entry] = this.#lookup(path, true);
    if (entry === undefined) throw new FsError("ENOENT", "open", path);
    if (entry.type !== "file") throw new FsError("EISDIR", "read", path);
    return entry.data;
  }

  async readDir(path: string): Promise<string[]> {
    const [absolute, entry] = this.#lookup(path, true);
    if (entry === undefined) throw new FsError("ENOENT", "scandir", path);
    if (entry.type !== "directory") throw new FsError("ENOTDIR", "scandir", path);
    const prefix = absolute === "/" ? "/" : `${absolute}/`;
    return [...this.#entries.keys()]
      .filter(
        (key) =>
          key !== absolute && key.startsWith(prefix) && !key.slice(prefix.length).includes("/"),
      )
      .map((key) => key.slice(prefix.length))
      .sort();
  }

  async readLink(path: string): Promise<string> {
    const [, entry] = this.#lookup(path, false);
    if (entry?.type !== "symlink") throw new FsError("EINVAL", "readlink", path);
    return entry.target;
  }

  async writeFile(
    path: string,
    data: Uint8Array,
    options: { mode?: number; mtimeUs?: number } = {},
  ): Promise<void> {
    const [absolute, entry] = this.#lookup(path, true);
    if (entry?.type === "directory") throw new FsError("EISDIR", "open", path);
    this.#requireDirectory(parentOf(absolute), path);
    this.#entries.set(absolute, {
      type: "file",
      data: data.slice(),
      mode: options.mode,
      mtimeUs: options.mtimeUs,
    });
  }

  async mkdir(path: string, options: { mode?: number } = {}): Promise<void> {
    const [absolute, entry] = this.#lookup(path, false);
    if (entry !== undefined) throw new FsError("EEXIST", "mkdir", path);
    this.#requireDirectory(parentOf(absolute), path);
    this.#entries.set(absolute, { type: "directory", mode: options.mode });
  }

  async symlink(target: string, path: string): Promise<void> {
    const [absolute, entry] = this.#lookup(path, false);
    if (entry !== undefined) throw new FsError("EEXIST", "symlink", path);
    this.#requireDirectory(parentOf(absolute), path);
    this.#entries.set(absolute, { type: "symlink", target });
  }

  #requireDirectory(path: string, forPath: string): void {
    const [, entry] = this.#lookup(path, true);
    if (entry === undefined) throw new FsError("ENOENT", "open", forPath);
    if (entry.type !== "directory") throw new FsError("ENOTDIR", "open", forPath);
  }
}
