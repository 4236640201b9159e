import { isFsError } from "../../errors/fs-error.ts";
import { DeviceError } from "../devices.ts";

/** glibc's `strerror` text for the errnos drydock's files can fail with. */
const STRERROR: Readonly<Record<string, string>> = {
  ENOENT: "No such file or directory",
  EEXIST: "File exists",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  ENOTEMPTY: "Directory not empty",
  EINVAL: "Invalid argument",
  ELOOP: "Too many levels of symbolic links",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  EXDEV: "Invalid cross-device link",
  ENAMETOOLONG: "File name too long",
  EROFS: "Read-only file system",
  EBUSY: "Device or resource busy",
  ENXIO: "No such device or address",
  ENOSPC: "No space left on device",
  EFBIG: "File too large",
  ESPIPE: "Illegal seek",
};

/** The `strerror` text of an errno name (`ENOENT` → `No such file or directory`). */
export function strerror(errno: string): string {
  return STRERROR[errno] ?? errno;
}

/**
 * The errno a filesystem or device failure stands for; anything else is a programmer error and
 * is thrown again.
 */
export function errnoOf(error: unknown): string {
  if (isFsError(error)) return error.errno;
  if (error instanceof DeviceError) return error.errno;
  throw error;
}
