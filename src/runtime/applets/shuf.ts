import type { ExecResult } from "just-bash";
import { bytesToLatin1, latin1ToBytes } from "../paths.ts";
import { type Applet, done } from "./applet.ts";
import { readAppletInput } from "./applet-input.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { parseBbNumber } from "./bb-number.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { errnoOf, strerror } from "./libc-errors.ts";

/**
 * The most lines shuf holds (busybox allocates a pointer per line and says `out of memory`
 * when it cannot); also bounds `-i` ranges.
 */
export const SHUF_LINES_MAX: number = 1 << 20;

/**
 * `shuf [-n NUM] [-o FILE] [-z] [FILE | -e [ARG...] | -i L-H]`, busybox 1.35's: lines of a file
 * (stdin), of the arguments or of a number range, in an order drawn from the process's seeded
 * Rng (busybox seeds `rand()` from the clock, so real orders cannot be reproduced anyway), with
 * busybox's partial Fisher–Yates from the end and its messages.
 */
export const shuf: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("shuf", argv.slice(1), { flags: "einoz", withValue: "ino" });
  if (isUsageFailure(parsed)) return parsed;
  const { flags, operands } = parsed;
  const value = (flag: string) => flags.get(flag)?.at(-1);
  const range = value("i");
  if (
    (flags.has("e") && range !== undefined) ||
    (!flags.has("e") && operands.length > (range === undefined ? 1 : 0))
  )
    return showUsage("shuf");
  const countText = value("n");
  let count = Number.POSITIVE_INFINITY;
  if (countText !== undefined) {
    const number = parseBbNumber(countText, { max: 2n ** 32n - 1n });
    if ("error" in number) return done("", `shuf: invalid number '${countText}'\n`, 1);
    count = Number(number.value);
  }
  const terminator = flags.has("z") ? "\0" : "\n";
  let lines: string[];
  // Arguments are text; the output is bytes, so they go in as their UTF-8 bytes.
  if (flags.has("e")) lines = operands.map((arg) => bytesToLatin1(new TextEncoder().encode(arg)));
  else if (range !== undefined) {
    const numbers = rangeLines(range);
    if (typeof numbers === "string") return done("", `shuf: ${numbers}\n`, 1);
    lines = numbers;
  } else {
    const name = operands[0] ?? "-";
    const input = await readAppletInput(name, ctx, host);
    if (!input.ok && !input.opened) return done("", `shuf: ${name}: ${strerror(input.errno)}\n`, 1);
    lines = input.ok ? splitLines(bytesToLatin1(input.bytes), terminator) : [];
    if (lines.length > SHUF_LINES_MAX) return done("", "shuf: out of memory\n", 1);
  }
  const chosen = shuffleTail(lines, Math.min(count, lines.length), (bound) =>
    host.rng.below(bound),
  );
  const text = chosen.map((line) => line + terminator).join("");
  const output = value("o");
  if (output === undefined) return bytesOut(text);
  try {
    await host.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, output), latin1ToBytes(text));
  } catch (error) {
    return done("", `shuf: can't open '${output}': ${strerror(errnoOf(error))}\n`, 1);
  }
  return done("", "", 0);
});

function bytesOut(text: string): ExecResult {
  const result = done(text, "", 0);
  return text === "" ? result : { ...result, stdoutKind: "bytes", stdoutEncoding: "binary" };
}

/** `-i L-H`: `bad range` without a dash or with L > H, busybox's number messages otherwise. */
function rangeLines(range: string): string[] | string {
  const dash = range.indexOf("-");
  if (dash < 0) return `bad range '${range}'`;
  const bounds = [range.slice(0, dash), range.slice(dash + 1)].map((text) => ({
    text,
    parsed: parseBbNumber(text),
  }));
  for (const { text, parsed } of bounds) if ("error" in parsed) return `invalid number '${text}'`;
  const [low, high] = bounds.map(({ parsed }) => ("value" in parsed ? parsed.value : 0n)) as [
    bigint,
    bigint,
  ];
  if (low > high || high - low + 1n > 2n ** 32n - 1n) return `bad range '${range}'`;
  if (high - low + 1n > BigInt(SHUF_LINES_MAX)) return "out of memory";
  return Array.from({ length: Number(high - low) + 1 }, (_, i) => String(low + BigInt(i)));
}

/** getline's lines: the terminator ends each, a last line without it still counts. */
function splitLines(text: string, terminator: string): string[] {
  if (text === "") return [];
  const lines = text.split(terminator);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/**
 * busybox's `shuffle_lines`: swaps a random earlier line into each of the last `count` places,
 * from the end, then prints those places in order.
 */
function shuffleTail(lines: string[], count: number, below: (bound: number) => number): string[] {
  const out = [...lines];
  for (let i = out.length - 1, left = count; left > 0; i--, left--) {
    const r = below(i + 1);
    [out[i], out[r]] = [out[r]!, out[i]!];
  }
  return out.slice(out.length - count);
}
