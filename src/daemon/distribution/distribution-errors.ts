import { DrydockError, isDrydockError } from "../../errors/drydock-error.ts";
import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";
import { familiarName, familiarString, type NamedReference } from "../../image/reference.ts";
import { entryText, RegistryResponseError } from "../../registry/client/registry-response-error.ts";

/**
 * dockerd's `translatePullError`: the first registry error decides; `DENIED`, `MANIFEST_UNKNOWN`
 * and `NAME_UNKNOWN` become not-found errors with dockerd's sentences (HTTP 404), anything else
 * keeps its text as an unknown error (HTTP 500).
 */
export function translatePullError(error: unknown, reference: NamedReference): unknown {
  if (!isDrydockError(error)) return error;
  if (error instanceof RegistryResponseError && error.errors.length > 0) {
    const first = error.errors[0]!;
    const text = entryText(first);
    const notFound = (message: string): DrydockError =>
      new DrydockError("NotFound", message, { data: { code: first.code }, cause: error });
    switch (first.code) {
      case "DENIED":
        return notFound(
          `pull access denied for ${familiarName(reference)}, repository does not exist or may require 'docker login': ${text}`,
        );
      case "MANIFEST_UNKNOWN":
        return notFound(`manifest for ${familiarString(reference)} not found: ${text}`);
      case "NAME_UNKNOWN":
        return notFound(`repository ${familiarName(reference)} not found: ${text}`);
      default:
        return unknown(text, error);
    }
  }
  if (error.code === "NotFound" || error.code === "InvalidArgument") return error;
  return unknown(error.message, error);
}

/**
 * dockerd's `retryOnError` for a layer upload: of several registry errors only the first is
 * reported (`denied: requested access to the resource is denied`), and a request that could not
 * be carried reports Go's `url.Error` without its `Patch "<url>": ` (the upload URL holds a
 * random session UUID): `write tcp 10.0.0.2:36297->10.1.0.3:5000: write: connection reset by
 * peer`, as dockerd 20.10 prints when the registry goes away mid-upload.
 */
export function layerUploadError(error: unknown): unknown {
  if (isDrydockError(error) && typeof error.data?.url === "string" && isDrydockError(error.cause))
    return error.cause;
  if (!(error instanceof RegistryResponseError) || error.errors.length < 2) return error;
  const first = error.errors[0]!;
  return new DrydockError(error.code, entryText(first), {
    data: { code: first.code },
    cause: error,
  });
}

/**
 * Registry error codes dockerd's `retryOnError` never retries (`BLOB_UNKNOWN` stands for
 * distribution's `ErrBlobUnknown`, which a blob fetch answered 404 becomes in Go).
 */
const NOT_RETRIED_CODES: ReadonlySet<string> = new Set([
  "UNAUTHORIZED",
  "UNSUPPORTED",
  "DENIED",
  "TOOMANYREQUESTS",
  "NAME_UNKNOWN",
  "BLOB_UNKNOWN",
]);

/**
 * Whether dockerd's transfer managers would retry a layer transfer after this failure
 * (`retryOnError` not wrapping it in `DoNotRetry`): a request that could not be carried
 * (connection refused or reset, no route, no such host) and a registry error other than an
 * authorization, rate-limit or unknown-name one are retried; an unreadable error response,
 * a checksum mismatch, a limit and anything drydock does not know as a transfer failure are not.
 */
export function isRetryableTransferError(error: unknown): boolean {
  if (!isDrydockError(error) || error instanceof LimitExceededError) return false;
  if (error instanceof RegistryResponseError) {
    const first = error.errors[0];
    if (first !== undefined) return !NOT_RETRIED_CODES.has(first.code);
    // distribution's UnexpectedHTTPStatusError is retried, its UnexpectedHTTPResponseError not.
    return error.message.startsWith("received unexpected HTTP status");
  }
  // Go's url.Error: the decision is the wrapped error's.
  if (typeof error.data?.url === "string" && error.cause !== undefined)
    return isRetryableTransferError(error.cause);
  return error.code === "Unavailable";
}

function unknown(message: string, cause: DrydockError): DrydockError {
  return new DrydockError("Internal", message, { data: cause.data, cause });
}
