import { DrydockError, isDrydockError } from "../../errors/drydock-error.ts";
import { goQuote } from "../../go/quote.ts";
import type { RegistryRequest } from "../registry-http.ts";

/**
 * A failure to carry a request (unknown host, refused connection, a failed token fetch), worded
 * as Go's `url.Error`: `Get "http://localhost:5999/v2/": dial tcp 127.0.0.1:5999: connect:
 * connection refused`. The code of the cause is kept.
 */
export function requestError(
  request: Pick<RegistryRequest, "method">,
  url: string,
  cause: unknown,
): DrydockError {
  const inner = cause instanceof Error ? cause.message : String(cause);
  const code = isDrydockError(cause) ? cause.code : "Unavailable";
  return new DrydockError(code, `${goMethod(request.method)} ${goQuote(url)}: ${inner}`, {
    data: { method: request.method, url },
    cause,
  });
}

/** Go's spelling of an HTTP method in `url.Error` (`Get`, `Head`, `Post`, …). */
export function goMethod(method: RegistryRequest["method"]): string {
  return method.charAt(0) + method.slice(1).toLowerCase();
}

/** The transport-level error of a domain no resolver knows: Go's DNS failure. */
export function noSuchHost(hostname: string): DrydockError {
  return new DrydockError("Unavailable", `dial tcp: lookup ${hostname}: no such host`, {
    data: { hostname },
  });
}
