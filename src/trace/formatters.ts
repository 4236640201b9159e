import { canonicalJson } from "../digest/canonical-json.ts";
import type { TraceEvent, TraceValue } from "./trace-event.ts";

/** One JSON object per line, keys sorted: the byte-stable form golden traces are compared in. */
export function formatJsonl(events: readonly TraceEvent[]): string {
  return events.map((event) => `${canonicalJson(event)}\n`).join("");
}

/**
 * One line per event, for people:
 * `+0.001250s dev      builder  builder.cache.hit step=3 instruction="COPY . /app"`
 * Times are relative to `startUs` (the world's start), in seconds with microsecond precision.
 */
export function formatText(
  events: readonly TraceEvent[],
  options: { startUs?: number } = {},
): string {
  const startUs = options.startUs ?? events[0]?.tUs ?? 0;
  return events.map((event) => `${formatTextLine(event, startUs)}\n`).join("");
}

export function formatTextLine(event: TraceEvent, startUs: number): string {
  const elapsedUs = event.tUs - startUs;
  const sign = elapsedUs < 0 ? "-" : "+";
  const magnitude = Math.abs(elapsedUs);
  const time = `${sign}${Math.floor(magnitude / 1_000_000)}.${String(magnitude % 1_000_000).padStart(6, "0")}s`;
  const fields: string[] = [];
  if (event.step !== undefined) fields.push(`step=${event.step}`);
  for (const key of Object.keys(event.data ?? {}).sort()) {
    fields.push(`${key}=${formatValue(event.data![key]!)}`);
  }
  const head = `${time} ${(event.host ?? "-").padEnd(8)} ${event.component.padEnd(8)} ${event.kind}`;
  return fields.length === 0 ? head : `${head} ${fields.join(" ")}`;
}

function formatValue(value: TraceValue): string {
  if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return canonicalJson(value);
}
