/** A duration Go's `time.ParseDuration` refuses; the message is Go's. */
export class GoDurationError extends Error {}

const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  "\u00b5s": 1_000n, // U+00B5 micro sign
  "\u03bcs": 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const LIMIT = 1n << 63n;

/**
 * Go's `time.ParseDuration` (`1h30m`, `1.5s`, `-2ms`, `0`): returns nanoseconds. Values past
 * 2^53 ns (104 days) lose precision in the returned number; past 2^63 ns it is Go's error.
 */
export function parseGoDuration(text: string): number {
  const invalid = (): GoDurationError =>
    new GoDurationError(`time: invalid duration ${goTimeQuote(text)}`);
  let rest = text;
  let negative = false;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    negative = rest.startsWith("-");
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") throw invalid();
  let total = 0n;
  while (rest !== "") {
    const match = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest) as RegExpExecArray;
    const whole = match[1] ?? "";
    const fraction = match[2] ?? "";
    if (whole === "" && fraction === "") throw invalid();
    rest = rest.slice(match[0].length);
    const unit = /^[^0-9.]*/.exec(rest)?.[0] ?? "";
    if (unit === "")
      throw new GoDurationError(`time: missing unit in duration ${goTimeQuote(text)}`);
    const scale = UNIT_NS[unit];
    if (scale === undefined) {
      throw new GoDurationError(
        `time: unknown unit ${goTimeQuote(unit)} in duration ${goTimeQuote(text)}`,
      );
    }
    rest = rest.slice(unit.length);
    const wholeValue = BigInt(whole === "" ? "0" : whole);
    if (wholeValue > LIMIT / scale) throw invalid();
    let value = wholeValue * scale;
    if (fraction !== "") {
      // Go keeps at most the digits that fit in an int64 and scales with float64.
      const digits = fraction.slice(0, 18);
      const f = Number(digits);
      if (f > 0) value += BigInt(Math.trunc(f * (Number(scale) / 10 ** digits.length)));
      if (value > LIMIT) throw invalid();
    }
    total += value;
    if (total > LIMIT) throw invalid();
  }
  if (!negative && total > LIMIT - 1n) throw invalid();
  return Number(negative ? -total : total);
}

/** Go's `time.quote`: `"` and `\` escaped, non-ASCII and control bytes as `\xNN`. */
function goTimeQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of new TextEncoder().encode(ch))
        out += `\\x${byte.toString(16).padStart(2, "0")}`;
    } else {
      out += ch === '"' || ch === "\\" ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}
