import type { FileInfo } from "../../fs/file-info.ts";
import type { FsReader } from "../../fs/virtual-fs.ts";

/**
 * Where COPY/ADD read from: the build context, or an image's root filesystem (`COPY --from`).
 * Paths are relative to the source's root, slash-separated, without a leading `/`.
 */
export interface CopySource {
  /** `context` or `image`: decides dockerd's wording when a path is missing. */
  readonly kind: "context" | "image";
  /** The tree to read, rooted at `/`. */
  readonly fs: FsReader;
  /**
   * The classic builder's hash of one path (64 hex digits): the tarsum of the entry the path
   * resolves to (symlinks followed inside the source). A path with no entry hashes to itself, as
   * in dockerd.
   */
  hash(path: string): string;
}

/** File-type bits of `st_mode`, which Go's `FileInfoHeader` puts back into the mode field. */
export function modeTypeBits(info: FileInfo): number {
  switch (info.type) {
    case "file":
      return 0o100000;
    case "directory":
      return 0o040000;
    case "symlink":
      return 0o120000;
    case "char":
      return 0o020000;
    case "block":
      return 0o060000;
    case "fifo":
      return 0o010000;
    case "whiteout":
      return 0o020000;
  }
}

/** The tar type flag Go's `FileInfoHeader` gives a file of this type. */
export function typeflagOfInfo(info: FileInfo): string {
  switch (info.type) {
    case "file":
      return "0";
    case "directory":
      return "5";
    case "symlink":
      return "2";
    case "char":
    case "whiteout":
      return "3";
    case "block":
      return "4";
    case "fifo":
      return "6";
  }
}
