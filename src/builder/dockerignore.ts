import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { goTrimSpace } from "./dockerfile/go-text.ts";
import { DockerignorePatternError, IgnorePattern } from "./dockerignore-pattern.ts";
import { goCleanPath, goDir } from "./go-path.ts";

/** Bound on `.dockerignore` patterns, and on the per-directory match cache. */
export const DOCKERIGNORE_PATTERNS_MAX = 10_000;
const CACHE_ENTRIES_MAX = 65_536;

/**
 * Reads a `.dockerignore` file as Docker does (moby/patternmatcher `ignorefile.ReadAll`): a UTF-8
 * BOM is dropped; lines *starting* with `#` are comments; other lines are trimmed, blank ones
 * skipped; `!` may be followed by blanks; each pattern is cleaned (`filepath.Clean`) and a leading
 * `/` dropped, so `/a`, `./a` and `a/` are all `a`.
 */
export function parseDockerignore(source: string | Uint8Array): string[] {
  let text = typeof source === "string" ? source : new TextDecoder().decode(source);
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  const patterns: string[] = [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const raw of lines) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.startsWith("#")) continue;
    let pattern = goTrimSpace(line);
    if (pattern === "") continue;
    const invert = pattern.startsWith("!");
    if (invert) pattern = goTrimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = goCleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith("/")) pattern = pattern.slice(1);
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  }
  return patterns;
}

interface MatchInfo {
  readonly excluded: boolean;
  /** Per pattern: whether it matched this path (or, for the walk, a parent of it). */
  readonly parentMatched: readonly boolean[];
}

/**
 * Decides which context paths `docker build` sends, exactly as the Docker CLI's context walk
 * does (moby/patternmatcher `MatchesUsingParentResults`, the last matching pattern wins, `!`
 * re-includes). Paths are relative, slash-separated, without `./`.
 *
 * A walker calls `shouldDescend(dir)` before entering a directory and `includes(path)` (or
 * `isExcluded` when it already skips undescended directories) for each entry. Docker skips an
 * excluded directory unless some `!` pattern *starts with* that directory: `!dir/keep` keeps
 * `dir` walkable, `!**\/keep` does not, so `dir/keep` is then not sent.
 */
export class DockerignoreMatcher {
  readonly patterns: readonly IgnorePattern[];
  /** True when some pattern starts with `!`. */
  readonly hasExclusions: boolean;
  readonly #cache = new Map<string, MatchInfo>();

  /** Throws `DockerignorePatternError` with Docker's message for an invalid pattern. */
  constructor(patterns: readonly string[]) {
    if (patterns.length > DOCKERIGNORE_PATTERNS_MAX) {
      throw new LimitExceededError({
        what: ".dockerignore patterns",
        limit: DOCKERIGNORE_PATTERNS_MAX,
        actual: patterns.length,
      });
    }
    this.patterns = patterns.filter((p) => goTrimSpace(p) !== "").map((p) => new IgnorePattern(p));
    this.hasExclusions = this.patterns.some((pattern) => pattern.exclusion);
  }

  /** Whether the path is excluded, given that the walk reached it through its parents. */
  isExcluded(path: string): boolean {
    return this.#info(goCleanPath(path)).excluded;
  }

  /** Whether the walk enters this directory (it may still leave the directory entry itself out). */
  shouldDescend(dir: string): boolean {
    const clean = goCleanPath(dir);
    if (clean === ".") return true;
    if (!this.isExcluded(clean)) return true;
    if (!this.hasExclusions) return false;
    const prefix = `${clean}/`;
    return this.patterns.some(
      (pattern) => pattern.exclusion && `${pattern.cleaned}/`.startsWith(prefix),
    );
  }

  /** Whether the context tar holds this path: every parent directory descended, the path not excluded. */
  includes(path: string): boolean {
    const clean = goCleanPath(path);
    if (clean === ".") return true;
    for (let dir = goDir(clean); dir !== "."; dir = goDir(dir)) {
      if (!this.shouldDescend(dir)) return false;
    }
    return !this.isExcluded(clean);
  }

  #info(path: string): MatchInfo {
    const cached = this.#cache.get(path);
    if (cached !== undefined) return cached;
    const parent = goDir(path);
    const parentInfo = parent === "." ? undefined : this.#info(parent);
    const info = this.#matchUsingParents(path, parentInfo?.parentMatched);
    if (this.#cache.size >= CACHE_ENTRIES_MAX) this.#cache.clear();
    this.#cache.set(path, info);
    return info;
  }

  #matchUsingParents(path: string, parentMatched: readonly boolean[] | undefined): MatchInfo {
    let excluded = false;
    const matched: boolean[] = this.patterns.map(() => false);
    this.patterns.forEach((pattern, index) => {
      let match = parentMatched?.[index] ?? false;
      if (!match) {
        // Skip an inclusion once excluded and an exclusion while not excluded.
        if (pattern.exclusion !== excluded) return;
        match = pattern.matches(path);
        if (!match && parentMatched === undefined) match = matchesSomeParent(pattern, path);
      }
      matched[index] = match;
      if (match) excluded = !pattern.exclusion;
    });
    return { excluded, parentMatched: matched };
  }

  /**
   * patternmatcher's older `Matches`, which compares a pattern with only as many leading path
   * elements as the pattern has. The CLI and the daemon still use it to decide about the
   * Dockerfile and `.dockerignore` themselves (see `contextExcludes`, `removedBuildFiles`).
   */
  matchesLegacy(path: string): boolean {
    const file = goCleanPath(path);
    if (file === ".") return false;
    const parent = goDir(file);
    const parentDirs = parent.split("/");
    let excluded = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== excluded) continue;
      let match = pattern.matches(file);
      if (!match && parent !== "." && pattern.dirs.length <= parentDirs.length) {
        match = pattern.matches(parentDirs.slice(0, pattern.dirs.length).join("/"));
      }
      if (match) excluded = !pattern.exclusion;
    }
    return excluded;
  }
}

function matchesSomeParent(pattern: IgnorePattern, path: string): boolean {
  const parent = goDir(path);
  if (parent === ".") return false;
  const dirs = parent.split("/");
  for (let i = 1; i <= dirs.length; i++) {
    if (pattern.matches(dirs.slice(0, i).join("/"))) return true;
  }
  return false;
}

/**
 * The patterns the CLI actually applies when it sends the context
 * (`TrimBuildFilesFromExcludes`): when `.dockerignore` or the Dockerfile is excluded, an
 * exception is appended so they still reach the daemon. Not for a Dockerfile read from stdin.
 */
export function contextExcludes(
  patterns: readonly string[],
  options: { dockerfile?: string; dockerfileFromStdin?: boolean } = {},
): string[] {
  const out = [...patterns];
  if (legacyMatch(out, ".dockerignore")) out.push("!.dockerignore");
  const dockerfile = options.dockerfile ?? "Dockerfile";
  if (options.dockerfileFromStdin !== true && legacyMatch(out, dockerfile))
    out.push(`!${dockerfile}`);
  return out;
}

/** Docker ignores pattern errors here; the context walk reports them right after. */
function legacyMatch(patterns: readonly string[], file: string): boolean {
  try {
    return new DockerignoreMatcher(patterns).matchesLegacy(file);
  } catch (error) {
    if (error instanceof DockerignorePatternError) return false;
    throw error;
  }
}

/**
 * The build files the daemon deletes from the received context after reading the Dockerfile,
 * because `.dockerignore` names them: so `COPY . /app` never copies an ignored Dockerfile or an
 * ignored `.dockerignore`, although the CLI sent both.
 */
export function removedBuildFiles(
  patterns: readonly string[],
  dockerfile = "Dockerfile",
): string[] {
  return [".dockerignore", dockerfile].filter((file) => legacyMatch(patterns, file));
}
