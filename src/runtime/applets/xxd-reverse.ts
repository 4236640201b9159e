/** C's `isspace` in the C locale. */
const C_SPACE = " \t\n\v\f\r";

/**
 * `xxd -r [-p]` as busybox 1.35 reads its input: per line, the offset (leading hex digits and a
 * `:`) is skipped unless `-p`, then every pair of hex digits is a byte. Whitespace is skipped,
 * any other character drops a half-read byte, and a byte may continue on the next line. Offsets
 * are not sought to: bytes come out in the order they are read.
 */
export function xxdReverse(text: string, plain: boolean): Uint8Array {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const out: number[] = [];
  let high: number | undefined;
  for (const whole of lines) {
    // A NUL ends the C string busybox works on.
    const line = whole.split("\0", 1)[0]!;
    let p = 0;
    if (!plain && high === undefined) {
      while (p < line.length && hexValue(line[p]!) !== undefined) p++;
      if (line[p] === ":") p++;
    }
    for (; p < line.length; p++) {
      const ch = line[p]!;
      if (C_SPACE.includes(ch)) continue;
      const value = hexValue(ch);
      if (value === undefined) high = undefined;
      else if (high === undefined) high = value;
      else {
        out.push((high << 4) | value);
        high = undefined;
      }
    }
  }
  return Uint8Array.from(out);
}

function hexValue(ch: string): number | undefined {
  const code = ch.charCodeAt(0) | 0x20;
  if (ch >= "0" && ch <= "9") return ch.charCodeAt(0) - 48;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return undefined;
}
