import type { JsonMessage } from "../../engine/json-message.ts";

const DECIMAL_UNITS = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"] as const;

/** go-units `HumanSize`: decimal units, four significant digits (`1.982MB`, `33.79kB`, `512B`). */
export function humanSize(sizeBytes: number): string {
  let size = sizeBytes;
  let unit = 0;
  while (size >= 1000 && unit < DECIMAL_UNITS.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${goFloat4(size)}${DECIMAL_UNITS[unit]}`;
}

/** Go's `%.4g` for numbers below 1000: four significant digits, trailing zeros dropped. */
function goFloat4(value: number): string {
  const text = value.toPrecision(4);
  if (text.includes("e")) return text;
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/**
 * jsonmessage's `JSONProgress.String()` as dockerd renders it for the stream (width 200, so the
 * 50-column bar is always there): `[=======>      ]     512B/3.216kB`; the total is left out
 * when unknown (0) or smaller than the current count.
 */
export function progressBar(current: number, total: number): string {
  if (current <= 0 && total <= 0) return "";
  if (total <= 0) return humanSize(current).padStart(8);
  const percent = Math.min(50, Math.trunc(Math.trunc((current / total) * 100) / 2));
  const bar = `[${"=".repeat(percent)}>${" ".repeat(50 - percent)}] `;
  const numbers =
    current > total
      ? humanSize(current).padStart(8)
      : `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  return bar + numbers;
}

/** A progress line: `{"status":"Downloading","progressDetail":{…},"progress":"[…]","id":…}`. */
export function progressMessage(options: {
  id: string;
  action: string;
  current: number;
  total: number;
}): JsonMessage {
  const detail = {
    ...(options.current > 0 ? { current: options.current } : {}),
    ...(options.total > 0 ? { total: options.total } : {}),
  };
  return {
    status: options.action,
    progressDetail: detail,
    progress: progressBar(options.current, options.total),
    id: options.id,
  };
}

/** A status line for one item: `{"status":"Pushed","progressDetail":{},"id":"8d131e272e8d"}`. */
export function statusMessage(id: string, status: string): JsonMessage {
  return { status, progressDetail: {}, id };
}
