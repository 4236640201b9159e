/**
 * Go's `filepath.Match` on Unix, which the classic builder uses for COPY/ADD wildcards: `*` is
 * any run of non-`/` characters, `?` one non-`/` character, `[...]` a class (`^` negates, `a-z`
 * ranges), `\` escapes. Returns false for a malformed pattern, as the builder ignores Go's
 * `ErrBadPattern` there.
 */
export function goFilepathMatch(pattern: string, name: string): boolean {
  try {
    return match(Array.from(pattern), Array.from(name));
  } catch (error) {
    if (error instanceof BadPattern) return false;
    throw error;
  }
}

class BadPattern extends Error {}

function match(patternChars: string[], nameChars: string[]): boolean {
  let pattern = patternChars;
  let name = nameChars;
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern);
    pattern = rest;
    if (star && chunk.length === 0) return !name.includes("/");
    const direct = matchChunk(chunk, name);
    if (direct !== undefined && (direct.length === 0 || pattern.length > 0)) {
      name = direct;
      continue;
    }
    if (star) {
      for (let i = 0; i < name.length && name[i] !== "/"; i++) {
        const tail = matchChunk(chunk, name.slice(i + 1));
        if (tail === undefined) continue;
        if (pattern.length === 0 && tail.length > 0) continue;
        name = tail;
        continue outer;
      }
    }
    return false;
  }
  return name.length === 0;
}

function scanChunk(pattern: string[]): { star: boolean; chunk: string[]; rest: string[] } {
  let start = 0;
  while (start < pattern.length && pattern[start] === "*") start++;
  let inRange = false;
  let i = start;
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
  return { star: start > 0, chunk: pattern.slice(start, i), rest: pattern.slice(i) };
}

/** Matches `chunk` at the start of `name`; the rest of `name`, or undefined when it fails. */
function matchChunk(chunkChars: string[], nameChars: string[]): string[] | undefined {
  let chunk = chunkChars;
  let name = nameChars;
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && name.length === 0) failed = true;
    const head = chunk[0];
    if (head === "[") {
      const ch = failed ? "" : (name[0] as string);
      if (!failed) name = name.slice(1);
      const { matched, rest } = matchClass(chunk.slice(1), ch);
      chunk = rest;
      if (!matched) failed = true;
    } else if (head === "?") {
      if (!failed) {
        if (name[0] === "/") failed = true;
        name = name.slice(1);
      }
      chunk = chunk.slice(1);
    } else {
      if (head === "\\") {
        chunk = chunk.slice(1);
        if (chunk.length === 0) throw new BadPattern();
      }
      if (!failed) {
        if (chunk[0] !== name[0]) failed = true;
        name = name.slice(1);
      }
      chunk = chunk.slice(1);
    }
  }
  return failed ? undefined : name;
}

/** A bracket expression (after its `[`) against one character ("" when the name ran out). */
function matchClass(classChars: string[], ch: string): { matched: boolean; rest: string[] } {
  let chunk = classChars;
  let negated = false;
  if (chunk[0] === "^") {
    negated = true;
    chunk = chunk.slice(1);
  }
  let matched = false;
  let ranges = 0;
  for (;;) {
    if (chunk[0] === "]" && ranges > 0) {
      chunk = chunk.slice(1);
      break;
    }
    const low = escaped(chunk);
    let high = low;
    chunk = low.rest;
    if (chunk[0] === "-") {
      high = escaped(chunk.slice(1));
      chunk = high.rest;
    }
    const code = ch === "" ? -1 : (ch.codePointAt(0) ?? -1);
    if (code >= low.code && code <= high.code) matched = true;
    ranges++;
  }
  return { matched: matched !== negated && ch !== "", rest: chunk };
}

function escaped(chunk: string[]): { code: number; rest: string[] } {
  let rest = chunk;
  if (rest.length === 0 || rest[0] === "-" || rest[0] === "]") throw new BadPattern();
  if (rest[0] === "\\") {
    rest = rest.slice(1);
    if (rest.length === 0) throw new BadPattern();
  }
  const code = rest[0]?.codePointAt(0) ?? -1;
  rest = rest.slice(1);
  if (rest.length === 0) throw new BadPattern();
  return { code, rest };
}

/** The classic builder's `containsWildcards`: `*`, `?` or `[` not escaped by `\`. */
export function containsWildcards(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === "\\") i++;
    else if (ch === "*" || ch === "?" || ch === "[") return true;
  }
  return false;
}
