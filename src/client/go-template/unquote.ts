/** Go's `strconv.Unquote` for a double-quoted string literal; undefined if it is malformed. */
export function goUnquote(quoted: string): string | undefined {
  if (quoted.length < 2 || !quoted.startsWith('"') || !quoted.endsWith('"')) return undefined;
  const body = quoted.slice(1, -1);
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let at = 0; at < body.length; ) {
    const char = body[at]!;
    if (char === '"' || char === "\n") return undefined;
    if (char !== "\\") {
      const code = body.codePointAt(at)!;
      const text = String.fromCodePoint(code);
      bytes.push(...encoder.encode(text));
      at += text.length;
      continue;
    }
    const escaped = readEscape(body, at + 1);
    if (escaped === undefined) return undefined;
    bytes.push(...escaped.bytes);
    at = escaped.next;
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const SIMPLE: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  "\\": 92,
  '"': 34,
};

function readEscape(body: string, at: number): { bytes: number[]; next: number } | undefined {
  const char = body[at];
  if (char === undefined) return undefined;
  const simple = SIMPLE[char];
  if (simple !== undefined) return { bytes: [simple], next: at + 1 };
  const hexLength = char === "x" ? 2 : char === "u" ? 4 : char === "U" ? 8 : 0;
  if (hexLength > 0) {
    const hex = body.slice(at + 1, at + 1 + hexLength);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) return undefined;
    const value = Number.parseInt(hex, 16);
    if (char === "x") return { bytes: [value], next: at + 1 + hexLength };
    if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined;
    return {
      bytes: [...new TextEncoder().encode(String.fromCodePoint(value))],
      next: at + 1 + hexLength,
    };
  }
  const octal = body.slice(at, at + 3);
  if (/^[0-7]{3}$/.test(octal)) {
    const value = Number.parseInt(octal, 8);
    return value > 255 ? undefined : { bytes: [value], next: at + 3 };
  }
  return undefined;
}
