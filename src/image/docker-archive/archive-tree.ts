import type { TarEntry } from "../../archive/tar-entry.ts";
import type { LayoutFile } from "../layout-file.ts";
import { DockerArchiveError, missingFile } from "./docker-archive-error.ts";

type TreeNode =
  | { readonly type: "file"; readonly data: Uint8Array }
  | { readonly type: "directory" }
  | { readonly type: "symlink"; readonly target: string }
  | { readonly type: "hardlink"; readonly target: string };

/**
 * The files of an archive, held in memory the way dockerd unpacks a `docker load` tar into a
 * temporary directory, without the directory: paths are looked up with symlinks followed inside
 * the archive (moby's `FollowSymlinkInScope`: an absolute target starts at the archive root),
 * and nothing can point outside it. Built only from archives that are safe to unpack: every
 * entry a file, directory, symlink or hard link to an earlier file; no path with `..`; no path
 * twice.
 */
export class ArchiveTree {
  readonly #nodes = new Map<string, TreeNode>();
  readonly #symlinkFollowMax: number;

  private constructor(symlinkFollowMax: number) {
    this.#symlinkFollowMax = symlinkFollowMax;
  }

  /** The tree of a tar archive's entries. */
  static fromEntries(
    entries: readonly TarEntry[],
    options: { symlinkFollowMax: number },
  ): ArchiveTree {
    const tree = new ArchiveTree(options.symlinkFollowMax);
    for (const entry of entries) tree.#addEntry(entry);
    return tree;
  }

  /** The tree of a list of regular files (an OCI layout read from a directory). */
  static fromFiles(
    files: readonly LayoutFile[],
    options: { symlinkFollowMax: number },
  ): ArchiveTree {
    const tree = new ArchiveTree(options.symlinkFollowMax);
    for (const file of files) tree.#add(file.path, { type: "file", data: file.data });
    return tree;
  }

  #addEntry(entry: TarEntry): void {
    if (entry.type === "directory" && entry.path === "") return;
    this.#add(entry.path, nodeOf(entry, this.#nodes));
  }

  #add(path: string, node: TreeNode): void {
    assertArchivePath(path, "archive entry");
    if (this.#nodes.has(path)) throw unsafe(path, "a second entry with the same path");
    this.#nodes.set(path, node);
  }

  /** True if `path` names a regular file (after links). */
  hasFile(path: string): boolean {
    const node = this.#nodes.get(this.resolve(path));
    return node?.type === "file" || node?.type === "hardlink";
  }

  /** The top-level names, sorted. */
  topLevelNames(): readonly string[] {
    const names = new Set<string>();
    for (const path of this.#nodes.keys()) names.add(path.split("/")[0]!);
    return [...names].sort();
  }

  /** True if `path` is a directory, stated or implied by an entry under it. */
  isDirectory(path: string): boolean {
    const resolved = this.resolve(path);
    if (this.#nodes.get(resolved)?.type === "directory") return true;
    for (const key of this.#nodes.keys()) if (key.startsWith(`${resolved}/`)) return true;
    return false;
  }

  /**
   * The bytes of the file at `path`, following symlinks and hard links. A missing file is
   * dockerd's `open <path>: no such file or directory`.
   */
  read(path: string): Uint8Array {
    let resolved = this.resolve(path);
    for (let hops = 0; hops <= this.#symlinkFollowMax; hops++) {
      const node = this.#nodes.get(resolved);
      if (node === undefined) throw missingFile(path);
      if (node.type === "file") return node.data;
      if (node.type === "directory") {
        throw new DockerArchiveError({
          reason: "format",
          path,
          message: `read ${path}: is a directory`,
        });
      }
      resolved = this.resolve(node.type === "hardlink" ? node.target : resolved);
    }
    throw tooManyLinks(path);
  }

  /**
   * `path` with every symlink along it replaced by its target, inside the archive. A link that
   * climbs above the root is refused (dockerd would clamp it at the root; an archive Docker
   * wrote never has one).
   */
  resolve(path: string): string {
    const resolved: string[] = [];
    const pending = path.split("/").reverse();
    let followed = 0;
    while (pending.length > 0) {
      const part = pending.pop()!;
      if (part === "" || part === ".") continue;
      if (part === "..") {
        if (resolved.length === 0)
          throw unsafe(path, "a symbolic link that leads outside the archive");
        resolved.pop();
        continue;
      }
      const node = this.#nodes.get([...resolved, part].join("/"));
      if (node?.type !== "symlink") {
        resolved.push(part);
        continue;
      }
      if (++followed > this.#symlinkFollowMax) throw tooManyLinks(path);
      if (node.target.startsWith("/")) resolved.length = 0;
      pending.push(...node.target.split("/").reverse());
    }
    return resolved.join("/");
  }
}

/** The tree node for a tar entry; only files, directories and links belong in an archive. */
function nodeOf(entry: TarEntry, earlier: ReadonlyMap<string, TreeNode>): TreeNode {
  switch (entry.type) {
    case "file":
      return { type: "file", data: entry.data };
    case "directory":
      return { type: "directory" };
    case "symlink":
      if (entry.linkTarget === "") throw unsafe(entry.path, "a symbolic link with no target");
      return { type: "symlink", target: entry.linkTarget };
    case "hardlink": {
      const target = earlier.get(entry.linkTarget)?.type;
      if (target !== "file" && target !== "hardlink") {
        throw unsafe(
          entry.path,
          `a hard link to ${JSON.stringify(entry.linkTarget)}, which is not an earlier file of the archive`,
        );
      }
      return { type: "hardlink", target: entry.linkTarget };
    }
    default:
      throw unsafe(entry.path, `an entry of type ${entry.type}`);
  }
}

/**
 * Refuses a path that is absolute or has a `..` segment: archive entries and the paths
 * manifest.json or index.json name must stay inside the archive.
 */
export function assertArchivePath(path: string, what: string): void {
  const bad = path.startsWith("/") || path.includes("\0") || path.split("/").includes("..");
  if (bad || path === "") {
    throw new DockerArchiveError({
      reason: "unsafe-entry",
      path,
      message: `${what} ${JSON.stringify(path)} points outside the archive`,
    });
  }
}

function unsafe(path: string, what: string): DockerArchiveError {
  return new DockerArchiveError({
    reason: "unsafe-entry",
    path,
    message: `refusing archive entry ${JSON.stringify(path)}: ${what}`,
  });
}

function tooManyLinks(path: string): DockerArchiveError {
  return new DockerArchiveError({
    reason: "unsafe-entry",
    path,
    message: `${path}: too many links`,
  });
}
