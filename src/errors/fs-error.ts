import { DrydockError, type ErrorCode } from "./drydock-error.ts";

/** POSIX error numbers used by the virtual filesystem, as memfs and Node report them. */
export type Errno =
  | "ENOENT"
  | "EEXIST"
  | "ENOTDIR"
  | "EISDIR"
  | "ENOTEMPTY"
  | "EINVAL"
  | "ELOOP"
  | "EACCES"
  | "EPERM"
  | "EXDEV"
  | "ENAMETOOLONG"
  | "EROFS"
  | "EBUSY";

const CODE_OF_ERRNO: Readonly<Record<Errno, ErrorCode>> = {
  ENOENT: "NotFound",
  EEXIST: "AlreadyExists",
  ENOTDIR: "FailedPrecondition",
  EISDIR: "FailedPrecondition",
  ENOTEMPTY: "FailedPrecondition",
  EINVAL: "InvalidArgument",
  ELOOP: "LimitExceeded",
  EACCES: "PermissionDenied",
  EPERM: "PermissionDenied",
  EXDEV: "FailedPrecondition",
  ENAMETOOLONG: "LimitExceeded",
  EROFS: "PermissionDenied",
  EBUSY: "Conflict",
};

const DESCRIPTION: Readonly<Record<Errno, string>> = {
  ENOENT: "no such file or directory",
  EEXIST: "file exists",
  ENOTDIR: "not a directory",
  EISDIR: "is a directory",
  ENOTEMPTY: "directory not empty",
  EINVAL: "invalid argument",
  ELOOP: "too many levels of symbolic links",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EXDEV: "invalid cross-device link",
  ENAMETOOLONG: "file name too long",
  EROFS: "read-only file system",
  EBUSY: "device or resource busy",
};

/**
 * A filesystem error with its POSIX errno. The message reads like Go's `*PathError`
 * (`open /a/b: no such file or directory`), which is what Docker prints, and it still contains
 * the errno name so code that sniffs messages (just-bash does) recognises it.
 */
export class FsError extends DrydockError {
  readonly errno: Errno;
  readonly path: string;
  readonly syscall: string;

  constructor(errno: Errno, syscall: string, path: string) {
    super(CODE_OF_ERRNO[errno], `${errno}: ${syscall} ${path}: ${DESCRIPTION[errno]}`, {
      data: { errno, syscall, path },
    });
    this.name = "FsError";
    this.errno = errno;
    this.path = path;
    this.syscall = syscall;
  }

  /** The Go-style text Docker would print: `open /a/b: no such file or directory`. */
  get goMessage(): string {
    return `${this.syscall} ${this.path}: ${DESCRIPTION[this.errno]}`;
  }
}

export function isFsError(value: unknown, errno?: Errno): value is FsError {
  if (!(value instanceof FsError)) return false;
  return errno === undefined || value.errno === errno;
}
