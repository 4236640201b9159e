/**
 * What a filesystem entry is. `whiteout` only appears when a raw layer tree is read directly: it
 * is the marker a layer uses to delete a lower entry (overlay2 keeps it as a 0/0 character
 * device); merged views never show one.
 */
export type FileType = "file" | "directory" | "symlink" | "char" | "block" | "fifo" | "whiteout";

/** The result of `stat`/`lstat`: the inode's metadata, with times in integer microseconds. */
export interface FileInfo {
  readonly type: FileType;
  /** `st_mode`: the type bits (`S_IFREG`, …) and the permission bits (mask 0o7777). */
  readonly mode: number;
  /** The permission bits alone, setuid/setgid/sticky included (mask 0o7777). */
  readonly perm: number;
  readonly uid: number;
  readonly gid: number;
  /** File content length; symlink target length in UTF-8 bytes; 4096 for a directory (ext4). */
  readonly sizeBytes: number;
  /**
   * Modification time. Stored with millisecond resolution (memfs keeps a `Date`), so a time
   * given in microseconds reads back rounded down to the millisecond.
   */
  readonly mtimeUs: number;
  readonly nlink: number;
  /** Inode number, unique within one tree or one overlay. */
  readonly ino: number;
  /** A symlink's target as stored; "" otherwise. */
  readonly linkTarget: string;
  readonly devMajor: number;
  readonly devMinor: number;
  /** True for a directory of a raw layer tree marked opaque (`.wh..wh..opq`). */
  readonly opaque: boolean;
}
