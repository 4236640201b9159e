/**
 * Go's `strconv.Quote` and `strconv.QuoteRune`, the `%q` verb of `fmt`. Docker prints `%q` in
 * many places users compare (`exec: "nope": executable file not found`, builder history,
 * `docker ps` commands, Go templates), so there is one implementation, here.
 */

/** Go's short escapes, shared by strings and runes (the quote character is added per use). */
const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
  92: "\\\\",
};

/** `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function escapeCodePoint(char: string, quote: 34 | 39): string {
  const code = char.codePointAt(0) ?? 0;
  if (code === quote) return `\\${char}`;
  const short = SHORT_ESCAPES[code];
  if (short !== undefined) return short;
  // A lone surrogate cannot reach Go: as UTF-8 it is U+FFFD, which Go prints as it is.
  if (code >= 0xd800 && code <= 0xdfff) return "\uFFFD";
  if (PRINTABLE.test(char)) return char;
  if (code < 0x80) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}

/** Go's `strconv.Quote` (`%q` of a string): `"a\tb \"c\" …"`, non-printables escaped. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) out += escapeCodePoint(char, 34);
  return `${out}"`;
}

/** Go's `strconv.QuoteRune` (`%q` of an integer): `'A'`, `'\x03'`, `'\''`; invalid runes are U+FFFD. */
export function goQuoteRune(value: number): string {
  const valid =
    Number.isInteger(value) &&
    value >= 0 &&
    value <= 0x10ffff &&
    !(value >= 0xd800 && value <= 0xdfff);
  return `'${escapeCodePoint(String.fromCodePoint(valid ? value : 0xfffd), 39)}'`;
}
