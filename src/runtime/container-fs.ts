import type {
  BufferEncoding,
  ByteString,
  CpOptions,
  FileContent,
  FsStat,
  IFileSystem,
  MkdirOptions,
  RmOptions,
} from "just-bash";
import { unsafeBytesFromLatin1 } from "just-bash";
import type { Clock } from "../clock/clock.ts";
import { FsError, isFsError } from "../errors/fs-error.ts";
import type { FileInfo } from "../fs/file-info.ts";
import type { VirtualFs } from "../fs/virtual-fs.ts";
import { isElf } from "./binary-format.ts";
import type { DeviceIo } from "./devices.ts";
import { bytesToLatin1, normalizePath } from "./paths.ts";

type WriteOptions = { encoding?: BufferEncoding } | BufferEncoding;

interface DirentEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

/** `stat` as just-bash wants it, with the inode's full metadata for drydock's own commands. */
export interface ContainerFsStat extends FsStat {
  readonly info: FileInfo;
}

/** What a `ContainerFs` wraps and acts as. */
export interface ContainerFsOptions {
  /** The process's view: the container's mounted root plus its own `/proc`. */
  readonly fs: VirtualFs;
  readonly clock: Clock;
  /** Owner of the files and directories the process creates. */
  readonly owner: { readonly uid: number; readonly gid: number };
  readonly devices: DeviceIo;
  /** Helper commands that answer at `/usr/bin/<name>` but are never listed. */
  readonly hiddenCommands: ReadonlySet<string>;
  /** Default 0o022. */
  readonly umask?: number;
}

/**
 * What a binary looks like to a shell that reads it as a script. just-bash runs any executable
 * it has no registered command for as a bash script, reading it with `readFile`; for an ELF file
 * that text is this one line, which hands the file to drydock's exec (busybox applets, simulated
 * programs, or the error a real kernel gives). Byte reads (`cat`, `cp`, `sha256sum`) see the
 * real bytes; only text reads of an ELF file (`grep`, `sed`) see the line.
 */
export const ELF_EXEC_SHIM = '/usr/bin/__drydock_exec "$0" "$@"\n';

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/**
 * just-bash's `IFileSystem` over a drydock `VirtualFs`: the async API just-bash calls, on the
 * synchronous filesystem, with times from the simulated clock and errors that carry the errno in
 * their message (which is how just-bash's commands recognise them). Character devices act by
 * device number (see `DeviceIo`). There is no `mkdirSync`/`writeFileSync` on purpose: without
 * them just-bash writes no command stubs and no `/dev` or `/proc` into the container.
 */
export class ContainerFs implements IFileSystem {
  readonly fs: VirtualFs;
  readonly #clock: Clock;
  readonly #owner: { readonly uid: number; readonly gid: number };
  readonly #devices: DeviceIo;
  readonly #hidden: ReadonlySet<string>;
  readonly #umask: number;

  constructor(options: ContainerFsOptions) {
    this.fs = options.fs;
    this.#clock = options.clock;
    this.#owner = options.owner;
    this.#devices = options.devices;
    this.#hidden = options.hiddenCommands;
    this.#umask = options.umask ?? 0o022;
  }

  async readFile(
    path: string,
    options?: { encoding?: BufferEncoding | null } | BufferEncoding,
  ): Promise<string> {
    const encoding = encodingOf(options) ?? "utf8";
    if (this.#isHidden(path)) return "";
    const bytes = this.#read(path);
    if ((encoding === "utf8" || encoding === "utf-8") && isElf(bytes)) return ELF_EXEC_SHIM;
    return decode(bytes, encoding);
  }

  async readFileBytes(path: string): Promise<ByteString> {
    return unsafeBytesFromLatin1(
      bytesToLatin1(this.#isHidden(path) ? new Uint8Array(0) : this.#read(path)),
    );
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    return this.#isHidden(path) ? new Uint8Array(0) : this.#read(path);
  }

  async writeFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    this.#write(path, encode(content, encodingOf(options)), false);
  }

  async appendFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    this.#write(path, encode(content, encodingOf(options)), true);
  }

  async exists(path: string): Promise<boolean> {
    return this.#isHidden(path) || this.fs.exists(path);
  }

  async stat(path: string): Promise<ContainerFsStat> {
    return toFsStat(this.#isHidden(path) ? hiddenInfo(this.#clock.nowUs()) : this.fs.stat(path));
  }

  async lstat(path: string): Promise<ContainerFsStat> {
    return toFsStat(this.#isHidden(path) ? hiddenInfo(this.#clock.nowUs()) : this.fs.lstat(path));
  }

  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    const create = { ...this.#create(0o777) };
    if (options?.recursive === true) this.fs.mkdirp(path, create);
    else this.fs.mkdir(path, create);
  }

  async readdir(path: string): Promise<string[]> {
    return this.fs.readdir(path);
  }

  async readdirWithFileTypes(path: string): Promise<DirentEntry[]> {
    const dir = path.endsWith("/") ? path : `${path}/`;
    return this.fs.readdir(path).map((name) => {
      const info = this.fs.lstat(`${dir}${name}`);
      return {
        name,
        isFile: info.type === "file",
        isDirectory: info.type === "directory",
        isSymbolicLink: info.type === "symlink",
      };
    });
  }

  async rm(path: string, options?: RmOptions): Promise<void> {
    this.fs.rm(path, { ...options, nowUs: this.#clock.nowUs() });
  }

  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    const info = this.fs.lstat(src);
    if (info.type === "directory" && options?.recursive !== true)
      throw new FsError("EISDIR", "cp", src);
    this.#copy(src, dest, false);
  }

  async mv(src: string, dest: string): Promise<void> {
    const nowUs = this.#clock.nowUs();
    try {
      this.fs.rename(src, dest, { nowUs });
    } catch (error) {
      if (!isFsError(error, "EXDEV")) throw error;
      // Across filesystems (or a lower directory of an overlay), mv copies then deletes.
      this.#copy(src, dest, true);
      this.fs.rm(src, { recursive: true, nowUs });
    }
  }

  resolvePath(base: string, path: string): string {
    return normalizePath(path.startsWith("/") ? path : `${base}/${path}`);
  }

  getAllPaths(): string[] {
    return [];
  }

  async chmod(path: string, mode: number): Promise<void> {
    this.fs.chmod(path, mode & 0o7777, { nowUs: this.#clock.nowUs() });
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    this.fs.symlink(target, linkPath, { ...this.#create(0o777), mode: 0o777 });
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    this.fs.link(existingPath, newPath, { nowUs: this.#clock.nowUs() });
  }

  async readlink(path: string): Promise<string> {
    return this.fs.readlink(path);
  }

  async realpath(path: string): Promise<string> {
    return this.fs.realpath(path);
  }

  async utimes(path: string, _atime: Date, mtime: Date): Promise<void> {
    const mtimeUs = Math.round(mtime.getTime()) * 1000;
    this.fs.utimes(path, { mtimeUs, nowUs: this.#clock.nowUs() });
  }

  #read(path: string): Uint8Array {
    const info = this.fs.stat(path);
    if (info.type === "char") return this.#devices.read(info.devMajor, info.devMinor, path);
    return this.fs.readFile(path);
  }

  #write(path: string, bytes: Uint8Array, append: boolean): void {
    let info: FileInfo | undefined;
    try {
      info = this.fs.stat(path);
    } catch (error) {
      if (!isFsError(error, "ENOENT")) throw error;
    }
    if (info?.type === "char") {
      this.#devices.write(info.devMajor, info.devMinor, path);
      return;
    }
    this.fs.writeFile(path, bytes, { ...this.#create(0o666), append });
  }

  #create(mode: number): { nowUs: number; mode: number; uid: number; gid: number } {
    return {
      nowUs: this.#clock.nowUs(),
      mode: mode & ~this.#umask,
      uid: this.#owner.uid,
      gid: this.#owner.gid,
    };
  }

  /** Copies a file, symlink or tree; `preserve` keeps modes, owners and times (mv's fallback). */
  #copy(src: string, dest: string, preserve: boolean): void {
    const info = this.fs.lstat(src);
    const create = preserve
      ? { nowUs: this.#clock.nowUs(), mode: info.perm, uid: info.uid, gid: info.gid }
      : this.#create(info.perm);
    if (info.type === "symlink") {
      this.fs.symlink(info.linkTarget, dest, { ...create, mode: 0o777 });
    } else if (info.type === "directory") {
      if (!this.fs.exists(dest)) this.fs.mkdir(dest, create);
      for (const name of this.fs.readdir(src))
        this.#copy(`${src}/${name}`, `${dest}/${name}`, preserve);
    } else if (info.type === "file") {
      this.fs.writeFile(dest, this.fs.readFile(src), create);
    } else {
      this.fs.mknod(dest, {
        ...create,
        type: info.type === "whiteout" ? "char" : info.type,
        devMajor: info.devMajor,
        devMinor: info.devMinor,
      });
    }
    if (preserve)
      this.fs.utimes(dest, {
        mtimeUs: info.mtimeUs,
        nowUs: this.#clock.nowUs(),
        followSymlinks: false,
      });
  }

  #isHidden(path: string): boolean {
    if (!path.startsWith("/usr/bin/__drydock_")) return false;
    return this.#hidden.has(path.slice("/usr/bin/".length));
  }
}

function hiddenInfo(nowUs: number): FileInfo {
  return {
    type: "file",
    mode: 0o100755,
    perm: 0o755,
    uid: 0,
    gid: 0,
    sizeBytes: 0,
    mtimeUs: nowUs,
    nlink: 1,
    ino: 1,
    linkTarget: "",
    devMajor: 0,
    devMinor: 0,
    opaque: false,
  };
}

function toFsStat(info: FileInfo): ContainerFsStat {
  return {
    isFile: info.type === "file",
    isDirectory: info.type === "directory",
    isSymbolicLink: info.type === "symlink",
    mode: info.perm,
    size: info.sizeBytes,
    mtime: new Date(Math.floor(info.mtimeUs / 1000)),
    ino: info.ino,
    info,
  };
}

function encodingOf(
  options: { encoding?: BufferEncoding | null } | BufferEncoding | undefined,
): BufferEncoding | undefined {
  if (options === undefined) return undefined;
  if (typeof options === "string") return options;
  return options.encoding ?? undefined;
}

function decode(bytes: Uint8Array, encoding: BufferEncoding): string {
  switch (encoding) {
    case "binary":
    case "latin1":
      return bytesToLatin1(bytes);
    case "ascii":
      return bytesToLatin1(bytes.map((byte) => byte & 0x7f));
    case "base64":
      return btoa(bytesToLatin1(bytes));
    case "hex":
      return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    default:
      return utf8.decode(bytes);
  }
}

function encode(content: FileContent, encoding: BufferEncoding | undefined): Uint8Array {
  if (typeof content !== "string") return content;
  switch (encoding) {
    case "binary":
    case "latin1":
    case "ascii": {
      const out = new Uint8Array(content.length);
      for (let i = 0; i < content.length; i++) out[i] = content.charCodeAt(i) & 0xff;
      return out;
    }
    case "base64":
      return encode(atob(content), "binary");
    case "hex": {
      const out = new Uint8Array(content.length >> 1);
      for (let i = 0; i < out.length; i++)
        out[i] = Number.parseInt(content.slice(2 * i, 2 * i + 2), 16);
      return out;
    }
    default:
      return encoder.encode(content);
  }
}
