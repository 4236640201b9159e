/**
 * fnmatch(3) without flags, as busybox's unzip and cpio match member names: `*` and `?` match
 * any character including `/`, `[...]` a set (`!` or `^` negates), `\` quotes.
 */
export function globMatch(pattern: string, name: string): boolean {
  let source = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") source += "[\\s\\S]*";
    else if (c === "?") source += "[\\s\\S]";
    else if (c === "\\" && i + 1 < pattern.length) source += escapeChar(pattern[++i]!);
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) {
        source += "\\[";
        continue;
      }
      let set = pattern.slice(i + 1, close);
      const negated = set.startsWith("!") || set.startsWith("^");
      if (negated) set = set.slice(1);
      source += `[${negated ? "^" : ""}${set.replace(/[\\\]^]/g, "\\$&")}]`;
      i = close;
    } else source += escapeChar(c);
  }
  return new RegExp(`${source}$`).test(name);
}

function escapeChar(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
