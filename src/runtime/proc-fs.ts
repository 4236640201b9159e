import { FsError } from "../errors/fs-error.ts";
import { sortNames } from "../fs/compare-names.ts";
import type { FileInfo, FileType } from "../fs/file-info.ts";
import { S_IFDIR, S_IFLNK, S_IFREG } from "../fs/file-mode.ts";
import type { VirtualFs } from "../fs/virtual-fs.ts";
import { meminfoText } from "./host-resources.ts";
import type { MagicLinkFs } from "./mounted-fs.ts";

/** What `/proc/<pid>` shows of one process. */
export interface ProcProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly uid: number;
  readonly gid: number;
  readonly groups: readonly number[];
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly cwd: string;
  /** The executable's path (`/proc/<pid>/exe`). */
  readonly exe: string;
  readonly startedUs: number;
  /** `R` running, `S` sleeping, `T` stopped (paused). */
  readonly state: "R" | "S" | "T";
}

/** The live facts `/proc` is generated from, as seen by one process. */
export interface ProcSource {
  readonly selfPid: number;
  /** The processes of the PID namespace. */
  processes(): readonly ProcProcess[];
  /** One process of the namespace, by PID. */
  process(pid: number): ProcProcess | undefined;
  /** `/proc/mounts` text. */
  mounts(): string;
  nowUs(): number;
  /** When the (simulated) host booted, for `/proc/uptime`. */
  readonly bootUs: number;
  readonly kernelRelease: string;
  readonly hostname: string;
  /** Writes to `/proc/self/fd/1` and `/2`: the process's stdout and stderr. */
  writeFd(fd: number, bytes: Uint8Array): void;
}

type ProcNode =
  | { readonly type: "directory"; readonly names: () => string[]; readonly uid?: number }
  | { readonly type: "file"; readonly content: () => string; readonly uid?: number }
  | { readonly type: "symlink"; readonly target: string; readonly uid?: number };

const encoder = new TextEncoder();

/**
 * A process's `/proc`: generated on every read from the runtime's state, never stored, so it
 * never reaches a container's diff. Paths arrive canonical from `MountedFs` (which follows
 * `self` and the other links itself). Only stdout and stderr are writable; anything else is
 * EACCES, like procfs.
 */
export class ProcFs implements VirtualFs, MagicLinkFs {
  readonly #source: ProcSource;

  constructor(source: ProcSource) {
    this.#source = source;
  }

  lstat(path: string): FileInfo {
    const node = this.#node(path, "lstat");
    const type: FileType = node.type;
    const perm = node.type === "directory" ? 0o555 : node.type === "symlink" ? 0o777 : 0o444;
    const bits = node.type === "directory" ? S_IFDIR : node.type === "symlink" ? S_IFLNK : S_IFREG;
    const uid = node.uid ?? 0;
    return {
      type,
      mode: bits | perm,
      perm,
      uid,
      gid: uid,
      sizeBytes: node.type === "symlink" ? node.target.length : 0,
      mtimeUs: this.#source.nowUs(),
      nlink: node.type === "directory" ? 2 : 1,
      ino: inodeOf(path),
      linkTarget: node.type === "symlink" ? node.target : "",
      devMajor: 0,
      devMinor: 0,
      opaque: false,
    };
  }

  stat(path: string): FileInfo {
    return this.lstat(path);
  }

  exists(path: string): boolean {
    return this.#lookup(path) !== undefined;
  }

  readdir(path: string): string[] {
    const node = this.#node(path, "scandir");
    if (node.type !== "directory") throw new FsError("ENOTDIR", "scandir", path);
    return sortNames(node.names());
  }

  readFile(path: string): Uint8Array {
    const node = this.#node(path, "open");
    if (node.type === "directory") throw new FsError("EISDIR", "read", path);
    if (node.type === "symlink") return new Uint8Array(0);
    return encoder.encode(node.content());
  }

  readlink(path: string): string {
    const node = this.#node(path, "readlink");
    if (node.type !== "symlink") throw new FsError("EINVAL", "readlink", path);
    return node.target;
  }

  realpath(path: string): string {
    this.#node(path, "realpath");
    return path;
  }

  /** `/proc/<pid>/fd/<n>` open the descriptor itself (see `MagicLinkFs`). */
  isMagicLink(path: string): boolean {
    return /^\/[0-9]+\/fd\/[0-9]+$/.test(path);
  }

  xattrs(): Readonly<Record<string, string>> {
    return {};
  }

  writeFile(path: string, data: Uint8Array): void {
    const fd = /^\/(?:self|[0-9]+)\/fd\/([12])$/.exec(path);
    const pid = /^\/([0-9]+)\//.exec(path)?.[1];
    if (fd !== null && (pid === undefined || Number(pid) === this.#source.selfPid)) {
      this.#source.writeFd(Number(fd[1]), data);
      return;
    }
    throw new FsError(this.#lookup(path) === undefined ? "ENOENT" : "EACCES", "open", path);
  }

  mkdir(path: string): void {
    throw new FsError("EACCES", "mkdir", path);
  }
  mkdirp(path: string): void {
    throw new FsError("EACCES", "mkdir", path);
  }
  symlink(_target: string, path: string): void {
    throw new FsError("EACCES", "symlink", path);
  }
  link(_existing: string, path: string): void {
    throw new FsError("EACCES", "link", path);
  }
  mknod(path: string): void {
    throw new FsError("EACCES", "mknod", path);
  }
  chmod(path: string): void {
    throw new FsError("EPERM", "chmod", path);
  }
  chown(path: string): void {
    throw new FsError("EPERM", "chown", path);
  }
  utimes(path: string): void {
    throw new FsError("EPERM", "utimes", path);
  }
  rename(path: string): void {
    throw new FsError("EPERM", "rename", path);
  }
  unlink(path: string): void {
    throw new FsError("EACCES", "unlink", path);
  }
  rmdir(path: string): void {
    throw new FsError("EACCES", "rmdir", path);
  }
  rm(path: string): void {
    throw new FsError("EACCES", "unlink", path);
  }

  #node(path: string, syscall: string): ProcNode {
    const node = this.#lookup(path);
    if (node === undefined) throw new FsError("ENOENT", syscall, path);
    return node;
  }

  #lookup(path: string): ProcNode | undefined {
    const parts = path.split("/").filter((part) => part !== "");
    const source = this.#source;
    if (parts.length === 0) return rootNode(source);
    const [first, ...rest] = parts;
    if (first === "self") {
      return rest.length === 0 ? { type: "symlink", target: String(source.selfPid) } : undefined;
    }
    if (/^[0-9]+$/.test(first!)) {
      const process = source.process(Number(first));
      return process === undefined ? undefined : processNode(source, process, rest);
    }
    if (rest.length > 0) return undefined;
    const text = GLOBAL_FILES[first!];
    return text === undefined ? undefined : { type: "file", content: () => text(source) };
  }
}

const GLOBAL_FILES: Readonly<Record<string, (source: ProcSource) => string>> = {
  mounts: (source) => source.mounts(),
  uptime: (source) => {
    const seconds = Math.max(0, source.nowUs() - source.bootUs) / 1e6;
    return `${seconds.toFixed(2)} ${(seconds * 1.9).toFixed(2)}\n`;
  },
  version: (source) =>
    `Linux version ${source.kernelRelease} (drydock@simulated) (gcc version 12.2.0) #1 SMP PREEMPT_DYNAMIC\n`,
  loadavg: (source) => `0.00 0.00 0.00 1/${source.processes().length} ${source.selfPid}\n`,
  meminfo: () => meminfoText(),
  cpuinfo: () =>
    "processor\t: 0\nvendor_id\t: drydock\nmodel name\t: Simulated CPU\ncpu cores\t: 1\n\n",
  filesystems: () => "nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\toverlay\n\text4\n",
};

function rootNode(source: ProcSource): ProcNode {
  return {
    type: "directory",
    names: () => [
      ...source.processes().map((process) => String(process.pid)),
      "self",
      ...Object.keys(GLOBAL_FILES),
    ],
  };
}

function processNode(
  source: ProcSource,
  process: ProcProcess,
  rest: readonly string[],
): ProcNode | undefined {
  const uid = process.uid;
  const self = process.pid === source.selfPid;
  if (rest.length === 0) {
    return {
      type: "directory",
      uid,
      names: () => ["cmdline", "comm", "cwd", "environ", "exe", "fd", "root", "status"],
    };
  }
  const [name, fd] = rest;
  if (name === "fd") {
    if (fd === undefined)
      return { type: "directory", uid, names: () => (self ? ["0", "1", "2"] : []) };
    if (!self || rest.length > 2 || !["0", "1", "2"].includes(fd)) return undefined;
    return { type: "symlink", uid, target: `pipe:[${4000 + process.pid * 3 + Number(fd)}]` };
  }
  if (rest.length > 1) return undefined;
  const comm = (process.argv[0] ?? "").split("/").pop() ?? "";
  switch (name) {
    case "cmdline":
      return { type: "file", uid, content: () => process.argv.map((arg) => `${arg}\0`).join("") };
    case "comm":
      return { type: "file", uid, content: () => `${comm.slice(0, 15)}\n` };
    case "environ":
      return {
        type: "file",
        uid,
        content: () => process.env.map((entry) => `${entry}\0`).join(""),
      };
    case "status":
      return { type: "file", uid, content: () => statusText(process, comm) };
    case "cwd":
      return { type: "symlink", uid, target: process.cwd };
    case "exe":
      return { type: "symlink", uid, target: process.exe };
    case "root":
      return { type: "symlink", uid, target: "/" };
    default:
      return undefined;
  }
}

function statusText(process: ProcProcess, comm: string): string {
  const state = { R: "R (running)", S: "S (sleeping)", T: "T (stopped)" }[process.state];
  const ids = (id: number) => `${id}\t${id}\t${id}\t${id}`;
  return (
    `Name:\t${comm.slice(0, 15)}\nUmask:\t0022\nState:\t${state}\nTgid:\t${process.pid}\n` +
    `Ngid:\t0\nPid:\t${process.pid}\nPPid:\t${process.ppid}\nTracerPid:\t0\n` +
    `Uid:\t${ids(process.uid)}\nGid:\t${ids(process.gid)}\nFDSize:\t64\n` +
    `Groups:\t${process.groups.join(" ")} \nThreads:\t1\n`
  );
}

/** Stable inode numbers for generated entries: a hash of the path. */
function inodeOf(path: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
  return (hash >>> 0) + 1;
}
