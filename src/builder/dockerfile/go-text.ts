/**
 * Go's `unicode.IsSpace`: the ASCII blanks plus U+0085, U+00A0 and the Unicode space separators.
 * Docker trims and splits with it, so JavaScript's `\s` (which adds U+FEFF) must not be used.
 */
export function isGoSpace(ch: string): boolean {
  switch (ch) {
    case " ":
    case "\t":
    case "\n":
    case "\v":
    case "\f":
    case "\r":
    case "\u0085":
    case "\u00a0":
      return true;
    default:
      return ch.length > 0 && ch.charCodeAt(0) > 0xff && /^[\p{Zs}\p{Zl}\p{Zp}]$/u.test(ch);
  }
}

/** Go's `strings.TrimLeftFunc(s, unicode.IsSpace)`. */
export function goTrimLeftSpace(text: string): string {
  let start = 0;
  while (start < text.length && isGoSpace(text[start] ?? "")) start++;
  return text.slice(start);
}

/** Go's `strings.TrimSpace`. */
export function goTrimSpace(text: string): string {
  let end = text.length;
  while (end > 0 && isGoSpace(text[end - 1] ?? "")) end--;
  return goTrimLeftSpace(text.slice(0, end));
}

/** Go's `unicode.IsLetter` for one code point. */
export function isGoLetter(ch: string): boolean {
  return /^\p{L}$/u.test(ch);
}

/** Go's `unicode.IsDigit` for one code point (any decimal digit, not only ASCII). */
export function isGoDigit(ch: string): boolean {
  return /^\p{Nd}$/u.test(ch);
}

/**
 * Docker's `reWhitespace` (`[\t\v\f\r ]+`), the separator between an instruction's keyword and its
 * arguments and between whitespace-delimited arguments.
 */
export const DOCKER_WHITESPACE: RegExp = /[\t\v\f\r ]+/;

/** Go's `regexp.Split(s, -1)` with `DOCKER_WHITESPACE`. */
export function splitDockerWhitespace(text: string): string[] {
  return text.split(/[\t\v\f\r ]+/);
}

/** Go's `regexp.Split(s, 2)` with `DOCKER_WHITESPACE`: the first word and the rest, untouched. */
export function splitFirstDockerWhitespace(text: string): [string] | [string, string] {
  const match = /[\t\v\f\r ]+/.exec(text);
  if (match === null) return [text];
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)];
}

/** Go's `strconv.Quote`: double quotes, Go escapes for control and non-printable characters. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (GO_CONTROL_ESCAPES[ch] !== undefined) out += GO_CONTROL_ESCAPES[ch];
    else if (ch === "\uFFFD" || (code >= 0x20 && isGoPrintable(ch))) out += ch;
    else if (code < 0x80) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += `\\U${code.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

const GO_CONTROL_ESCAPES: Readonly<Record<string, string>> = {
  "\u0007": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

function isGoPrintable(ch: string): boolean {
  return ch === " " || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}
