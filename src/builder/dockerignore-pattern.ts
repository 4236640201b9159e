import { DrydockError } from "../errors/drydock-error.ts";
import { goTrimSpace } from "./dockerfile/go-text.ts";
import { isValidGoMatchPattern } from "./go-filepath-match.ts";
import { goCleanPath } from "./go-path.ts";
import { GoRegexpError, goRegexpToJs } from "./go-regexp.ts";

/** A `.dockerignore` pattern Docker refuses; messages are Docker's (the CLI prefixes them). */
export class DockerignorePatternError extends DrydockError {
  constructor(message: string, pattern: string) {
    super("InvalidArgument", message, { data: { pattern } });
    this.name = "DockerignorePatternError";
  }
}

/** Go's `filepath.ErrBadPattern`. */
export const BAD_PATTERN = "syntax error in pattern";

// Characters patternmatcher escapes because they mean something in a regexp but not in a glob.
const REGEXP_ONLY = new Set([".", "+", "(", ")", "|", "{", "}", "$"]);

type MatchKind = "exact" | "prefix" | "suffix" | "regexp";

/**
 * One compiled pattern, as moby/patternmatcher compiles it: patterns without wildcards compare
 * exactly, `foo**` by prefix, `**foo` by suffix, anything else through a regular expression in
 * which `*` is `[^/]*`, `?` is `[^/]`, `**` is any number of directories, `\` escapes and `[...]`
 * is a character class.
 */
export class IgnorePattern {
  /** `!pattern`: re-includes what earlier patterns excluded. */
  readonly exclusion: boolean;
  /** The pattern after `filepath.Clean`, without `!`. */
  readonly cleaned: string;
  /** `cleaned` split on `/` (the legacy matcher compares that many leading path elements). */
  readonly dirs: readonly string[];
  readonly #kind: MatchKind;
  readonly #regexp: RegExp | undefined;
  /** Go compiles the regexp on first use, so a bad one fails the first match, not the parse. */
  readonly #broken: boolean;

  constructor(raw: string) {
    let pattern = goCleanPath(goTrimSpace(raw));
    this.exclusion = pattern.startsWith("!");
    if (this.exclusion) {
      if (pattern.length === 1)
        throw new DockerignorePatternError('illegal exclusion pattern: "!"', raw);
      pattern = pattern.slice(1);
    }
    if (!isValidGoMatchPattern(pattern)) throw new DockerignorePatternError(BAD_PATTERN, raw);
    this.cleaned = pattern;
    this.dirs = pattern.split("/");
    const compiled = compile(pattern);
    this.#kind = compiled.kind;
    this.#regexp = compiled.regexp;
    this.#broken = compiled.broken === true;
  }

  /** Whether the slash-separated relative path matches this pattern (ignoring `!`). */
  matches(path: string): boolean {
    if (this.#broken) throw new DockerignorePatternError(BAD_PATTERN, this.cleaned);
    switch (this.#kind) {
      case "exact":
        return path === this.cleaned;
      case "prefix":
        return path.startsWith(this.cleaned.slice(0, -2));
      case "suffix": {
        const suffix = this.cleaned.slice(2);
        return path.endsWith(suffix) || (suffix.startsWith("/") && path === suffix.slice(1));
      }
      case "regexp":
        return this.#regexp?.test(path) ?? false;
    }
  }
}

/** Builds the Go regexp text exactly as patternmatcher does, then translates it. */
function compile(pattern: string): { kind: MatchKind; regexp?: RegExp; broken?: boolean } {
  const chars = Array.from(pattern);
  let regexp = "^";
  let kind: MatchKind = "exact";
  for (let i = 0, at = 0; at < chars.length; i++) {
    const ch = chars[at++] ?? "";
    if (ch === "*" && chars[at] === "*") {
      at++;
      if (chars[at] === "/") at++;
      if (at >= chars.length) {
        if (kind === "exact") kind = "prefix";
        else {
          regexp += ".*";
          kind = "regexp";
        }
      } else {
        regexp += "(.*/)?";
        kind = "regexp";
      }
      if (i === 0) kind = "suffix";
    } else if (ch === "*") {
      regexp += "[^/]*";
      kind = "regexp";
    } else if (ch === "?") {
      regexp += "[^/]";
      kind = "regexp";
    } else if (REGEXP_ONLY.has(ch)) {
      regexp += `\\${ch}`;
    } else if (ch === "\\") {
      if (at < chars.length) {
        regexp += `\\${chars[at++]}`;
        kind = "regexp";
      } else {
        regexp += "\\";
      }
    } else if (ch === "[" || ch === "]") {
      regexp += ch;
      kind = "regexp";
    } else {
      regexp += ch;
    }
  }
  if (kind !== "regexp") return { kind };
  try {
    return { kind, regexp: goRegexpToJs(`${regexp}$`) };
  } catch (error) {
    if (error instanceof GoRegexpError) return { kind, broken: true };
    throw error;
  }
}
