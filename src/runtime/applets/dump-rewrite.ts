import type { CSpec } from "./c-printf.ts";
import {
  DumpFormatError,
  type DumpProgram,
  type FormatString,
  type FormatUnit,
  formatStringSize,
  type PrintKind,
  type PrintUnit,
} from "./dump-format.ts";

/** Conversion letters and the byte counts a unit may give them (first = default). */
const BYTE_COUNTS: Readonly<Record<string, readonly number[]>> = {
  c: [1],
  d: [4, 2, 1],
  i: [4, 2, 1],
  o: [4, 2, 1],
  u: [4, 2, 1],
  x: [4, 2, 1],
  X: [4, 2, 1],
  e: [8, 4],
  E: [8, 4],
  f: [8, 4],
  g: [8, 4],
  G: [8, 4],
};

const KINDS: Readonly<Record<string, PrintKind>> = { c: "char", d: "int", i: "int", e: "double" };

/**
 * busybox's `bb_dump_dump` set-up: each string's size, the block size (the largest), then
 * `rewrite`: conversions checked and turned into print units, the last unit of a short string
 * repeated to fill the block, trailing whitespace dropped from a repeated unit's last round.
 */
export function compileDump(strings: readonly FormatString[]): DumpProgram {
  let blockSize = 0;
  for (const fs of strings) {
    fs.byteCount = formatStringSize(fs);
    blockSize = Math.max(blockSize, fs.byteCount);
  }
  let endUnit: FormatUnit | undefined;
  for (const fs of strings) {
    for (const unit of fs.units) {
      if (rewriteUnit(unit)) endUnit = unit;
    }
    const last = fs.units.at(-1);
    if (last !== undefined && fs.byteCount < blockSize && !last.setRep && last.byteCount > 0)
      last.reps += Math.floor((blockSize - fs.byteCount) / last.byteCount);
    for (const unit of fs.units) {
      const format = printedFormat(unit.print);
      if (unit.reps > 1 && " \t\n\v\f\r".includes(format.at(-1) ?? "x")) unit.noSpace = true;
    }
  }
  return { strings, blockSize, endUnit };
}

function printedFormat(print: PrintUnit | undefined): string {
  if (print === undefined) return "";
  return print.prefix + (print.spec === undefined ? "" : "%") + print.suffix;
}

/**
 * Parses every conversion of a unit (so errors match busybox) but keeps only the first: busybox
 * 1.35 links a unit's later print units nowhere, so `"%c%c|"` prints one byte per block. Returns
 * true when the unit holds `%_A`.
 */
function rewriteUnit(unit: FormatUnit): boolean {
  const fmt = unit.format;
  let position = 0;
  let conversions = 0;
  let isEnd = false;
  while (position < fmt.length) {
    const percent = fmt.indexOf("%", position);
    if (percent < 0) {
      unit.print ??= {
        kind: "text",
        prefix: fmt.slice(position),
        spec: undefined,
        suffix: "",
        byteCount: 0,
      };
      break;
    }
    const parsed = parseConversion(fmt, percent, unit.byteCount);
    if (parsed.end) isEnd = true;
    const next = fmt.indexOf("%", parsed.after);
    const suffixEnd = next < 0 ? fmt.length : next;
    const print: PrintUnit = {
      kind: parsed.kind,
      prefix: fmt.slice(position, percent),
      spec: parsed.spec,
      suffix: fmt.slice(parsed.after, suffixEnd),
      byteCount: parsed.byteCount,
    };
    if (parsed.kind !== "address" && unit.byteCount > 0 && conversions++ > 0)
      throw new DumpFormatError("byte count with multiple conversion characters");
    unit.print ??= print;
    position = suffixEnd;
  }
  if (unit.byteCount === 0) unit.byteCount = unit.print?.byteCount ?? 0;
  if (isEnd) unit.ignore = true;
  return isEnd;
}

interface Conversion {
  readonly kind: PrintKind;
  readonly spec: CSpec;
  readonly byteCount: number;
  readonly after: number;
  readonly end: boolean;
}

/** One `%…` at `percent`: its kind, printf spec, bytes, and where the text after it starts. */
function parseConversion(fmt: string, percent: number, unitBytes: number): Conversion {
  let p = percent + 1;
  const skip = unitBytes > 0 ? ".#-+ 0123456789" : "#-+ 0123456789";
  while (p < fmt.length && skip.includes(fmt[p]!)) p++;
  let precisionText: string | undefined;
  if (unitBytes === 0 && fmt[p] === ".") {
    p++;
    precisionText = /^[0-9]*/.exec(fmt.slice(p))![0];
    p += precisionText.length;
  }
  const spec = parseSpec(fmt.slice(percent, p));
  const rest = fmt.slice(p);
  const badConversion = () => new DumpFormatError(`bad conversion character %${rest}`);
  const conv = fmt[p] ?? "";
  const sized = (allowed: readonly number[], kind: PrintKind, letter: string, shown = rest) => {
    if (unitBytes > 0 && !allowed.includes(unitBytes))
      throw new DumpFormatError(`bad byte count for conversion character ${shown}`);
    return {
      kind,
      spec: { ...spec, conv: letter },
      byteCount: unitBytes || allowed[0]!,
      end: false,
    };
  };
  if (BYTE_COUNTS[conv] !== undefined) {
    const kind = KINDS[conv] ?? ("eEfgG".includes(conv) ? "double" : "uint");
    return { ...sized(BYTE_COUNTS[conv], kind, conv), after: p + 1 };
  }
  if (conv === "s") {
    const byteCount = unitBytes || Number(precisionText || "0");
    if (byteCount === 0 && !precisionText)
      throw new DumpFormatError("%s needs precision or byte count");
    return { kind: "string", spec: { ...spec, conv: "s" }, byteCount, after: p + 1, end: false };
  }
  if (conv === "l")
    throw new DumpFormatError(`drydock: %l conversions (%${rest}) are not supported`);
  if (conv !== "_") throw badConversion();
  const letter = fmt[p + 1] ?? "";
  if (letter === "a" || letter === "A") {
    const radix = fmt[p + 2] ?? "";
    if (!"dox".includes(radix) || radix === "") throw badConversion();
    const address = { ...spec, conv: radix };
    return { kind: "address", spec: address, byteCount: 0, after: p + 3, end: letter === "A" };
  }
  if (letter === "c") return { ...sized([1], "c-escape", "c"), after: p + 2 };
  if (letter === "u") return { ...sized([1], "u-name", "c"), after: p + 2 };
  // busybox has already turned `_p` into `cp` when it complains about its byte count.
  if (letter === "p") return { ...sized([1], "printable", "c", `c${rest.slice(1)}`), after: p + 2 };
  throw badConversion();
}

/** Flags, width and precision of `%…` (without the letter); anything odd is refused. */
function parseSpec(text: string): Omit<CSpec, "conv"> {
  const match = /^%([-+ #0]*)([0-9]*)(?:\.([0-9]*))?$/.exec(text);
  if (match === null)
    throw new DumpFormatError(`drydock: the conversion ${text}… is not supported`);
  const [, flags = "", width = "", precision] = match;
  return {
    flags,
    ...(width === "" ? {} : { width: Number(width) }),
    ...(precision === undefined ? {} : { precision: Number(precision || "0") }),
  };
}
