import type { CSpec } from "./c-printf.ts";
import { processEscapes } from "./escape-sequence.ts";

/** What a print unit shows: busybox dump.c's `F_*` kinds. */
export type PrintKind =
  | "text"
  | "address"
  | "char"
  | "c-escape"
  | "u-name"
  | "printable"
  | "int"
  | "uint"
  | "double"
  | "string"
  | "blank";

/** One conversion with the literal text around it (busybox's PR). */
export interface PrintUnit {
  kind: PrintKind;
  readonly prefix: string;
  spec: CSpec | undefined;
  readonly suffix: string;
  readonly byteCount: number;
}

/** `[reps][/bytes] "format"` (busybox's FU). */
export interface FormatUnit {
  reps: number;
  readonly setRep: boolean;
  byteCount: number;
  readonly format: string;
  /** The unit's first conversion: busybox 1.35 links only that one (see `rewriteUnit`). */
  print: PrintUnit | undefined;
  /** `%_A`: printed once after the data, skipped (with what follows) while dumping. */
  ignore: boolean;
  /** The last repetition drops its format's trailing whitespace character. */
  noSpace: boolean;
}

/** One `-e` argument (busybox's FS): its units and the bytes they interpret. */
export interface FormatString {
  readonly units: FormatUnit[];
  byteCount: number;
}

/** A parsed, rewritten set of format strings, ready for `dumpBytes`. */
export interface DumpProgram {
  readonly strings: readonly FormatString[];
  readonly blockSize: number;
  readonly endUnit: FormatUnit | undefined;
}

/** A format busybox rejects (its message), or one drydock does not implement. */
export class DumpFormatError extends Error {}

const MAX_COUNT = 1 << 20;
/** C's `isspace` in the C locale. */
const C_SPACE = " \t\n\v\f\r";

/**
 * busybox's `bb_dump_add`: splits one format string into units `[iterations][/byte_count]
 * "text"`, with `bad format {FMT}` for anything else. Escapes are processed in the quoted text.
 */
export function parseFormatString(fmt: string): FormatString {
  const units: FormatUnit[] = [];
  const bad = () => new DumpFormatError(`bad format {${fmt}}`);
  let p = 0;
  const skipSpace = () => {
    while (p < fmt.length && C_SPACE.includes(fmt[p]!)) p++;
  };
  const digits = () => {
    const start = p;
    while (/[0-9]/.test(fmt[p] ?? "")) p++;
    return Math.min(Number(fmt.slice(start, p)), MAX_COUNT);
  };
  for (;;) {
    skipSpace();
    if (p >= fmt.length) break;
    let reps = 1;
    let setRep = false;
    let byteCount = 0;
    if (/[0-9]/.test(fmt[p]!)) {
      reps = digits();
      if (!`${C_SPACE}/`.includes(fmt[p] ?? "x")) throw bad();
      setRep = true;
      p++;
      skipSpace();
    }
    if (fmt[p] === "/") {
      p++;
      skipSpace();
    }
    if (/[0-9]/.test(fmt[p] ?? "")) {
      byteCount = digits();
      if (!C_SPACE.includes(fmt[p] ?? "x")) throw bad();
      p++;
      skipSpace();
    }
    if (fmt[p] !== '"') throw bad();
    const end = fmt.indexOf('"', p + 1);
    if (end < 0) throw bad();
    const format = processEscapes(fmt.slice(p + 1, end));
    p = end + 1;
    units.push({
      reps,
      setRep,
      byteCount,
      format,
      print: undefined,
      ignore: false,
      noSpace: false,
    });
  }
  return { units, byteCount: 0 };
}

/** Conversion letters with the sizes `bb_dump_size` gives them. */
const DEFAULT_SIZES: Readonly<Record<string, number>> = {
  c: 1,
  d: 4,
  i: 4,
  o: 4,
  u: 4,
  x: 4,
  X: 4,
  e: 8,
  E: 8,
  f: 8,
  g: 8,
  G: 8,
};

/**
 * busybox's `bb_dump_size`: the bytes one format string interprets, from explicit byte counts
 * or by scanning for conversions (`%s` counts its precision, `%_c`/`%_p`/`%_u` one byte).
 */
export function formatStringSize(fs: FormatString): number {
  let size = 0;
  for (const unit of fs.units) {
    if (unit.byteCount > 0) {
      size += unit.byteCount * unit.reps;
      continue;
    }
    let count = 0;
    let precision = 0;
    const fmt = unit.format;
    for (let i = 0; i < fmt.length; i++) {
      if (fmt[i] !== "%") continue;
      i++;
      while (i < fmt.length && "#-+ 0123456789".includes(fmt[i]!)) i++;
      if (fmt[i] === "." && /[0-9]/.test(fmt[i + 1] ?? "")) {
        const match = /^[0-9]+/.exec(fmt.slice(i + 1))![0];
        precision = Number(match);
        i += match.length;
        i++;
      } else if (fmt[i] === ".") i++;
      const conv = fmt[i] ?? "";
      if (DEFAULT_SIZES[conv] !== undefined) count += DEFAULT_SIZES[conv];
      else if (conv === "s") count += precision;
      else if (conv === "_" && "cpu".includes(fmt[i + 1] ?? "x")) {
        count += 1;
        i++;
      } else if (conv === "_") i++;
    }
    size += count * unit.reps;
  }
  return Math.min(size, MAX_COUNT);
}
