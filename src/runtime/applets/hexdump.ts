import type { CommandContext, ExecResult } from "just-bash";
import type { ProcessHost } from "../process-host.ts";
import { type Applet, done } from "./applet.ts";
import { readAppletInput } from "./applet-input.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { parseBbNumber, type SuffixTable } from "./bb-number.ts";
import { withHelp } from "./bb-usage.ts";
import { dumpBytes } from "./dump-display.ts";
import { DumpFormatError, type FormatString, parseFormatString } from "./dump-format.ts";
import { readDumpInputs } from "./dump-inputs.ts";
import { compileDump } from "./dump-rewrite.ts";
import { strerror } from "./libc-errors.ts";

/** The address line every preset starts with (busybox's `add_first`), printed after the data. */
const ADD_FIRST = '"%07.7_Ax\n"';

/** `-b -c -d -o -x`: busybox hexdump.c's `add_strings`. */
const PRESETS: Readonly<Record<string, string>> = {
  b: '"%07.7_ax " 16/1 "%03o " "\\n"',
  c: '"%07.7_ax " 16/1 "%3_c " "\\n"',
  d: '"%07.7_ax " 8/2 "  %05u " "\\n"',
  o: '"%07.7_ax " 8/2 " %06o " "\\n"',
  x: '"%07.7_ax " 8/2 "   %04x " "\\n"',
};

/** `-C`: offset, two groups of eight hex bytes, the printable characters between bars. */
const CANONICAL = [
  '"%08.8_Ax\n"',
  '"%08.8_ax  " 8/1 "%02x " "  " 8/1 "%02x " ',
  '"  |" 16/1 "%_p" "|\\n"',
];

const DEFAULT = '"%07.7_ax " 8/2 "%04x " "\\n"';

/** hexdump's `-s` suffixes. */
const SKIP_SUFFIXES: SuffixTable = [
  ["b", 512n],
  ["k", 1024n],
  ["m", 1024n * 1024n],
];

/** The options, in order, turned into format strings, length, skip and `-v`. */
interface HexdumpPlan {
  readonly strings: FormatString[];
  length: number | undefined;
  skip: bigint;
  showAll: boolean;
}

/**
 * `hexdump [-bcdoxCv] [-e FMT] [-f FMT_FILE] [-n LEN] [-s OFS] [FILE]...`, busybox 1.35's, on
 * drydock's port of its format engine (dump-format.ts, dump-rewrite.ts, dump-display.ts).
 * Refused: `%l…` length modifiers (busybox mis-sizes them and prints nothing) and printf specs
 * outside `%[-+ #0]*[0-9]*[.[0-9]*]`.
 */
export const hexdump: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("hexdump", argv.slice(1), {
    flags: "bcdoxCefnsv",
    withValue: "efns",
  });
  if (isUsageFailure(parsed)) return parsed;
  try {
    const plan = await planOf(parsed.sequence, ctx, host);
    if ("exitCode" in plan) return plan;
    if (plan.strings.length === 0)
      plan.strings.push(...[ADD_FIRST, DEFAULT].map(parseFormatString));
    const program = compileDump(plan.strings);
    const limits = { skip: plan.skip, length: plan.length };
    const input = await readDumpInputs("hexdump", parsed.operands, limits, ctx, host);
    const out = dumpBytes(program, { ...input, showAll: plan.showAll });
    if (out === undefined)
      return done("", `${input.stderr}hexdump: write error: File too large\n`, 1);
    const result = done(out, input.stderr, input.failed ? 1 : 0);
    return out === "" ? result : { ...result, stdoutKind: "bytes", stdoutEncoding: "binary" };
  } catch (error) {
    if (error instanceof DumpFormatError) return done("", `hexdump: ${error.message}\n`, 1);
    throw error;
  }
});

async function planOf(
  sequence: readonly (readonly [string, string])[],
  ctx: CommandContext,
  host: ProcessHost,
): Promise<HexdumpPlan | ExecResult> {
  const plan: HexdumpPlan = { strings: [], length: undefined, skip: 0n, showAll: false };
  const add = (fmt: string) => plan.strings.push(parseFormatString(fmt));
  for (const [flag, value] of sequence) {
    const preset = PRESETS[flag];
    if (preset !== undefined) [ADD_FIRST, preset].forEach(add);
    else if (flag === "C") CANONICAL.forEach(add);
    else if (flag === "e") add(value);
    else if (flag === "f") {
      const file = await readAppletInput(value, ctx, host);
      if (!file.ok) return done("", `hexdump: can't open '${value}': ${strerror(file.errno)}\n`, 1);
      for (const line of new TextDecoder().decode(file.bytes).split("\n")) {
        const text = line.trimStart();
        if (!text.startsWith("#")) add(text);
      }
    } else if (flag === "n") {
      const length = parseBbNumber(value, { max: 2n ** 31n - 1n });
      if ("error" in length) return done("", `hexdump: ${lengthError(value, length.error)}\n`, 1);
      plan.length = Number(length.value);
    } else if (flag === "s") {
      const skip = parseBbNumber(value, { base: 0, suffixes: SKIP_SUFFIXES, max: 2n ** 63n - 1n });
      if ("error" in skip) return done("", `hexdump: ${skip.error}\n`, 1);
      plan.skip = skip.value;
    } else if (flag === "v") plan.showAll = true;
  }
  return plan;
}

/** `xatoi_positive`: a number past `unsigned int` is invalid rather than out of range. */
function lengthError(text: string, error: string): string {
  const wide = parseBbNumber(text, { max: 2n ** 32n - 1n });
  return "error" in wide ? `invalid number '${text}'` : error;
}
