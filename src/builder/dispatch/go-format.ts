import { goQuote, goQuoteRune } from "../../go/quote.ts";
import type { HealthConfig } from "../../image/container-config.ts";

/** Go's `%q` of a `[]string`: `["a" "b c"]`; `[]` for nil or empty. */
export function goQuotedList(list: readonly string[] | null | undefined): string {
  return `[${(list ?? []).map(goQuote).join(" ")}]`;
}

/** Go's `%v` of a `[]string`: `[a b c]`. */
export function goPlainList(list: readonly string[] | null | undefined): string {
  return `[${(list ?? []).join(" ")}]`;
}

const NS_PER_US = 1_000;
const NS_PER_MS = 1_000_000;
const NS_PER_S = 1_000_000_000;

/** Go's `time.Duration.String()`: `0s`, `1.5s`, `2m0s`, `1h0m30s`, `500ms`, `1µs`, `7ns`. */
export function goDuration(nanoseconds: number): string {
  if (nanoseconds === 0) return "0s";
  const negative = nanoseconds < 0;
  const ns = Math.abs(nanoseconds);
  const sign = negative ? "-" : "";
  if (ns < NS_PER_S) {
    if (ns < NS_PER_US) return `${sign}${ns}ns`;
    if (ns < NS_PER_MS) return `${sign}${fraction(ns, NS_PER_US)}µs`;
    return `${sign}${fraction(ns, NS_PER_MS)}ms`;
  }
  const totalSeconds = Math.floor(ns / NS_PER_S);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = fraction(ns - (hours * 3600 + minutes * 60) * NS_PER_S, NS_PER_S);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** `value / unit` in decimal, trailing zeros of the fraction dropped (Go's `fmtFrac`). */
function fraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value - whole * unit;
  if (rest === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, "0").replace(/0+$/, "")}`;
}

/**
 * Go's `%q` of dockerd 20.10's `*container.HealthConfig`, as the classic builder writes it into
 * `HEALTHCHECK` history: `&{["CMD-SHELL" "curl x"] "30s" "0s" "0s" '\x03'}`.
 */
export function goHealthcheck(health: HealthConfig): string {
  const durations = [health.intervalNs, health.timeoutNs, health.startPeriodNs].map(
    (ns) => `"${goDuration(ns ?? 0)}"`,
  );
  return `&{${goQuotedList(health.test)} ${durations.join(" ")} ${goQuoteRune(health.retries ?? 0)}}`;
}
