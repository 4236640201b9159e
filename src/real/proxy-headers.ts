/** Which headers a link proxy passes on, and how it keeps `Location` pointing through the link. */

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) plus `expect` (Node's server has already answered
 * `100 Continue`): each side of the proxy speaks its own connection management and framing.
 */
const HOP_BY_HOP: ReadonlySet<string> = new Set([
  "connection",
  "expect",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/**
 * End-to-end headers of `headers` (Node's `headersDistinct`), every value kept: a string for
 * one, an array for several (Node insists on a string `host`).
 */
export function endToEndHeaders(
  headers: Readonly<Record<string, string[] | undefined>>,
): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(headers)) {
    if (values === undefined || values.length === 0 || HOP_BY_HOP.has(name)) continue;
    kept[name] = values.length === 1 ? values[0]! : values;
  }
  return kept;
}

/**
 * `location` with an absolute URL naming the registry's own address (`http://127.0.0.1:41234/v2/…`)
 * turned into one naming the proxy, so the client keeps going through the link. docker-registry
 * 2.8.2 builds absolute URLs from the request's `Host` header, which the proxy forwards unchanged,
 * so this only matters for registries configured with their own `http.host`.
 */
export function rewriteLocation(
  location: string,
  options: { targetAddress: string; proxyAddress: string },
): string {
  const prefix = `http://${options.targetAddress}`;
  const rest = location.slice(prefix.length);
  const named = location.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase();
  if (named && (rest === "" || "/?#".includes(rest[0]!)))
    return `http://${options.proxyAddress}${rest}`;
  return location;
}
