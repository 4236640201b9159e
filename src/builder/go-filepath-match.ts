/**
 * The syntax check of Go's `filepath.Match` (Unix), which Docker runs on every `.dockerignore`
 * pattern: a bracket expression must close and hold at least one character or range, `-` and
 * `]` cannot start a range end, and `\` cannot end the pattern. Returns false when Go would
 * answer `syntax error in pattern`.
 */
export function isValidGoMatchPattern(pattern: string): boolean {
  let rest = pattern;
  while (rest.length > 0) {
    while (rest.startsWith("*")) rest = rest.slice(1);
    const end = chunkEnd(rest);
    if (!isValidChunk(rest.slice(0, end))) return false;
    rest = rest.slice(end);
  }
  return true;
}

/** Go's `scanChunk`: up to the next `*` outside brackets. */
function chunkEnd(pattern: string): number {
  let inRange = false;
  let i = 0;
  for (; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      if (i + 1 < pattern.length) i++;
    } else if (ch === "[") {
      inRange = true;
    } else if (ch === "]") {
      inRange = false;
    } else if (ch === "*" && !inRange) {
      break;
    }
  }
  return i;
}

function isValidChunk(chunk: string): boolean {
  const chars = Array.from(chunk);
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i];
    if (ch === "[") {
      i++;
      if (chars[i] === "^") i++;
      let ranges = 0;
      for (;;) {
        if (chars[i] === "]" && ranges > 0) {
          i++;
          break;
        }
        const lo = escapedChar(chars, i);
        if (lo === undefined) return false;
        i = lo;
        if (chars[i] === "-") {
          const hi = escapedChar(chars, i + 1);
          if (hi === undefined) return false;
          i = hi;
        }
        ranges++;
      }
    } else if (ch === "\\") {
      if (i + 1 >= chars.length) return false;
      i += 2;
    } else {
      i++;
    }
  }
  return true;
}

/** Go's `getEsc`: one (possibly escaped) class character; undefined on a syntax error. */
function escapedChar(chars: readonly string[], at: number): number | undefined {
  let i = at;
  const ch = chars[i];
  if (ch === undefined || ch === "-" || ch === "]") return undefined;
  if (ch === "\\") {
    i++;
    if (chars[i] === undefined) return undefined;
  }
  i++;
  // Go also requires something after the character: the class must still close.
  return i < chars.length ? i : undefined;
}
