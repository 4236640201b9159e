import { assert } from "../errors/assert.ts";
import { FsError } from "../errors/fs-error.ts";
import { PERM_MASK } from "./file-mode.ts";

/** Checks a caller's time: a programmer error if it is not integer microseconds. */
export function checkTimeUs(timeUs: number, what = "nowUs"): number {
  assert(
    Number.isSafeInteger(timeUs),
    `${what} must be an integer number of microseconds, got ${timeUs}`,
  );
  return timeUs;
}

/** Permission bits from a caller; anything outside 0o7777 is EINVAL. */
export function checkPerm(mode: number, syscall: string, path: string): number {
  if (!Number.isInteger(mode) || mode < 0 || (mode & ~PERM_MASK) !== 0)
    throw new FsError("EINVAL", syscall, path);
  return mode;
}

/** A uid or gid: a 32-bit unsigned integer, as on Linux. */
export function checkId(id: number, syscall: string, path: string): number {
  if (!Number.isInteger(id) || id < 0 || id > 0xffff_fffe)
    throw new FsError("EINVAL", syscall, path);
  return id;
}
