/** A regular expression Go's `regexp.Compile` would refuse (or this subset does not cover). */
export class GoRegexpError extends Error {}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7f",
  blank: "\\t ",
  cntrl: "\\x00-\\x1f\\x7f",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-/:-@[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

// Go's Perl classes are ASCII-only.
const PERL_CLASSES: Readonly<Record<string, string>> = {
  d: "0-9",
  s: "\\t\\n\\f\\r ",
  w: "0-9A-Za-z_",
};

const CONTROL: Readonly<Record<string, string>> = {
  a: "\\x07",
  f: "\\f",
  t: "\\t",
  n: "\\n",
  r: "\\r",
  v: "\\v",
};

function literal(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return `\\u{${code.toString(16)}}`;
}

function isPunct(ch: string): boolean {
  return ch.length === 1 && ch < "\x80" && !/[0-9A-Za-z]/.test(ch);
}

/**
 * Translates the regular expressions Docker's `.dockerignore` matcher builds (Go RE2 syntax,
 * default flags) into JavaScript ones with the same meaning: `.` never matches `\n`, `^`/`$`
 * anchor the whole text, character classes follow Go (`]` first is literal, POSIX `[:alpha:]`
 * inside brackets, ASCII-only Perl classes), escapes of punctuation are literal. Constructs the
 * matcher never produces (alternation, counted repetition, flags) are refused.
 */
export function goRegexpToJs(source: string): RegExp {
  const chars = Array.from(source);
  let out = "";
  let canRepeat = false;
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] ?? "";
    if (ch === "\\") {
      out += escapeOutside(chars[i + 1]);
      i += 2;
      canRepeat = true;
    } else if (ch === "[") {
      const parsed = parseClass(chars, i + 1);
      out += parsed.js;
      i = parsed.next;
      canRepeat = true;
    } else if (ch === "*" || ch === "?" || ch === "+") {
      if (!canRepeat) throw new GoRegexpError("missing argument to repetition operator");
      out += ch;
      i++;
      canRepeat = false;
    } else {
      const simple = simpleToken(ch);
      out += simple;
      canRepeat = ch !== "^" && ch !== "$" && ch !== "(";
      i++;
    }
  }
  try {
    return new RegExp(out, "u");
  } catch (error) {
    throw new GoRegexpError((error as Error).message);
  }
}

function simpleToken(ch: string): string {
  switch (ch) {
    case ".":
      return "[^\\n]";
    case "^":
    case "$":
    case ")":
      return ch;
    case "(":
      return "(?:";
    case "|":
    case "{":
      throw new GoRegexpError(`unsupported ${ch}`);
    default:
      return literal(ch);
  }
}

function escapeOutside(next: string | undefined): string {
  if (next === undefined) throw new GoRegexpError("trailing backslash at end of expression");
  if (isPunct(next)) return literal(next);
  if (CONTROL[next] !== undefined) return CONTROL[next];
  const perl = PERL_CLASSES[next.toLowerCase()];
  if (perl !== undefined) return next === next.toLowerCase() ? `[${perl}]` : `[^${perl}]`;
  if (next === "b" || next === "B") return `\\${next}`;
  if (next === "A") return "^";
  if (next === "z") return "$";
  throw new GoRegexpError(`invalid escape sequence: \\${next}`);
}

/** One item inside brackets: a character, an escape or a POSIX class; returns JS and next index. */
function classItem(
  chars: readonly string[],
  at: number,
): { js: string; char?: string; next: number } {
  const ch = chars[at];
  if (ch === undefined) throw new GoRegexpError("missing closing ]");
  if (ch === "[" && chars[at + 1] === ":") {
    const end = chars.indexOf(":", at + 2);
    const name = chars.slice(at + 2, end).join("");
    if (end > 0 && chars[end + 1] === "]") {
      const negated = name.startsWith("^");
      const set = POSIX_CLASSES[negated ? name.slice(1) : name];
      if (set === undefined) throw new GoRegexpError(`invalid character class range: [:${name}:]`);
      if (negated) throw new GoRegexpError("negated POSIX class inside brackets is not supported");
      return { js: set, next: end + 2 };
    }
  }
  if (ch !== "\\") return { js: literal(ch), char: ch, next: at + 1 };
  const next = chars[at + 1];
  if (next === undefined) throw new GoRegexpError("trailing backslash at end of expression");
  if (isPunct(next)) return { js: literal(next), char: next, next: at + 2 };
  if (CONTROL[next] !== undefined) {
    const value = { a: "\x07", f: "\f", t: "\t", n: "\n", r: "\r", v: "\v" }[next] ?? "";
    return { js: CONTROL[next], char: value, next: at + 2 };
  }
  const perl = PERL_CLASSES[next];
  if (perl !== undefined) return { js: perl, next: at + 2 };
  throw new GoRegexpError(`invalid escape sequence: \\${next}`);
}

/** Parses `[...]` starting after `[`, Go style; returns the JavaScript class and the next index. */
function parseClass(chars: readonly string[], start: number): { js: string; next: number } {
  let i = start;
  let negated = false;
  if (chars[i] === "^") {
    negated = true;
    i++;
  }
  let body = "";
  let first = true;
  while (first || chars[i] !== "]") {
    if (chars[i] === undefined) throw new GoRegexpError("missing closing ]");
    if (first && chars[i] === "]") {
      body += literal("]");
      i++;
      first = false;
      continue;
    }
    first = false;
    const lo = classItem(chars, i);
    i = lo.next;
    if (
      chars[i] === "-" &&
      chars[i + 1] !== "]" &&
      chars[i + 1] !== undefined &&
      lo.char !== undefined
    ) {
      const hi = classItem(chars, i + 1);
      if (hi.char === undefined || (hi.char.codePointAt(0) ?? 0) < (lo.char.codePointAt(0) ?? 0)) {
        throw new GoRegexpError("invalid character class range");
      }
      body += `${lo.js}-${hi.js}`;
      i = hi.next;
    } else {
      body += lo.js;
    }
  }
  return { js: `[${negated ? "^" : ""}${body}]`, next: i + 1 };
}
