/**
 * Go's `time.Duration.String()`: "0s", "1.5s", "1m30s", "2h0m0s", "500ms", "1.2µs", "300ns".
 * Templates print durations this way (a health check's `Interval` reads `30s`).
 */
export function goDurationString(nanoseconds: number): string {
  if (!Number.isFinite(nanoseconds)) return "0s";
  const negative = nanoseconds < 0;
  let rest = BigInt(Math.trunc(Math.abs(nanoseconds)));
  if (rest === 0n) return "0s";
  let text: string;
  if (rest < 1_000_000_000n) {
    // Under a second: the largest of ns, µs, ms that keeps an integral part, with a fraction.
    const [unit, scale] =
      rest < 1_000n ? ["ns", 1n] : rest < 1_000_000n ? ["µs", 1_000n] : ["ms", 1_000_000n];
    text = `${fixed(rest, scale)}${unit}`;
  } else {
    const seconds = fixed(rest % 60_000_000_000n, 1_000_000_000n);
    rest /= 60_000_000_000n;
    if (rest === 0n) text = `${seconds}s`;
    else {
      const minutes = rest % 60n;
      const hours = rest / 60n;
      text = hours > 0n ? `${hours}h${minutes}m${seconds}s` : `${minutes}m${seconds}s`;
    }
  }
  return negative ? `-${text}` : text;
}

/** `value / scale` in decimal, trailing zeros of the fraction dropped. */
function fixed(value: bigint, scale: bigint): string {
  const whole = value / scale;
  if (scale === 1n) return String(whole);
  const digits = String(scale).length - 1;
  const fraction = String(value % scale)
    .padStart(digits, "0")
    .replace(/0+$/, "");
  return fraction === "" ? String(whole) : `${whole}.${fraction}`;
}
