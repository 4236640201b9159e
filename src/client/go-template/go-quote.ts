/**
 * Go's `strconv.Quote`: a double-quoted string with Go escapes. Printable characters (letters,
 * marks, numbers, punctuation, symbols and the ASCII space, as `unicode.IsPrint` says) stay as
 * they are, so `…` in a truncated `docker ps` command is kept.
 */
export function goQuoteString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    out += escapeChar(char, code);
  }
  return `${out}"`;
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
  34: '\\"',
  92: "\\\\",
};

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function escapeChar(char: string, code: number): string {
  const short = SHORT_ESCAPES[code];
  if (short !== undefined) return short;
  if (code >= 0xd800 && code <= 0xdfff) return "\\ufffd";
  if (PRINTABLE.test(char)) return char;
  if (code < 0x80) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}
