import { formatGoFloat } from "./go-float.ts";
import { GoFloat, GoNil, GoStruct, type GoValue, isGoMap } from "./go-value.ts";

/** What Go's `%v` prints for a value (`fmt.Sprint` of one operand). */
export function formatValue(value: GoValue): string {
  return formatAt(value, 0);
}

/**
 * What a template action prints: like `%v`, but a pointer to a struct is followed first, and a
 * missing value prints `<no value>` (text/template's `printableValue`).
 */
export function formatPrintable(value: GoValue): string {
  if (value === undefined) return "<no value>";
  if (value instanceof GoStruct && value.pointer) {
    return formatAt(new GoStruct({ ...value, pointer: false }), 0);
  }
  return formatAt(value, 0);
}

/** Go prints a pointer inside a container as its address; drydock prints a fixed one. */
const POINTER_TEXT = "0xc000000000";

function formatAt(value: GoValue, depth: number): string {
  if (value === undefined) return "<nil>";
  if (value === null) return "<nil>";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    return Number.isInteger(value) ? String(value) : formatGoFloat(value, "g");
  }
  if (value instanceof GoFloat) return formatGoFloat(value.value, "g");
  if (value instanceof GoNil) {
    return value.kind === "slice" ? "[]" : value.kind === "map" ? "map[]" : "<nil>";
  }
  if (value instanceof GoStruct) {
    if (value.pointer && depth > 0) return POINTER_TEXT;
    if (value.text !== undefined) return value.text;
    const parts = [...value.fields.values()].map((field) => formatAt(field, depth + 1));
    return `${value.pointer ? "&" : ""}{${parts.join(" ")}}`;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: GoValue) => formatAt(item, depth + 1)).join(" ")}]`;
  }
  if (isGoMap(value)) {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((key) => `${key}:${formatAt(value[key], depth + 1)}`).join(" ")}]`;
  }
  return String(value);
}

/** `fmt.Sprint`: operands formatted with %v, a space between two operands that are not strings. */
export function sprint(values: readonly GoValue[]): string {
  let out = "";
  values.forEach((value, index) => {
    const previous = values[index - 1];
    if (index > 0 && typeof value !== "string" && typeof previous !== "string") out += " ";
    out += formatValue(value);
  });
  return out;
}

/** `fmt.Sprintln`: operands separated by spaces, then a newline. */
export function sprintln(values: readonly GoValue[]): string {
  return `${values.map(formatValue).join(" ")}\n`;
}
