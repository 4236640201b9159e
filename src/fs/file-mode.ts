import { unreachable } from "../errors/assert.ts";
import type { FileType } from "./file-info.ts";

/** POSIX file type bits of `st_mode` (Linux values, as in the tar header's mode field). */
export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;

/** Permission bits with setuid, setgid and sticky. */
export const PERM_MASK = 0o7777;

/** The type bits for a file type; a whiteout is stored as overlay2 does, as a character device. */
export function typeBits(type: FileType): number {
  switch (type) {
    case "file":
      return S_IFREG;
    case "directory":
      return S_IFDIR;
    case "symlink":
      return S_IFLNK;
    case "char":
    case "whiteout":
      return S_IFCHR;
    case "block":
      return S_IFBLK;
    case "fifo":
      return S_IFIFO;
    default:
      return unreachable(type, "file type");
  }
}
