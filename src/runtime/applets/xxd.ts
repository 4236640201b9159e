import type { ExecResult } from "just-bash";
import { bytesToLatin1 } from "../paths.ts";
import { type Applet, done } from "./applet.ts";
import { readAppletInput } from "./applet-input.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { parseBbNumber } from "./bb-number.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { DUMP_OUTPUT_MAX } from "./dump-display.ts";
import { readDumpInputs } from "./dump-inputs.ts";
import { strerror } from "./libc-errors.ts";
import { xxdReverse } from "./xxd-reverse.ts";
import { type XxdLayout, xxdText } from "./xxd-text.ts";

const INT_MAX = 2n ** 31n - 1n;
const OFF_T_MAX = 2n ** 63n - 1n;

/**
 * `xxd [-pri] [-g N] [-c N] [-l LEN] [-s OFS] [-o OFS] [FILE]`, busybox 1.35's: the classic
 * `OFFSET: hex groups  text` lines, `-p` plain hex, `-i` a C array, `-r` back to bytes. `-a` is
 * accepted and does nothing, as in busybox; there is no `-u`.
 */
export const xxd: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("xxd", argv.slice(1), { flags: "lsapicgro", withValue: "lscgo" });
  if (isUsageFailure(parsed)) return parsed;
  const { flags, operands } = parsed;
  if (operands.length > 1) return showUsage("xxd");
  const value = (flag: string) => flags.get(flag)?.at(-1);
  const numbers = parseNumbers(value);
  if ("exitCode" in numbers) return numbers;
  const file = operands[0];
  if (flags.has("r")) {
    const input = await readAppletInput(file ?? "-", ctx, host);
    if (!input.ok && !input.opened)
      return done("", `xxd: can't open '${file}': ${strerror(input.errno)}\n`, 1);
    const bytes = input.ok
      ? xxdReverse(bytesToLatin1(input.bytes), flags.has("p"))
      : new Uint8Array(0);
    return bytesResult(bytesToLatin1(bytes), "");
  }
  const limits = { skip: numbers.skip, length: numbers.length };
  const input = await readDumpInputs("xxd", file === undefined ? [] : [file], limits, ctx, host);
  const layout: XxdLayout = {
    plain: flags.has("p"),
    include: flags.has("i"),
    columns: numbers.columns,
    group: numbers.group,
    displayOffset: numbers.displayOffset,
    name: file,
  };
  const text = xxdText(input.data, input.startAddress, layout);
  if (text === undefined || text.length > DUMP_OUTPUT_MAX)
    return done("", `${input.stderr}xxd: write error: File too large\n`, 1);
  return bytesResult(text, input.stderr, input.failed ? 1 : 0);
});

function bytesResult(stdout: string, stderr: string, exitCode = 0): ExecResult {
  const result = done(stdout, stderr, exitCode);
  return stdout === "" ? result : { ...result, stdoutKind: "bytes", stdoutEncoding: "binary" };
}

interface XxdNumbers {
  readonly length: number | undefined;
  readonly skip: bigint;
  readonly columns: number;
  readonly group: number;
  readonly displayOffset: bigint;
}

/** `-l` (0..INT_MAX, C prefixes), `-s` (0..OFF_T_MAX), `-c`/`-g` (decimal), `-o` (signed). */
function parseNumbers(value: (flag: string) => string | undefined): XxdNumbers | ExecResult {
  const lengthText = value("l");
  const offsetText = value("o") ?? "0";
  const negative = offsetText.startsWith("-");
  // getopt32 converts -c and -g while parsing, so their errors come first.
  const parsed = {
    columns: parseXxdNumber(value("c") ?? "0", 10, INT_MAX),
    group: parseXxdNumber(value("g") ?? "2", 10, INT_MAX),
    length: lengthText === undefined ? 0n : parseXxdNumber(lengthText, 0, INT_MAX),
    skip: parseXxdNumber(value("s") ?? "0", 0, OFF_T_MAX),
    offset: parseXxdNumber(negative ? offsetText.slice(1) : offsetText, 0, OFF_T_MAX),
  };
  for (const number of Object.values(parsed)) {
    if (typeof number === "string") return done("", `xxd: ${number}\n`, 1);
  }
  const { length, skip, columns, group, offset } = parsed as Record<keyof typeof parsed, bigint>;
  return {
    length: lengthText === undefined ? undefined : Number(length),
    skip,
    columns: Number(columns),
    group: Number(group),
    displayOffset: negative ? -offset : offset,
  };
}

/** A number or busybox's message; past `unsigned int`, an int option's number is invalid. */
function parseXxdNumber(text: string, base: 0 | 10, max: bigint): bigint | string {
  const number = parseBbNumber(text, { base, max });
  if (!("error" in number)) return number.value;
  if (max !== INT_MAX) return number.error;
  const wide = parseBbNumber(text, { base, max: 2n ** 32n - 1n });
  return "error" in wide ? `invalid number '${text}'` : number.error;
}
