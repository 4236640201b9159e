import { UnsafePathError } from "../errors/unsafe-path-error.ts";

/**
 * Normalises a path as `TarEntry.path` documents: `/`-separated, relative, without empty or `.`
 * segments and without a trailing `/`. `..` segments are kept as they are so that extraction can
 * reject them (`assertSafeRelativePath`); resolving them here would hide an escape attempt.
 * The archive root (`.`, `./`, `/`) normalises to "".
 */
export function normalizeArchivePath(raw: string): string {
  // Fast path: already normalised, which is what every Docker-written name is.
  if (
    raw !== "" &&
    !raw.startsWith("/") &&
    !raw.endsWith("/") &&
    !raw.includes("//") &&
    !hasDotSegment(raw)
  ) {
    return raw;
  }
  return raw
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
}

function hasDotSegment(path: string): boolean {
  return path === "." || path.startsWith("./") || path.endsWith("/.") || path.includes("/./");
}

/**
 * Throws `UnsafePathError` unless `path` stays inside the root it is resolved against: it must
 * be relative, contain no NUL byte, and never climb above the root through `..` segments
 * (`a/../b` is fine, `a/../../b` is not). Symlinks along the path are not considered here; the
 * filesystem checks those while it extracts. `what` names the path in the error message.
 */
export function assertSafeRelativePath(path: string, what = "archive entry"): void {
  if (path.includes("\0")) throw new UnsafePathError({ path, reason: "nul-byte", what });
  if (path.startsWith("/")) throw new UnsafePathError({ path, reason: "absolute", what });
  let depth = 0;
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      depth -= 1;
      if (depth < 0) throw new UnsafePathError({ path, reason: "escapes-root", what });
    } else depth += 1;
  }
}

/** True when `assertSafeRelativePath` would accept `path`. */
export function isSafeRelativePath(path: string): boolean {
  try {
    assertSafeRelativePath(path);
    return true;
  } catch (error) {
    if (error instanceof UnsafePathError) return false;
    throw error;
  }
}
