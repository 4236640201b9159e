/**
 * The shell patterns of `${VAR#pat}`, `${VAR%pat}` and `${VAR/pat/repl}` (BuildKit's lexer): `*`
 * is any string, `?` one character, `\` escapes `*`, `?` and `\`; no bracket expressions.
 */
export class ShellPatternError extends Error {}

/** A pattern and whether `*` takes the longest match (`##`, `%%`). */
export interface ShellPatternOptions {
  readonly pattern: string;
  readonly greedy: boolean;
}

function patternToRegExp(pattern: string, options: { greedy: boolean; anchored: boolean }): RegExp {
  const chars = Array.from(pattern);
  let out = options.anchored ? "^" : "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? "";
    if (ch === "*") {
      out += options.greedy ? "[^\\n]*" : "[^\\n]*?";
    } else if (ch === "?") {
      out += "[^\\n]";
    } else if (ch === "\\") {
      const next = chars[i + 1];
      // `}` and `/` are escaped only to get them through `${…}`; the escape is not part of it.
      if (next === "}" || next === "/") continue;
      i++;
      if (next !== "*" && next !== "?" && next !== "\\") {
        throw new ShellPatternError(`invalid escape '\\${next ?? ""}'`);
      }
      out += `\\${next}`;
    } else {
      out += ch.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
    }
  }
  return new RegExp(out, "u");
}

/** `${VAR#pat}` / `${VAR##pat}`: removes the shortest (longest) matching prefix. */
export function trimShellPrefix(value: string, { pattern, greedy }: ShellPatternOptions): string {
  const match = patternToRegExp(pattern, { greedy, anchored: true }).exec(value);
  return match === null ? value : value.slice(match[0].length);
}

function reverseCodePoints(text: string): string {
  return Array.from(text).reverse().join("");
}

/** Reverses a pattern but keeps each `\x` escape in front of its character. */
function reversePattern(pattern: string): string {
  const chars = Array.from(pattern);
  const out: string[] = [];
  for (let i = 0; i < chars.length; ) {
    const ch = chars[i] ?? "";
    if (ch === "\\" && i !== chars.length - 1) {
      out.unshift(ch, chars[i + 1] ?? "");
      i += 2;
    } else {
      out.unshift(ch);
      i++;
    }
  }
  return out.join("");
}

/**
 * `${VAR%pat}` / `${VAR%%pat}`: removes the shortest (longest) matching suffix, by matching the
 * reversed pattern against the reversed value as BuildKit does.
 */
export function trimShellSuffix(value: string, { pattern, greedy }: ShellPatternOptions): string {
  const reversed = trimShellPrefix(reverseCodePoints(value), {
    pattern: reversePattern(pattern),
    greedy,
  });
  return reverseCodePoints(reversed);
}

/** `${VAR/pat/repl}` and `${VAR//pat/repl}`: replaces the first (every) greedy match. */
export function replaceShellPattern(
  value: string,
  {
    pattern,
    replacement,
    all,
  }: { readonly pattern: string; readonly replacement: string; readonly all: boolean },
): string {
  const re = patternToRegExp(pattern, { greedy: true, anchored: false });
  if (!all) {
    const match = re.exec(value);
    if (match === null) return value;
    return value.slice(0, match.index) + replacement + value.slice(match.index + match[0].length);
  }
  // Go's ReplaceAllString expands `$name` in the replacement; without groups it is empty.
  const expanded = replacement.replace(
    /\$(\$|\{[A-Za-z0-9_]+\}|[A-Za-z0-9_]+)/g,
    (_m, ref: string) => (ref === "$" ? "$" : ""),
  );
  return goReplaceAll(value, new RegExp(re.source, "gu"), expanded);
}

/** Go's `regexp.ReplaceAllString` loop: an empty match right after a match is not replaced. */
function goReplaceAll(value: string, re: RegExp, replacement: string): string {
  let out = "";
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= value.length) {
    re.lastIndex = searchPos;
    const match = re.exec(value);
    if (match === null) break;
    const start = match.index;
    const end = start + match[0].length;
    out += value.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += replacement;
    lastMatchEnd = end;
    const width = (value.codePointAt(searchPos) ?? 0) > 0xffff ? 2 : 1;
    searchPos = Math.max(searchPos + width, end);
  }
  return out + value.slice(lastMatchEnd);
}
