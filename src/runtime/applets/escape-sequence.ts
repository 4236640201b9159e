const LETTERS: Readonly<Record<string, string>> = {
  "\\": "\\",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/**
 * busybox's `bb_process_escape_sequence` over a whole string: `\n`-style letters, `\NNN` octal
 * (up to three digits), `\xHH` hex (up to two); any other backslash stays as it is. A NUL ends
 * the text, as it ends the C string busybox keeps.
 */
export function processEscapes(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== "\\" || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1]!;
    const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
    const hex = next === "x" ? /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2, i + 4)) : null;
    if (octal !== null) {
      out += String.fromCharCode(Number.parseInt(octal[0], 8) & 0xff);
      i += octal[0].length;
    } else if (hex !== null) {
      out += String.fromCharCode(Number.parseInt(hex[0], 16));
      i += 1 + hex[0].length;
    } else if (LETTERS[next] !== undefined) {
      out += LETTERS[next];
      i++;
    } else out += ch;
  }
  const nul = out.indexOf("\0");
  return nul < 0 ? out : out.slice(0, nul);
}
