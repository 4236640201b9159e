import { bytesToLatin1 } from "../paths.ts";
import { type CSpec, formatC } from "./c-printf.ts";
import type { DumpProgram, PrintUnit } from "./dump-format.ts";

/** The most a dump writes (latin1 chars = bytes); past it the applet fails as a full pipe would. */
export const DUMP_OUTPUT_MAX: number = 64 * 1024 * 1024;

/** What to dump: the bytes after the skip, where they start, and whether to fold repeats. */
export interface DumpRequest {
  readonly data: Uint8Array;
  readonly startAddress: bigint;
  /** `-v`: every block, no `*` for repeated ones. */
  readonly showAll: boolean;
}

/** The dump as latin1 text, or undefined when it outgrew `DUMP_OUTPUT_MAX`. */
export function dumpBytes(program: DumpProgram, request: DumpRequest): string | undefined {
  const { blockSize } = program;
  const { data, startAddress } = request;
  let out = "";
  let state: "first" | "wait" | "dup" = "first";
  let previous: Uint8Array | undefined;
  let endAddress: bigint | undefined;
  for (let offset = 0; blockSize > 0 && offset < data.length; offset += blockSize) {
    let block = data.subarray(offset, offset + blockSize);
    const address = startAddress + BigInt(offset);
    if (block.length < blockSize) {
      // A short last block like the start of the one before gets a `*`, yet is shown too.
      if (!request.showAll && state === "wait" && samePrefix(block, previous)) out += "*\n";
      const padded = new Uint8Array(blockSize);
      padded.set(block);
      endAddress = address + BigInt(block.length);
      block = padded;
    } else if (!request.showAll && state !== "first" && samePrefix(block, previous)) {
      if (state === "wait") out += "*\n";
      state = "dup";
      continue;
    }
    state = "wait";
    previous = block;
    out += displayBlock(program, block, address, endAddress);
    if (out.length > DUMP_OUTPUT_MAX) return undefined;
  }
  const end = program.endUnit?.print;
  if (end === undefined) return out;
  const last = endAddress ?? startAddress + BigInt(blockSize > 0 ? data.length : 0);
  if (last === 0n) return out;
  if (end.kind === "address") out += end.prefix + formatC(end.spec!, last) + end.suffix;
  if (end.kind === "text") out += end.prefix;
  return out;
}

/** Whether `a` equals the start of `b`. */
function samePrefix(a: Uint8Array, b: Uint8Array | undefined): boolean {
  if (b === undefined || a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** busybox's `display()` for one block: every format string over the block from its start. */
function displayBlock(
  program: DumpProgram,
  block: Uint8Array,
  blockAddress: bigint,
  endAddress: bigint | undefined,
): string {
  let out = "";
  for (const fs of program.strings) {
    let address = blockAddress;
    let at = 0;
    for (const unit of fs.units) {
      if (unit.ignore) break;
      const print = unit.print;
      if (print === undefined) continue;
      for (let round = unit.reps; round > 0; round--) {
        if (endAddress !== undefined && address >= endAddress) toBlank(print);
        let text = render(print, block, at, address);
        if (round === 1 && unit.noSpace) text = text.slice(0, -1);
        out += text;
        address += BigInt(print.byteCount);
        at += print.byteCount;
      }
    }
  }
  return out;
}

/** busybox's `bpad`: past the data a conversion prints blanks of its width (flags dropped). */
function toBlank(print: PrintUnit): void {
  if (print.kind === "text" || print.kind === "blank" || print.spec === undefined) return;
  const { width, precision } = print.spec;
  print.kind = "blank";
  print.spec = {
    flags: "",
    conv: "s",
    ...(width === undefined ? {} : { width }),
    ...(precision === undefined ? {} : { precision }),
  };
}

/** Control characters by name, as `%_u` shows them. */
const CONTROL_NAMES =
  "nul soh stx etx eot enq ack bel bs ht lf vt ff cr so si dle dc1 dc2 dc3 dc4 nak syn etb can em sub esc fs gs rs us".split(
    " ",
  );

/** `%_c`'s C escapes. */
const C_ESCAPES: Readonly<Record<number, string>> = {
  0: "\\0",
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
};

function render(print: PrintUnit, block: Uint8Array, at: number, address: bigint): string {
  const spec = print.spec;
  if (spec === undefined) return print.prefix;
  const byte = block[at] ?? 0;
  const printable = byte >= 0x20 && byte < 0x7f;
  const as = (conv: string, value: number | bigint | string) =>
    print.prefix + formatC({ ...spec, conv }, value) + print.suffix;
  switch (print.kind) {
    case "address":
      return as(spec.conv, address);
    case "blank":
      return as("s", "");
    case "char":
      return as("c", byte);
    case "printable":
      return as("c", printable ? byte : 0x2e);
    case "c-escape": {
      const named = C_ESCAPES[byte];
      if (named !== undefined) return as("s", named);
      return printable ? as("c", byte) : as("s", byte.toString(8).padStart(3, "0"));
    }
    case "u-name":
      if (byte <= 0x1f) return as("s", CONTROL_NAMES[byte]!);
      if (byte === 0x7f) return as("s", "del");
      return byte < 0x7f ? as("c", byte) : as("x", byte);
    case "int":
    case "uint":
      return as(spec.conv, readInteger(block, at, print.byteCount, print.kind === "int"));
    case "double":
      return as(spec.conv, readDouble(block, at, print.byteCount));
    case "string":
      return as("s", cString(block, at, spec));
    default:
      return print.prefix;
  }
}

/** A little-endian integer; busybox reads a 1-byte `%d` unsigned, wider ones signed. */
function readInteger(block: Uint8Array, at: number, size: number, signed: boolean): number {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  if (at + size > block.length) return 0;
  if (size === 1) return block[at]!;
  if (size === 2) return signed ? view.getInt16(at, true) : view.getUint16(at, true);
  return signed ? view.getInt32(at, true) : view.getUint32(at, true);
}

function readDouble(block: Uint8Array, at: number, size: number): number {
  if (at + size > block.length) return 0;
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  return size === 4 ? view.getFloat32(at, true) : view.getFloat64(at, true);
}

/** `%s` reads a C string from the block: up to a NUL (or the block's end) and the precision. */
function cString(block: Uint8Array, at: number, spec: CSpec): string {
  let end = at;
  const limit = Math.min(
    block.length,
    spec.precision === undefined ? block.length : at + spec.precision,
  );
  while (end < limit && block[end] !== 0) end++;
  return bytesToLatin1(block.subarray(at, end));
}
