import { type Applet, done } from "./applet.ts";
import { readAppletInput } from "./applet-input.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { parseBbNumber } from "./bb-number.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { strerror } from "./libc-errors.ts";

const INT_MAX = 2n ** 31n - 1n;

/**
 * `cmp [-l|-s] [-n NUM] FILE1 [FILE2 [SKIP1 [SKIP2]]]`, busybox 1.35's: the first difference
 * (`F1 F2 differ: char N, line L`), every difference with `-l` (`N %3o %3o`), nothing with `-s`;
 * `cmp: EOF on F` when one file is a prefix of the other. Exit 0 same, 1 different, 2 trouble.
 * Like busybox, any option (even `-n`) makes it go on after the first difference.
 */
export const cmp: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("cmp", argv.slice(1), { flags: "sln", withValue: "n" });
  if (isUsageFailure(parsed)) return parsed;
  const { flags, operands } = parsed;
  const quiet = flags.has("s");
  const list = flags.has("l");
  if (operands.length < 1 || operands.length > 4 || (quiet && list)) return showUsage("cmp");
  let maxCount = -1;
  const countText = flags.get("n")?.at(-1);
  if (countText !== undefined) {
    const count = parseInt32(countText);
    if (typeof count === "string") return done("", `cmp: ${count}\n`, 1);
    maxCount = count;
  }
  const skips: number[] = [];
  for (const text of operands.slice(2)) {
    const skip = parseBbNumber(text, { max: 2n ** 63n - 1n });
    if ("error" in skip) return done("", `cmp: ${skip.error}\n`, 1);
    skips.push(Number(skip.value));
  }
  const names = [operands[0]!, operands[1] ?? "-"] as const;
  const inputs = [];
  for (const name of names) {
    const input = await readAppletInput(name, ctx, host);
    if (!input.ok && !input.opened)
      return done("", quiet ? "" : `cmp: ${name}: ${strerror(input.errno)}\n`, 2);
    inputs.push(input);
  }
  if (names[0] === "-" && names[1] === "-") return done("", "", 0);
  const failed = inputs.findIndex((input) => !input.ok);
  if (failed >= 0) return done("", `cmp: ${names[failed]}: I/O error\n`, 2);
  const [a, b] = inputs.map((input, i) =>
    input.ok ? input.bytes.subarray(skips[i] ?? 0) : new Uint8Array(0),
  );
  return compare({ a: a!, b: b!, names, maxCount, quiet, list, anyOption: flags.size > 0 });
});

/** busybox's `xatoi_positive`: 0..INT_MAX, larger than `unsigned long` is invalid. */
function parseInt32(text: string): number | string {
  const parsed = parseBbNumber(text, { max: INT_MAX });
  if ("error" in parsed) {
    // Parsed as `unsigned int` first: past UINT_MAX the number is invalid, not out of range.
    const wide = parseBbNumber(text, { max: 2n ** 32n - 1n });
    return "error" in wide ? `invalid number '${text}'` : parsed.error;
  }
  return Number(parsed.value);
}

interface Comparison {
  readonly a: Uint8Array;
  readonly b: Uint8Array;
  readonly names: readonly [string, string];
  readonly maxCount: number;
  readonly quiet: boolean;
  readonly list: boolean;
  readonly anyOption: boolean;
}

/** The byte loop of `cmp_main`, one `getc` from each file per step. */
function compare(c: Comparison): ReturnType<Applet> {
  let stdout = "";
  let stderr = "";
  let differ = false;
  let line = 1;
  const limit = c.maxCount < 0 ? Number.POSITIVE_INFINITY : c.maxCount;
  for (let pos = 0; pos < limit; pos++) {
    const c1 = c.a[pos];
    const c2 = c.b[pos];
    if (c1 !== c2) {
      differ = true;
      if (c1 === undefined || c2 === undefined) {
        const shorter = c2 === undefined ? c.names[1] : c.names[0];
        if (!c.quiet) stderr += `cmp: EOF on ${shorter}\n`;
        break;
      }
      if (!c.quiet) {
        if (c.list) stdout += `${pos + 1} ${octal3(c1)} ${octal3(c2)}\n`;
        else stdout += `${c.names[0]} ${c.names[1]} differ: char ${pos + 1}, line ${line}\n`;
        if (c.anyOption) continue;
      }
      break;
    }
    if (c1 === undefined) break;
    if (c1 === 10) line++;
  }
  return Promise.resolve(done(stdout, stderr, differ ? 1 : 0));
}

function octal3(byte: number): string {
  return byte.toString(8).padStart(3, " ");
}
