import { sha256Hex } from "../../digest/sha256.ts";
import { isFsError } from "../../errors/fs-error.ts";
import type { FileInfo } from "../../fs/file-info.ts";
import { BuildError } from "../build-error.ts";
import { checkBuildLimit } from "../build-limits.ts";
import { escapesContext, resolveInScope } from "../context/scoped-path.ts";
import { goCleanPath } from "../go-path.ts";
import type { CopySource } from "./copy-source.ts";
import { containsWildcards, goFilepathMatch } from "./go-match.ts";

/** One source of a COPY/ADD, resolved: where to read it and its cache hash. */
export interface CopyInfo {
  readonly source: CopySource;
  /** The path as the instruction gave it, `/` and `./` trimmed (its base names the copy). */
  readonly path: string;
  /** `file:<hex>`, `dir:<hex>`, or the bare path when no entry backs it. */
  readonly hash: string;
  /** ADD never unpacks a downloaded or inline source. */
  readonly noDecompress?: boolean;
}

const encoder = new TextEncoder();

/** dockerd's `hashStringSlice`: `<prefix>:` + sha256 of the items joined with commas. */
export function hashStringSlice(prefix: string, items: readonly string[]): string {
  return `${prefix}:${sha256Hex(encoder.encode(items.join(",")))}`;
}

/**
 * The cache key of a whole COPY/ADD (`getSourceHashFromInfos`): one source keeps its own hash,
 * several are combined as `multi:<hex>` in instruction order.
 */
export function sourceHashOf(infos: readonly CopyInfo[]): string {
  if (infos.length === 1) return infos[0]!.hash;
  return hashStringSlice(
    "multi",
    infos.map((info) => info.hash),
  );
}

/**
 * The infos of one source path, as the classic builder's `calcCopyInfo` computes them:
 * wildcards expand to every matching path of the source (walked in lexical order), a file keeps
 * `file:<tarsum>`, a directory gets `dir:` + the hash of the sorted tarsums of everything in it.
 * Errors use dockerd's words (the caller prefixes `COPY failed: `).
 */
export function copyInfosFor(
  source: CopySource,
  original: string,
  options: { copyEntryCountMax: number },
): CopyInfo[] {
  let path = original.startsWith("/") ? original.slice(1) : original;
  if (path.startsWith("./")) path = path.slice(2);
  if (containsWildcards(path)) return wildcardInfos(source, path, options);
  return [singleInfo(source, path, options)];
}

function singleInfo(
  source: CopySource,
  path: string,
  options: { copyEntryCountMax: number },
): CopyInfo {
  if (escapesContext(path)) {
    throw new BuildError(`forbidden path outside the build context: ${path} ()`);
  }
  const info = statInScope(source, path);
  if (info === undefined) {
    const stat = `stat ${path}: file does not exist`;
    throw new BuildError(
      source.kind === "context"
        ? `file not found in build context or excluded by .dockerignore: ${stat}`
        : stat,
      { code: "NotFound", data: { path } },
    );
  }
  if (info.type !== "directory") return { source, path, hash: `file:${source.hash(path)}` };
  return { source, path, hash: hashStringSlice("dir", directorySums(source, path, options)) };
}

/** The tarsums of a directory and everything under it, sorted (dockerd's `walkSource`). */
function directorySums(
  source: CopySource,
  path: string,
  options: { copyEntryCountMax: number },
): string[] {
  const start = resolveInScope(source.fs, path);
  const sums: string[] = [];
  walkSorted(source, start, (absolute) => {
    checkBuildLimit("copyEntryCountMax", {
      actual: sums.length + 1,
      limit: options.copyEntryCountMax,
    });
    if (absolute !== "/") sums.push(source.hash(absolute.slice(1)));
  });
  return sums.sort();
}

function wildcardInfos(
  source: CopySource,
  pattern: string,
  options: { copyEntryCountMax: number },
): CopyInfo[] {
  const infos: CopyInfo[] = [];
  walkSorted(source, "/", (absolute) => {
    if (absolute === "/") return;
    const rel = absolute.slice(1);
    if (!goFilepathMatch(pattern, rel)) return;
    checkBuildLimit("copyEntryCountMax", {
      actual: infos.length + 1,
      limit: options.copyEntryCountMax,
    });
    infos.push(singleInfo(source, rel, options));
  });
  return infos;
}

/**
 * Go's `filepath.Walk` from `start`: `start` first, then each directory's names in byte order,
 * depth first, symlinks not followed.
 */
export function walkSorted(
  source: CopySource,
  start: string,
  visit: (absolute: string, info: FileInfo) => void,
): void {
  const info = lstatOrUndefined(source, start);
  if (info === undefined) return;
  visit(start, info);
  if (info.type !== "directory") return;
  for (const name of source.fs.readdir(start)) {
    walkSorted(source, start === "/" ? `/${name}` : `${start}/${name}`, visit);
  }
}

function lstatOrUndefined(source: CopySource, path: string): FileInfo | undefined {
  try {
    return source.fs.lstat(path);
  } catch (error) {
    if (isFsError(error)) return undefined;
    throw error;
  }
}

/** `stat` of a source path with symlinks followed inside the source; undefined when missing. */
export function statInScope(source: CopySource, path: string): FileInfo | undefined {
  try {
    return source.fs.stat(resolveInScope(source.fs, goCleanPath(`/${path}`)));
  } catch (error) {
    if (isFsError(error)) return undefined;
    throw error;
  }
}
