/** What a link proxy observed of one HTTP request/response exchange. */
import type { IncomingHttpHeaders } from "node:http";

/** One HTTP exchange that crossed a link proxy, as the proxy saw it. */
export interface LinkExchange {
  /** Wall-clock µs when the request's headers reached the proxy. */
  readonly startUs: number;
  /** Wall-clock µs when the response had been sent completely, or the exchange was cut. */
  readonly endUs: number;
  readonly method: string;
  /** Path with query, as sent by the client (origin-form). */
  readonly path: string;
  /** The status the client received; undefined when the exchange was cut before its status line. */
  readonly status: number | undefined;
  /** Request body bytes forwarded to the registry. */
  readonly requestBytes: number;
  /** Response body bytes forwarded to the client. */
  readonly responseBytes: number;
  /** Lower-case names, only {@link OBSERVED_HEADERS} (multiple values joined with ", "). */
  readonly requestHeaders: Readonly<Record<string, string>>;
  /** As the client received them (`location` after rewriting). */
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** Why the exchange was cut (link cut, registry down, a side closed or failed). */
  readonly error?: string;
}

/** The headers an exchange keeps: those registry traffic is understood by. */
export const OBSERVED_HEADERS: readonly string[] = [
  "accept",
  "content-length",
  "content-range",
  "content-type",
  "docker-content-digest",
  "docker-upload-uuid",
  "location",
  "range",
];

/** The {@link OBSERVED_HEADERS} present in `headers`. */
export function observedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of OBSERVED_HEADERS) {
    const value = headers[name];
    if (value !== undefined) kept[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return kept;
}
