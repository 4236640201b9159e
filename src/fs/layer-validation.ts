import { goPathClean } from "../archive/go-path.ts";
import { assertSafeRelativePath } from "../archive/safe-path.ts";
import { OPAQUE_WHITEOUT_NAME, type TarEntry, WHITEOUT_PREFIX } from "../archive/tar-entry.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from "./fs-limits.ts";
import { LayerApplyError } from "./layer-apply-error.ts";

/**
 * Checks a whole layer before anything is written: the limits, and that every entry path and
 * hard-link target stays inside the root (`UnsafePathError` otherwise). Symlinks met on the way
 * are checked later, while applying, because they depend on the tree.
 */
export function validateLayer(
  entries: readonly TarEntry[],
  limits: Partial<ExtractLimits> = {},
): ExtractLimits {
  const effective: ExtractLimits = { ...DEFAULT_EXTRACT_LIMITS, ...limits };
  if (entries.length > effective.entryCountMax) {
    throw new LimitExceededError({
      what: "layer entry count",
      limit: effective.entryCountMax,
      actual: entries.length,
    });
  }
  let totalBytes = 0;
  entries.forEach((entry, index) => {
    totalBytes += entry.data.length;
    if (totalBytes > effective.totalBytesMax) {
      throw new LimitExceededError({
        what: "layer content size in bytes",
        limit: effective.totalBytesMax,
        actual: totalBytes,
      });
    }
    validateEntry(entry, index, effective);
  });
  return effective;
}

function validateEntry(entry: TarEntry, index: number, limits: ExtractLimits): void {
  assertSafeRelativePath(entry.path);
  const path = cleanEntryPath(entry.path);
  const depth = path === "" ? 0 : path.split("/").length;
  if (depth > limits.depthMax) {
    throw new LimitExceededError({
      what: `depth of layer entry ${JSON.stringify(entry.path)}`,
      limit: limits.depthMax,
      actual: depth,
    });
  }
  if (path === "" && entry.type !== "directory") {
    throw new LayerApplyError({
      index,
      path: entry.path,
      reason: `a ${entry.type} cannot replace the root directory`,
    });
  }
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (name.startsWith(WHITEOUT_PREFIX) && name !== OPAQUE_WHITEOUT_NAME) {
    const hidden = name.slice(WHITEOUT_PREFIX.length);
    if (hidden === "" || hidden === "." || hidden === ".." || hidden.startsWith(WHITEOUT_PREFIX)) {
      throw new LayerApplyError({ index, path: entry.path, reason: "invalid whiteout name" });
    }
  }
  if (entry.type === "hardlink") {
    assertSafeRelativePath(entry.linkTarget, "hard link target");
    if (cleanEntryPath(entry.linkTarget) === "") {
      throw new LayerApplyError({
        index,
        path: entry.path,
        reason: "a hard link cannot point at the root directory",
      });
    }
  }
}

/** An entry path with `.` and `..` resolved lexically ("" for the root), as dockerd cleans it. */
export function cleanEntryPath(path: string): string {
  const clean = goPathClean(path);
  return clean === "." ? "" : clean;
}
