import { goJsonText } from "./go-json-text.ts";
import { formatValue, sprint, sprintln } from "./go-print.ts";
import { sprintf } from "./go-sprintf.ts";
import { GoFloat, GoNil, GoStruct, type GoValue, goTypeName, isGoMap, isTrue } from "./go-value.ts";

/** Go parameter types the template functions declare; arguments are checked against them. */
export type ParamType = "any" | "string" | "int" | "bool" | "[]string";

/** A function a template can call. A thrown `Error` becomes `error calling NAME: <message>`. */
export interface TemplateFunction {
  readonly params: readonly ParamType[];
  /** Type of the trailing variadic parameter, if any. */
  readonly variadic?: ParamType;
  call(args: readonly GoValue[]): GoValue;
}

/** `and` and `or` are evaluated lazily by the executor (Go short-circuits them). */
export const SHORT_CIRCUIT: ReadonlySet<string> = new Set(["and", "or"]);

function fn(
  params: readonly ParamType[],
  call: (args: readonly GoValue[]) => GoValue,
  variadic?: ParamType,
): TemplateFunction {
  return variadic === undefined ? { params, call } : { params, variadic, call };
}

const utf8 = new TextEncoder();

function byteLength(text: string): number {
  return utf8.encode(text).length;
}

function lengthOf(value: GoValue): number {
  if (typeof value === "string") return byteLength(value);
  if (Array.isArray(value)) return value.length;
  if (value instanceof GoNil) return 0;
  if (isGoMap(value)) return Object.keys(value).length;
  throw new Error(`len of type ${goTypeName(value)}`);
}

function indexOne(item: GoValue, key: GoValue): GoValue {
  if (item === undefined || item === null) throw new Error("index of untyped nil");
  if (typeof item === "string" || Array.isArray(item)) {
    if (typeof key !== "number" || !Number.isInteger(key)) {
      throw new Error(`cannot index slice/array with type ${goTypeName(key)}`);
    }
    const length = typeof item === "string" ? byteLength(item) : item.length;
    if (key < 0 || key >= length) throw new Error(`index out of range: ${key}`);
    return typeof item === "string" ? utf8.encode(item)[key]! : item[key];
  }
  if (item instanceof GoNil && item.kind === "map") return undefined;
  if (isGoMap(item)) {
    if (typeof key !== "string")
      throw new Error(`value has type ${goTypeName(key)}; should be string`);
    if (Object.hasOwn(item, key)) return item[key];
    // A missing key yields the element type's zero value; maps of strings (labels, options)
    // are the common case, where that is "".
    const values = Object.values(item);
    return values.every((value) => typeof value === "string") ? "" : undefined;
  }
  throw new Error(`can't index item of type ${goTypeName(item)}`);
}

function sliceOf(item: GoValue, indexes: readonly GoValue[]): GoValue {
  if (typeof item !== "string" && !Array.isArray(item)) {
    throw new Error(`can't slice item of type ${goTypeName(item)}`);
  }
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  if (typeof item === "string" && indexes.length === 3) {
    throw new Error("cannot 3-index slice a string");
  }
  const length = typeof item === "string" ? byteLength(item) : item.length;
  const bounds = indexes.map((index) => {
    if (typeof index !== "number" || !Number.isInteger(index)) {
      throw new Error(`cannot index slice/array with type ${goTypeName(index)}`);
    }
    if (index < 0 || index > length) throw new Error(`index out of range: ${index}`);
    return index;
  });
  const start = bounds[0] ?? 0;
  const end = bounds[1] ?? length;
  if (start > end) throw new Error(`invalid slice index: ${start} > ${end}`);
  if (typeof item === "string")
    return new TextDecoder().decode(utf8.encode(item).slice(start, end));
  return item.slice(start, end);
}

type Basic = "bool" | "int" | "float" | "string";

function basicKind(value: GoValue): Basic | undefined {
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "string";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (value instanceof GoFloat) return "float";
  return undefined;
}

function comparable(value: GoValue): number | string | boolean {
  return value instanceof GoFloat ? value.value : (value as number | string | boolean);
}

function equal(left: GoValue, right: GoValue): boolean {
  const leftKind = basicKind(left);
  const rightKind = basicKind(right);
  if (leftKind === undefined || rightKind === undefined) {
    const nilLeft = left === null || left === undefined || left instanceof GoNil;
    const nilRight = right === null || right === undefined || right instanceof GoNil;
    if (nilLeft && nilRight) return true;
    if (left instanceof GoStruct || right instanceof GoStruct) return left === right;
    throw new Error("invalid type for comparison");
  }
  if (leftKind !== rightKind) throw new Error("incompatible types for comparison");
  return comparable(left) === comparable(right);
}

function less(left: GoValue, right: GoValue): boolean {
  const leftKind = basicKind(left);
  const rightKind = basicKind(right);
  if (leftKind === undefined || rightKind === undefined || leftKind === "bool") {
    throw new Error("invalid type for comparison");
  }
  if (leftKind !== rightKind) throw new Error("incompatible types for comparison");
  return comparable(left) < comparable(right);
}

function htmlEscape(text: string): string {
  return text
    .replaceAll("\0", "\uFFFD")
    .replaceAll("&", "&amp;")
    .replaceAll("'", "&#39;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&#34;");
}

function jsEscape(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === "\\") out += "\\\\";
    else if (char === "'") out += "\\'";
    else if (char === '"') out += '\\"';
    else if (char === "<" || char === ">" || char === "&" || char === "=") {
      out += `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
    } else if (code < 0x20) out += `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
    else out += char;
  }
  return out;
}

function queryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll("%20", "+");
}

/** Go's `strings.Title`: upper-cases the first letter of each word. */
function title(text: string): string {
  return text.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, before: string, letter: string) => {
    return before + letter.toUpperCase();
  });
}

function argsText(args: readonly GoValue[]): string[] {
  return args.map((arg) => (typeof arg === "string" ? arg : formatValue(arg)));
}

/** Go's predefined template functions plus the ones docker adds (`json`, `join`, `pad`, …). */
export const TEMPLATE_FUNCTIONS: ReadonlyMap<string, TemplateFunction> = new Map<
  string,
  TemplateFunction
>([
  ["and", fn(["any"], (args) => args.find((arg) => !isTrue(arg)) ?? args.at(-1), "any")],
  ["or", fn(["any"], (args) => args.find((arg) => isTrue(arg)) ?? args.at(-1), "any")],
  ["not", fn(["any"], ([value]) => !isTrue(value))],
  ["len", fn(["any"], ([value]) => lengthOf(value))],
  ["index", fn(["any"], ([item, ...keys]) => keys.reduce<GoValue>(indexOne, item), "any")],
  ["slice", fn(["any"], ([item, ...indexes]) => sliceOf(item, indexes), "any")],
  ["print", fn([], (args) => sprint(args), "any")],
  ["println", fn([], (args) => sprintln(args), "any")],
  ["printf", fn(["string"], ([format, ...args]) => sprintf(String(format), args), "any")],
  [
    "eq",
    fn(
      ["any"],
      ([left, ...rest]) => {
        if (rest.length === 0) throw new Error("missing argument for comparison");
        return rest.some((right) => equal(left, right));
      },
      "any",
    ),
  ],
  ["ne", fn(["any", "any"], ([left, right]) => !equal(left, right))],
  ["lt", fn(["any", "any"], ([left, right]) => less(left, right))],
  ["le", fn(["any", "any"], ([left, right]) => less(left, right) || equal(left, right))],
  ["gt", fn(["any", "any"], ([left, right]) => !less(left, right) && !equal(left, right))],
  ["ge", fn(["any", "any"], ([left, right]) => !less(left, right))],
  ["html", fn([], (args) => htmlEscape(argsText(args).join("")), "any")],
  ["js", fn([], (args) => jsEscape(argsText(args).join("")), "any")],
  ["urlquery", fn([], (args) => queryEscape(argsText(args).join("")), "any")],
  ["json", fn(["any"], ([value]) => goJsonText(value))],
  ["split", fn(["string", "string"], ([text, sep]) => splitGo(String(text), String(sep)))],
  ["join", fn(["[]string", "string"], ([items, sep]) => (items as string[]).join(String(sep)))],
  ["title", fn(["string"], ([text]) => title(String(text)))],
  ["lower", fn(["string"], ([text]) => String(text).toLowerCase())],
  ["upper", fn(["string"], ([text]) => String(text).toUpperCase())],
  [
    "pad",
    fn(["string", "int", "int"], ([text, before, after]) => {
      if (text === "") return "";
      return `${" ".repeat(Math.max(Number(before), 0))}${String(text)}${" ".repeat(Math.max(Number(after), 0))}`;
    }),
  ],
  [
    "truncate",
    fn(["string", "int"], ([text, length]) => {
      const chars = [...String(text)];
      return chars.length > Number(length)
        ? chars.slice(0, Math.max(Number(length), 0)).join("")
        : String(text);
    }),
  ],
]);

/** Go's `strings.Split`: an empty separator splits into UTF-8 sequences. */
function splitGo(text: string, sep: string): string[] {
  return sep === "" ? [...text] : text.split(sep);
}
