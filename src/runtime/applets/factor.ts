import { type Applet, done } from "./applet.ts";
import { stdinBytes } from "./applet-input.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { primeFactors } from "./prime-factors.ts";

const ULLONG_MAX = 2n ** 64n - 1n;
/** The most numbers read from stdin: each is a line of output. */
const FACTOR_WORDS_MAX = 1 << 20;

/**
 * `factor [NUMBER]...`, busybox 1.35's: `N: p1 p2 …` for each number (the words of stdin when
 * there are none). A number is decimal, may have leading blanks and `+` (strtoull) and must fit
 * 64 bits; anything else stops with the usage (exit 1) after what was already printed.
 */
export const factor: Applet = withHelp((argv, ctx) => {
  const words =
    argv.length > 1
      ? argv.slice(1)
      : new TextDecoder()
          .decode(stdinBytes(ctx))
          .split(/[ \t\n\v\f\r]+/)
          .filter((w) => w !== "");
  let stdout = "";
  for (const word of words.slice(0, FACTOR_WORDS_MAX)) {
    const match = /^[ \t\n\v\f\r]*\+?([0-9]+)$/.exec(word);
    const n = match === null ? undefined : BigInt(match[1]!);
    if (n === undefined || n > ULLONG_MAX)
      return Promise.resolve({ ...showUsage("factor"), stdout });
    const factors = primeFactors(n);
    stdout += `${n}:${factors.map((p) => ` ${p}`).join("")}\n`;
  }
  return Promise.resolve(done(stdout));
});
