import { GoFloat, GoNil, GoStruct, type GoValue, isGoMap } from "./go-value.ts";

/** Depth limit of the values `{{json}}` writes. */
const DEPTH_MAX = 100;

/**
 * `json.Marshal` of a Go value with HTML escaping off, as docker's `{{json}}` function encodes
 * (`["-c","echo a >&2"]`, no `\u003e`). A struct with its own `toJson` writes that raw text (the
 * CLI's formatter contexts marshal themselves with escaping on, so their `>` reads `\u003e`).
 */
export function goJsonText(value: GoValue, depth = 0): string {
  if (depth > DEPTH_MAX) throw new Error("json: value nested too deeply");
  if (value === undefined || value === null || value instanceof GoNil) return "null";
  if (typeof value === "string") return quoteJson(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return numberText(value);
  if (value instanceof GoFloat) return numberText(value.value);
  if (value instanceof GoStruct) {
    if (value.toJson !== undefined) return String(value.toJson());
    const members = [...value.fields].map(
      ([name, field]) => `${quoteJson(name)}:${goJsonText(field, depth + 1)}`,
    );
    return `{${members.join(",")}}`;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: GoValue) => goJsonText(item, depth + 1)).join(",")}]`;
  }
  if (isGoMap(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${quoteJson(key)}:${goJsonText(value[key], depth + 1)}`).join(",")}}`;
  }
  return "null";
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`json: unsupported value: ${value}`);
  const text = JSON.stringify(value);
  // Go writes exponents with at least two digits only when negative (1e-07 → 1e-7 cleanup).
  return text;
}

export function quoteJson(text: string): string {
  let out = '"';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) out += '\\"';
    else if (code === 0x5c) out += "\\\\";
    else if (code === 0x0a) out += "\\n";
    else if (code === 0x0d) out += "\\r";
    else if (code === 0x09) out += "\\t";
    else if (code < 0x20) out += `\\u00${code.toString(16).padStart(2, "0")}`;
    else if (code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16)}`;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(index, index + 2);
        index++;
      } else out += "\\ufffd";
    } else if (code >= 0xdc00 && code <= 0xdfff) out += "\\ufffd";
    else out += text[index];
  }
  return `${out}"`;
}
