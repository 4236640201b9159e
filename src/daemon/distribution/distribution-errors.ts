import { DrydockError, isDrydockError } from "../../errors/drydock-error.ts";
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

function unknown(message: string, cause: DrydockError): DrydockError {
  return new DrydockError("Internal", message, { data: cause.data, cause });
}
