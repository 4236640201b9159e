import { goQuote } from "../../go/quote.ts";
import { formatGoFloat } from "./go-float.ts";
import { formatValue } from "./go-print.ts";
import { GoFloat, type GoValue, goTypeName } from "./go-value.ts";

interface Spec {
  minus: boolean;
  plus: boolean;
  space: boolean;
  zero: boolean;
  sharp: boolean;
  width?: number;
  precision?: number;
}

/**
 * Go's `fmt.Sprintf` for the verbs templates use: `%v %s %q %d %x %X %o %b %c %f %e %g %t %T %%`,
 * flags `- + space 0 #`, width and precision (also `*`). Mismatches print as Go does:
 * `%!d(string=abc)`, `%!v(MISSING)`, `%!(EXTRA int=3)`.
 */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = "";
  let next = 0;
  let index = 0;
  while (index < format.length) {
    const percent = format.indexOf("%", index);
    if (percent < 0) {
      out += format.slice(index);
      break;
    }
    out += format.slice(index, percent);
    const spec: Spec = { minus: false, plus: false, space: false, zero: false, sharp: false };
    let at = percent + 1;
    at = readFlags(format, at, spec);
    const width = readNumber(format, at, args, next);
    at = width.at;
    next = width.next;
    if (width.value !== undefined) spec.width = width.value;
    if (format[at] === ".") {
      const precision = readNumber(format, at + 1, args, next);
      at = precision.at;
      next = precision.next;
      spec.precision = precision.value ?? 0;
    }
    const verb = format[at];
    if (verb === undefined) {
      out += "%!(NOVERB)";
      break;
    }
    index = at + 1;
    if (verb === "%") {
      out += "%";
      continue;
    }
    if (next >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += pad(formatOne(verb, args[next], spec), spec);
    next++;
  }
  if (next < args.length) {
    const extra = args.slice(next).map((arg) => `${goTypeName(arg)}=${formatValue(arg)}`);
    out += `%!(EXTRA ${extra.join(", ")})`;
  }
  return out;
}

function readFlags(format: string, at: number, spec: Spec): number {
  for (;;) {
    const char = format[at];
    if (char === "-") spec.minus = true;
    else if (char === "+") spec.plus = true;
    else if (char === " ") spec.space = true;
    else if (char === "0") spec.zero = true;
    else if (char === "#") spec.sharp = true;
    else return at;
    at++;
  }
}

function readNumber(
  format: string,
  at: number,
  args: readonly GoValue[],
  next: number,
): { at: number; next: number; value?: number } {
  if (format[at] === "*") {
    const arg = args[next];
    return { at: at + 1, next: next + 1, value: typeof arg === "number" ? arg : undefined };
  }
  const match = /^\d+/.exec(format.slice(at, at + 8));
  if (match === null) return { at, next };
  return { at: at + match[0].length, next, value: Number(match[0]) };
}

function pad(text: string, spec: Spec): string {
  const width = spec.width ?? 0;
  const length = [...text].length;
  if (length >= width) return text;
  if (spec.minus) return text + " ".repeat(width - length);
  if (spec.zero && /^[+-]?[0-9]/.test(text)) {
    const sign = /^[+-]/.test(text) ? text.slice(0, 1) : "";
    return sign + "0".repeat(width - length) + text.slice(sign.length);
  }
  return " ".repeat(width - length) + text;
}

function numberOf(value: GoValue): number | undefined {
  if (typeof value === "number") return value;
  if (value instanceof GoFloat) return value.value;
  return undefined;
}

function bad(verb: string, value: GoValue): string {
  return `%!${verb}(${goTypeName(value)}=${formatValue(value)})`;
}

function formatOne(verb: string, value: GoValue, spec: Spec): string {
  const type = goTypeName(value);
  switch (verb) {
    case "v":
      return formatValue(value);
    case "T":
      return type;
    case "s":
      if (typeof value === "string") return truncate(value, spec);
      if (typeof value === "number" || typeof value === "boolean" || value instanceof GoFloat)
        return bad(verb, value);
      if (value === null || value === undefined) return "%!s(<nil>)";
      return formatValue(value);
    case "q":
      return typeof value === "string" ? goQuote(value) : bad(verb, value);
    case "t":
      return typeof value === "boolean" ? String(value) : bad(verb, value);
    case "d":
    case "b":
    case "o":
    case "x":
    case "X":
    case "c":
      return formatInteger(verb, value, spec);
    case "f":
    case "F":
    case "e":
    case "g": {
      const number = numberOf(value);
      if (number === undefined || type === "int") return bad(verb, value);
      const text = formatGoFloat(number, verb === "F" ? "f" : verb, spec.precision);
      return spec.plus && number >= 0 ? `+${text}` : text;
    }
    default:
      return bad(verb, value);
  }
}

function truncate(text: string, spec: Spec): string {
  return spec.precision === undefined ? text : [...text].slice(0, spec.precision).join("");
}

function formatInteger(verb: string, value: GoValue, spec: Spec): string {
  if (typeof value === "string" && (verb === "x" || verb === "X")) {
    const hex = [...new TextEncoder().encode(value)]
      .map((byte) => byte.toString(16).padStart(2, "0"))
      .join("");
    return verb === "X" ? hex.toUpperCase() : hex;
  }
  if (typeof value !== "number" || !Number.isInteger(value)) return bad(verb, value);
  if (verb === "c") return String.fromCodePoint(value);
  const radix = verb === "d" ? 10 : verb === "b" ? 2 : verb === "o" ? 8 : 16;
  let digits = Math.abs(value).toString(radix);
  if (verb === "X") digits = digits.toUpperCase();
  if (spec.sharp && radix === 16) digits = `0${verb}${digits}`;
  if (spec.sharp && radix === 8) digits = `0${digits}`;
  const sign = value < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  return sign + digits;
}
