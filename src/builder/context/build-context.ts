import type { TarEntry } from "../../archive/tar-entry.ts";
import { isFsError } from "../../errors/fs-error.ts";
import { applyEntries } from "../../fs/apply-entries.ts";
import type { FileInfo } from "../../fs/file-info.ts";
import { LayerTree } from "../../fs/layer-tree.ts";
import type { FsReader } from "../../fs/virtual-fs.ts";
import type { BuildLimits } from "../build-limits.ts";
import type { CopySource } from "../copy/copy-source.ts";
import { goCleanPath } from "../go-path.ts";
import type { RawTarHeader } from "./raw-tar-headers.ts";
import { resolveInScope } from "./scoped-path.ts";
import { tarsumEntryHash } from "./tarsum.ts";

/** How the context arrived, for traces: a tar (maybe compressed) or a git repository. */
export type ContextOrigin = "tar" | "tar+gzip" | "tar+bzip2" | "tar+xz" | "git";

/**
 * A build context as dockerd's classic builder holds it (`remotecontext.FromArchive`): the
 * archive extracted into a tree, and a tarsum of every entry computed from the headers as the
 * client wrote them. The sums are the source of truth for COPY/ADD cache keys; removing a file
 * (an ignored Dockerfile) takes it out of the tree, not out of the sums, as in dockerd.
 */
export class BuildContext implements CopySource {
  readonly kind = "context" as const;
  readonly origin: ContextOrigin;
  /** Entries in the archive. */
  readonly entryCount: number;
  /** Sum of the file sizes in the archive. */
  readonly sizeBytes: number;
  readonly #tree: LayerTree;
  /** Clean relative path → tarsum hex; the first entry of a path wins (Go's `GetFile`). */
  readonly #sums: ReadonlyMap<string, string>;

  private constructor(options: {
    origin: ContextOrigin;
    tree: LayerTree;
    sums: ReadonlyMap<string, string>;
    entryCount: number;
    sizeBytes: number;
  }) {
    this.origin = options.origin;
    this.#tree = options.tree;
    this.#sums = options.sums;
    this.entryCount = options.entryCount;
    this.sizeBytes = options.sizeBytes;
  }

  /**
   * Extracts a context's entries (as `readTar` returned them, with `headers` from
   * `rawTarHeaders` lined up one to one) and hashes each entry.
   */
  static fromEntries(options: {
    entries: readonly TarEntry[];
    headers: readonly RawTarHeader[];
    origin: ContextOrigin;
    nowUs: number;
    limits: Pick<BuildLimits, "contextEntryCountMax" | "contextSizeBytesMax">;
  }): BuildContext {
    const { entries, headers } = options;
    const tree = new LayerTree({
      nowUs: options.nowUs,
      limits: {
        entryCountMax: options.limits.contextEntryCountMax,
        totalBytesMax: options.limits.contextSizeBytesMax,
      },
    });
    applyEntries(tree, entries, {
      nowUs: options.nowUs,
      limits: {
        entryCountMax: options.limits.contextEntryCountMax,
        totalBytesMax: options.limits.contextSizeBytesMax,
      },
    });
    const sums = new Map<string, string>();
    let sizeBytes = 0;
    entries.forEach((entry, index) => {
      sizeBytes += entry.data.length;
      const raw = headers[index];
      const name = raw?.name ?? (entry.type === "directory" ? `${entry.path}/` : entry.path);
      const key = goCleanPath(`/${name}`).slice(1);
      if (sums.has(key)) return;
      const sum = tarsumEntryHash(
        {
          name,
          mode: raw?.mode ?? entry.mode,
          uid: entry.uid,
          gid: entry.gid,
          sizeBytes: entry.data.length,
          typeflag: raw?.typeflag ?? typeflagOfEntry(entry),
          linkname: entry.linkTarget,
          // dockerd's context tarsum blanks user and group names (pre-Go 1.10 compatibility).
          uname: "",
          gname: "",
          devMajor: entry.devMajor,
          devMinor: entry.devMinor,
          xattrs: entry.xattrs,
        },
        entry.data,
      );
      sums.set(key, sum);
    });
    return new BuildContext({
      origin: options.origin,
      tree,
      sums,
      entryCount: entries.length,
      sizeBytes,
    });
  }

  get fs(): FsReader {
    return this.#tree;
  }

  hash(path: string): string {
    const resolved = resolveInScope(this.#tree, path);
    return this.#sums.get(resolved.slice(1)) ?? path;
  }

  /** `stat` inside the context (symlinks followed in scope); undefined when nothing is there. */
  stat(path: string): FileInfo | undefined {
    try {
      return this.#tree.stat(resolveInScope(this.#tree, path));
    } catch (error) {
      if (isFsError(error)) return undefined;
      throw error;
    }
  }

  /** A regular file's content, symlinks followed in scope; undefined when it is not a file. */
  readFile(path: string): Uint8Array | undefined {
    const info = this.stat(path);
    if (info?.type !== "file") return undefined;
    return this.#tree.readFile(resolveInScope(this.#tree, path));
  }

  /** Deletes a path and what is under it (the daemon drops an ignored Dockerfile). */
  remove(path: string, nowUs: number): void {
    const resolved = resolveInScope(this.#tree, path, { followFinal: false });
    this.#tree.rm(resolved, { nowUs, recursive: true, force: true });
  }
}

function typeflagOfEntry(entry: TarEntry): string {
  switch (entry.type) {
    case "file":
      return "0";
    case "hardlink":
      return "1";
    case "symlink":
      return "2";
    case "char":
      return "3";
    case "block":
      return "4";
    case "directory":
      return "5";
    case "fifo":
      return "6";
  }
}
