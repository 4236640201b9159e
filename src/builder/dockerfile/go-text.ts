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
