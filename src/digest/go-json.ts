import { assert } from "../errors/assert.ts";

/**
 * JSON exactly as Go's `encoding/json` (Go 1.19, the toolchain of dockerd 20.10) writes it, for
 * the bytes whose digests must match Docker's: image configs, manifests, indexes.
 *
 * - A plain object is a Go struct: members in insertion order, `undefined` members dropped
 *   (that is how callers express `omitempty`). Struct field names are never integer-like, so
 *   JavaScript's own key order is the insertion order.
 * - A `Map` is a Go map: keys sorted by their UTF-8 bytes, as Go sorts them.
 * - Strings are escaped like Go: `<`, `>`, `&`, U+2028 and U+2029 as `\u003c`…, control characters
 *   other than `\n`, `\r`, `\t` as `\u00XX` (Go 1.19 has no `\b`/`\f` short forms, unlike
 *   `JSON.stringify`), lone surrogates as `\ufffd`.
 * - `indent` reproduces `json.MarshalIndent(v, "", indent)`; empty objects and arrays stay `{}`/`[]`.
 */
export function writeGoJson(value: unknown, indent = ""): string {
  const out: string[] = [];
  write(out, value, indent, "", 0);
  return out.join("");
}

const DEPTH_MAX = 64;

function write(out: string[], value: unknown, indent: string, prefix: string, depth: number): void {
  assert(depth < DEPTH_MAX, "Go JSON value nested too deeply");
  if (value === null) {
    out.push("null");
  } else if (typeof value === "string") {
    out.push(goJsonQuote(value));
  } else if (typeof value === "boolean") {
    out.push(value ? "true" : "false");
  } else if (typeof value === "number") {
    assert(Number.isFinite(value), "Go JSON has no NaN or Infinity");
    out.push(String(value));
  } else if (Array.isArray(value)) {
    writeMembers(
      out,
      { open: "[", close: "]", indent, prefix, depth },
      value.map((item) => [undefined, item]),
    );
  } else if (value instanceof Map) {
    const keys = [...(value as Map<string, unknown>).keys()].sort(compareUtf8);
    writeMembers(
      out,
      { open: "{", close: "}", indent, prefix, depth },
      keys.map((key) => [key, value.get(key)]),
    );
  } else if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, item]) => item !== undefined,
    );
    writeMembers(out, { open: "{", close: "}", indent, prefix, depth }, entries);
  } else {
    assert(false, `Go JSON cannot encode ${typeof value}`);
  }
}

interface Frame {
  readonly open: string;
  readonly close: string;
  readonly indent: string;
  readonly prefix: string;
  readonly depth: number;
}

function writeMembers(
  out: string[],
  frame: Frame,
  members: readonly (readonly [string | undefined, unknown])[],
): void {
  out.push(frame.open);
  if (members.length === 0) {
    out.push(frame.close);
    return;
  }
  const inner = frame.prefix + frame.indent;
  members.forEach(([key, item], index) => {
    if (index > 0) out.push(",");
    if (frame.indent !== "") out.push("\n", inner);
    if (key !== undefined) out.push(goJsonQuote(key), frame.indent === "" ? ":" : ": ");
    write(out, item, frame.indent, inner, frame.depth + 1);
  });
  if (frame.indent !== "") out.push("\n", frame.prefix);
  out.push(frame.close);
}

const HEX = "0123456789abcdef";

/** Quotes a string the way Go 1.19's encoder does with HTML escaping on (the default). */
export function goJsonQuote(text: string): string {
  let out = '"';
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const escaped = escapeOf(code, text, index);
    if (escaped === undefined) continue;
    out += text.slice(start, index) + escaped.text;
    index += escaped.extra;
    start = index + 1;
  }
  return `${out}${text.slice(start)}"`;
}

function escapeOf(
  code: number,
  text: string,
  index: number,
): { text: string; extra: number } | undefined {
  if (code === 0x22) return { text: '\\"', extra: 0 };
  if (code === 0x5c) return { text: "\\\\", extra: 0 };
  if (code === 0x0a) return { text: "\\n", extra: 0 };
  if (code === 0x0d) return { text: "\\r", extra: 0 };
  if (code === 0x09) return { text: "\\t", extra: 0 };
  if (code < 0x20 || code === 0x3c || code === 0x3e || code === 0x26) {
    return { text: `\\u00${HEX[code >> 4]}${HEX[code & 15]}`, extra: 0 };
  }
  if (code === 0x2028 || code === 0x2029) return { text: `\\u${code.toString(16)}`, extra: 0 };
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return undefined; // a valid pair is written as is
    return { text: "\\ufffd", extra: 0 };
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = text.charCodeAt(index - 1);
    if (previous >= 0xd800 && previous <= 0xdbff) return undefined;
    return { text: "\\ufffd", extra: 0 };
  }
  return undefined;
}

/**
 * Orders strings by their UTF-8 bytes, which is code point order. JavaScript's default sort
 * compares UTF-16 code units and puts U+E000–U+FFFF after astral characters; Go does not.
 */
export function compareUtf8(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const a = left.codePointAt(index)!;
    const b = right.codePointAt(index)!;
    if (a !== b) return a < b ? -1 : 1;
    if (a > 0xffff) index++;
  }
  return left.length - right.length;
}

/** Short name for `writeGoJson`. */
export const goJson: (value: unknown, indent?: string) => string = writeGoJson;

/** A Go encoder's line: the JSON followed by `\n`, as `json.NewEncoder(w).Encode(v)` writes it. */
export function goJsonLine(value: unknown): string {
  return `${writeGoJson(value)}\n`;
}
