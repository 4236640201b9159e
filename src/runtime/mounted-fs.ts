import { assert } from "../errors/assert.ts";
import { type Errno, FsError } from "../errors/fs-error.ts";
import { sortNames } from "../fs/compare-names.ts";
import type { FileInfo } from "../fs/file-info.ts";
import { mkdirp } from "../fs/mkdirp.ts";
import { type PathWalker, type Resolution, resolvePath } from "../fs/path-resolver.ts";
import type {
  ChownOptions,
  CreateOptions,
  MknodOptions,
  RmOptions,
  TimeOptions,
  UtimesOptions,
  VirtualFs,
  WriteFileOptions,
} from "../fs/virtual-fs.ts";

/** One entry of a container's mount table: a filesystem (or part of one) shown at a path. */
export interface Mount {
  /** Absolute path in the container: `/data`, `/etc/hosts`. */
  readonly target: string;
  readonly fs: VirtualFs;
  /** What of `fs` appears at `target`: a directory or a single file (default `/`, its root). */
  readonly source?: string;
  readonly readOnly?: boolean;
  /** For `/proc/mounts`: the filesystem type, `tmpfs`, `proc`, `ext4` … (default `ext4`). */
  readonly fsType?: string;
  /** For `/proc/mounts`: the source column (default `/dev/vda`, the host disk of a bind). */
  readonly device?: string;
  /** For `/proc/mounts`: extra options after `rw`/`ro` (default `relatime`). */
  readonly options?: string;
}

/** The root filesystem and the mount table of a `MountedFs`. */
export interface MountedFsOptions {
  readonly root: VirtualFs;
  readonly mounts?: readonly Mount[];
  /** A read-only root filesystem (`docker run --read-only`). */
  readonly rootReadOnly?: boolean;
}

/**
 * A filesystem with "magic links", like procfs's `/proc/<pid>/fd/<n>`: they read as symlinks,
 * but opening one opens the file itself, so resolution stops at them.
 */
export interface MagicLinkFs {
  isMagicLink(path: string): boolean;
}

function isMagicLinkFs(fs: VirtualFs): fs is VirtualFs & MagicLinkFs {
  return typeof (fs as Partial<MagicLinkFs>).isMagicLink === "function";
}

/**
 * `fs` with `extra` mounted on top: one flat mount table when `fs` is itself a `MountedFs`
 * (resolving through two tables would walk every path twice).
 */
export function withMounts(fs: VirtualFs, extra: readonly Mount[]): MountedFs {
  if (fs instanceof MountedFs) {
    return new MountedFs({
      root: fs.root,
      mounts: [...fs.mounts, ...extra],
      rootReadOnly: fs.rootReadOnly,
    });
  }
  return new MountedFs({ root: fs, mounts: extra });
}

/** A container can mount at most this many filesystems (volumes, binds, /dev …). */
export const MOUNT_COUNT_MAX = 256;

interface Place {
  readonly path: string;
}

interface Owner {
  readonly fs: VirtualFs;
  readonly inner: string;
  readonly readOnly: boolean;
  /** The mount's index, or -1 for the root filesystem. */
  readonly index: number;
  /** True when the path is the mount point itself. */
  readonly isMountPoint: boolean;
}

/**
 * A container's view of its filesystems: the root (an `OverlayFs`) with volumes, bind mounts,
 * tmpfs and pseudo filesystems mounted on paths, as the kernel's mount table gives them.
 *
 * Paths are resolved here, component by component, so a symlink in one filesystem can lead
 * into another (`/etc/mtab -> /proc/mounts`) and absolute targets restart at the container's
 * root; each filesystem then sees only canonical paths of its own. The longest mount prefix
 * owns a path. A write into a read-only mount is EROFS; rename and link across mounts are EXDEV;
 * removing or renaming a mount point is EBUSY.
 */
export class MountedFs implements VirtualFs {
  readonly root: VirtualFs;
  readonly mounts: readonly Mount[];
  readonly rootReadOnly: boolean;
  readonly #walker: PathWalker<Place>;

  constructor(options: MountedFsOptions) {
    const mounts = options.mounts ?? [];
    assert(mounts.length <= MOUNT_COUNT_MAX, `at most ${MOUNT_COUNT_MAX} mounts`);
    for (const mount of mounts) {
      assert(mount.target.startsWith("/"), `mount target must be absolute: ${mount.target}`);
    }
    this.root = options.root;
    this.mounts = mounts.map((mount) => ({
      ...mount,
      target: cleanAbsolute(mount.target),
      source: cleanAbsolute(mount.source ?? "/"),
    }));
    this.rootReadOnly = options.rootReadOnly ?? false;
    this.#walker = {
      root: { path: "/" },
      child: (dir, name) => {
        const path = dir.path === "/" ? `/${name}` : `${dir.path}/${name}`;
        return this.#lstatOrUndefined(path) === undefined ? undefined : { path };
      },
      isDirectory: (entry) => this.#lstatOrUndefined(entry.path)?.type === "directory",
      symlinkTarget: (entry) => {
        const owner = this.#owner(entry.path);
        const info = owner.fs.lstat(owner.inner);
        if (info.type !== "symlink") return undefined;
        if (isMagicLinkFs(owner.fs) && owner.fs.isMagicLink(owner.inner)) return undefined;
        return owner.fs.readlink(owner.inner);
      },
    };
  }

  lstat(path: string): FileInfo {
    const owner = this.#existing(path, "lstat", false);
    return this.#call(path, "lstat", () => owner.fs.lstat(owner.inner));
  }

  stat(path: string): FileInfo {
    const owner = this.#existing(path, "stat", true);
    return this.#call(path, "stat", () => owner.fs.lstat(owner.inner));
  }

  exists(path: string): boolean {
    try {
      return this.#resolve(path, "stat", true).entry !== undefined;
    } catch (error) {
      if (error instanceof FsError) return false;
      throw error;
    }
  }

  readdir(path: string): string[] {
    const resolution = this.#resolve(path, "scandir", true);
    if (resolution.entry === undefined) throw new FsError("ENOENT", "scandir", path);
    const dir = resolution.entry.path;
    const owner = this.#owner(dir);
    const names = new Set(this.#call(path, "scandir", () => owner.fs.readdir(owner.inner)));
    // A mount point the underlying directory lacks still shows, as the kernel shows it.
    for (const mount of this.mounts) {
      const parent = mount.target.slice(0, mount.target.lastIndexOf("/")) || "/";
      if (parent === dir && mount.target !== "/")
        names.add(mount.target.slice(parent.length + (parent === "/" ? 0 : 1)));
    }
    return sortNames([...names]);
  }

  readFile(path: string): Uint8Array {
    const owner = this.#existing(path, "open", true);
    return this.#call(path, "open", () => owner.fs.readFile(owner.inner));
  }

  readlink(path: string): string {
    const owner = this.#existing(path, "readlink", false);
    return this.#call(path, "readlink", () => owner.fs.readlink(owner.inner));
  }

  realpath(path: string): string {
    const resolution = this.#resolve(path, "realpath", true);
    if (resolution.entry === undefined) throw new FsError("ENOENT", "realpath", path);
    return resolution.entry.path;
  }

  xattrs(path: string): Readonly<Record<string, string>> {
    const owner = this.#existing(path, "lgetxattr", false);
    return this.#call(path, "lgetxattr", () => owner.fs.xattrs(owner.inner));
  }

  mkdir(path: string, options: CreateOptions): void {
    const owner = this.#writable(path, "mkdir", false);
    this.#call(path, "mkdir", () => owner.fs.mkdir(owner.inner, options));
  }

  mkdirp(path: string, options: CreateOptions): void {
    mkdirp(this, path, options);
  }

  writeFile(path: string, data: Uint8Array, options: WriteFileOptions): void {
    const owner = this.#writable(path, "open", true);
    this.#call(path, "open", () => owner.fs.writeFile(owner.inner, data, options));
  }

  symlink(target: string, path: string, options: CreateOptions): void {
    const owner = this.#writable(path, "symlink", false);
    this.#call(path, "symlink", () => owner.fs.symlink(target, owner.inner, options));
  }

  link(existingPath: string, newPath: string, options: TimeOptions): void {
    const from = this.#place(existingPath, "link", false);
    const to = this.#writable(newPath, "link", false);
    if (from.index !== to.index) throw new FsError("EXDEV", "link", newPath);
    this.#call(newPath, "link", () => to.fs.link(from.inner, to.inner, options));
  }

  mknod(path: string, options: MknodOptions): void {
    const owner = this.#writable(path, "mknod", false);
    this.#call(path, "mknod", () => owner.fs.mknod(owner.inner, options));
  }

  chmod(path: string, mode: number, options: TimeOptions): void {
    const owner = this.#writable(path, "chmod", true);
    this.#call(path, "chmod", () => owner.fs.chmod(owner.inner, mode, options));
  }

  chown(path: string, options: ChownOptions): void {
    const owner = this.#writable(path, "chown", options.followSymlinks ?? true);
    this.#call(path, "chown", () =>
      owner.fs.chown(owner.inner, { ...options, followSymlinks: false }),
    );
  }

  utimes(path: string, options: UtimesOptions): void {
    const owner = this.#writable(path, "utimes", options.followSymlinks ?? true);
    this.#call(path, "utimes", () =>
      owner.fs.utimes(owner.inner, { ...options, followSymlinks: false }),
    );
  }

  rename(oldPath: string, newPath: string, options: TimeOptions): void {
    const from = this.#writable(oldPath, "rename", false);
    const to = this.#writable(newPath, "rename", false);
    if (from.isMountPoint || to.isMountPoint) throw new FsError("EBUSY", "rename", oldPath);
    if (from.index !== to.index) throw new FsError("EXDEV", "rename", oldPath);
    this.#call(oldPath, "rename", () => to.fs.rename(from.inner, to.inner, options));
  }

  unlink(path: string, options: TimeOptions): void {
    const owner = this.#writable(path, "unlink", false);
    if (owner.isMountPoint) throw new FsError("EBUSY", "unlink", path);
    this.#call(path, "unlink", () => owner.fs.unlink(owner.inner, options));
  }

  rmdir(path: string, options: TimeOptions): void {
    const owner = this.#writable(path, "rmdir", false);
    if (owner.isMountPoint) throw new FsError("EBUSY", "rmdir", path);
    this.#call(path, "rmdir", () => owner.fs.rmdir(owner.inner, options));
  }

  rm(path: string, options: RmOptions): void {
    let resolution: Resolution<Place>;
    try {
      resolution = this.#resolve(path, "unlink", false);
    } catch (error) {
      if (options.force === true && error instanceof FsError && error.errno === "ENOENT") return;
      throw error;
    }
    if (resolution.entry === undefined) {
      if (options.force === true) return;
      throw new FsError("ENOENT", "unlink", path);
    }
    const canonical = resolution.entry.path;
    const below = this.mounts.some(
      (mount) => mount.target === canonical || isUnder(mount.target, canonical),
    );
    if (!below) {
      const owner = this.#writable(path, "unlink", false);
      if (owner.isMountPoint) throw new FsError("EBUSY", "unlink", path);
      this.#call(path, "unlink", () => owner.fs.rm(owner.inner, options));
      return;
    }
    // Mounts at or below: remove entry by entry as `rm -r` does, going on past a failure (a
    // mount point is EBUSY) and reporting the first one at the end.
    const info = this.lstat(canonical);
    if (info.type !== "directory") {
      this.unlink(canonical, options);
      return;
    }
    if (options.recursive !== true) throw new FsError("EISDIR", "unlink", path);
    let failure: unknown;
    const attempt = (operation: () => void) => {
      try {
        operation();
      } catch (error) {
        failure ??= error;
      }
    };
    for (const name of this.readdir(canonical))
      attempt(() => this.rm(`${canonical}/${name}`, options));
    attempt(() => this.rmdir(canonical, options));
    if (failure !== undefined) throw failure;
  }

  /** The filesystem, path inside it and flags of a canonical container path. */
  #owner(canonical: string): Owner {
    let best = -1;
    for (let i = 0; i < this.mounts.length; i++) {
      const target = this.mounts[i]!.target;
      if (canonical !== target && !isUnder(canonical, target)) continue;
      if (best < 0 || target.length >= this.mounts[best]!.target.length) best = i;
    }
    if (best < 0)
      return {
        fs: this.root,
        inner: canonical,
        readOnly: this.rootReadOnly,
        index: -1,
        isMountPoint: false,
      };
    const mount = this.mounts[best]!;
    const rest = canonical.slice(mount.target === "/" ? 0 : mount.target.length);
    const source = mount.source!;
    const inner = rest === "" ? source : source === "/" ? rest : `${source}${rest}`;
    return {
      fs: mount.fs,
      inner,
      readOnly: mount.readOnly ?? false,
      index: best,
      isMountPoint: rest === "",
    };
  }

  #lstatOrUndefined(canonical: string): FileInfo | undefined {
    const owner = this.#owner(canonical);
    try {
      return owner.fs.lstat(owner.inner);
    } catch (error) {
      if (error instanceof FsError && error.errno === "ENOENT") return undefined;
      throw error;
    }
  }

  #resolve(path: string, syscall: string, followFinal: boolean): Resolution<Place> {
    return this.#call(path, syscall, () =>
      resolvePath(this.#walker, path.startsWith("/") ? path : `/${path}`, { syscall, followFinal }),
    );
  }

  /** Where a path's last component is (or would be), whether or not it exists. */
  #place(path: string, syscall: string, followFinal: boolean): Owner {
    const resolution = this.#resolve(path, syscall, followFinal);
    if (resolution.entry !== undefined) return this.#owner(resolution.entry.path);
    const parent = resolution.parents[resolution.parents.length - 1]!.entry.path;
    return this.#owner(parent === "/" ? `/${resolution.name}` : `${parent}/${resolution.name}`);
  }

  #existing(path: string, syscall: string, followFinal: boolean): Owner {
    const resolution = this.#resolve(path, syscall, followFinal);
    if (resolution.entry === undefined) throw new FsError("ENOENT", syscall, path);
    return this.#owner(resolution.entry.path);
  }

  #writable(path: string, syscall: string, followFinal: boolean): Owner {
    const owner = this.#place(path, syscall, followFinal);
    if (owner.readOnly) throw new FsError("EROFS", syscall, path);
    return owner;
  }

  /** Runs an operation on the owning filesystem, reporting errors with the container's path. */
  #call<T>(path: string, syscall: string, operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      if (error instanceof FsError && error.path !== path) {
        throw new FsError(error.errno as Errno, syscall, path);
      }
      throw error;
    }
  }
}

function isUnder(path: string, dir: string): boolean {
  return dir === "/" ? path !== "/" : path.startsWith(`${dir}/`);
}

/** `/a//b/./c/` → `/a/b/c` (no `..` handling: mount targets are written clean). */
function cleanAbsolute(path: string): string {
  const parts = path.split("/").filter((part) => part !== "" && part !== ".");
  return `/${parts.join("/")}`;
}
