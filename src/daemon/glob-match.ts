/**
 * Go's `path.Match`: `*` matches any run of characters but `/`, `?` one character but `/`,
 * `[…]` a class (with `^` or `!` negation and ranges), `\` escapes. Used by the `reference`
 * filter of `docker images`. A malformed pattern matches nothing.
 */
export function globMatch(pattern: string, text: string): boolean {
  try {
    return new RegExp(`^${translate(pattern)}$`, "u").test(text);
  } catch {
    return false;
  }
}

function translate(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "*") out += "[^/]*";
    else if (char === "?") out += "[^/]";
    else if (char === "\\") out += escapeChar(pattern[++i] ?? "");
    else if (char === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) throw new Error("bad pattern");
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith("^") || body.startsWith("!");
      if (negate) body = body.slice(1);
      out += `[${negate ? "^/" : ""}${body.replace(/[\\\]]/g, "\\$&")}]`;
      i = end;
    } else out += escapeChar(char);
  }
  return out;
}

function escapeChar(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
