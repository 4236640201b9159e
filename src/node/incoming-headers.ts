import type { IncomingMessage } from "node:http";

/** Headers with lower-case names, repeated ones joined by `, ` as Go's `Header.Get` sees a list. */
export function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}
