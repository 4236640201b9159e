import { DrydockError } from "../errors/drydock-error.ts";
import type { ApiRequest } from "./api-exchange.ts";
import { decodeGo, type GoType } from "./go-decode.ts";
import { scanGoJsonValue } from "./scan-go-json-value.ts";

/** JSON bodies (create requests, exec, networks, volumes) are small; build contexts are not JSON. */
export const JSON_BODY_SIZE_BYTES_MAX: number = 4 * 1024 * 1024;

/** How an endpoint decodes its JSON body, as its dockerd handler does. */
export interface JsonBodyOptions {
  /** The Go struct decoded into (its field types are checked as Go checks them). */
  readonly schema: GoType;
  /** The status of a decode error: 400 for most, 500 where 20.10 forgets to mark it (create, auth). */
  readonly invalidStatus?: 400 | 500;
  /** Whether an empty body decodes to `{}` (dockerd checks `ContentLength == 0` for some). */
  readonly emptyAsObject?: boolean;
  /** The message for an empty body, where the handler words it itself (volumes, networks). */
  readonly emptyMessage?: string;
}

const DECODER = new TextDecoder();

/**
 * Reads a JSON object body the way dockerd's handlers do: `CheckForJSON` first (a body must be
 * `application/json`), then Go's decoder, whose messages reach the client verbatim.
 */
export async function readJsonBody(
  request: ApiRequest,
  options: JsonBodyOptions,
): Promise<Record<string, unknown>> {
  const bytes = await request.body.read(JSON_BODY_SIZE_BYTES_MAX);
  checkForJson(request, bytes.length);
  const text = DECODER.decode(bytes);
  const status = options.invalidStatus ?? 400;
  if (text.trim() === "" && options.emptyAsObject === true) return {};
  if (bytes.length === 0 && options.emptyMessage !== undefined) {
    throw decodeError(options.emptyMessage, status);
  }
  const scanned = scanGoJsonValue(text);
  if ("error" in scanned) throw decodeError(scanned.error, status);
  const value = JSON.parse(text.slice(0, scanned.end)) as unknown;
  if (value === null) return {};
  return decodeGo(value, options.schema, { status }) as Record<string, unknown>;
}

/** dockerd's `CheckForJSON`: a body with another content type is refused (400). */
export function checkForJson(request: ApiRequest, bodySizeBytes: number): void {
  if (bodySizeBytes === 0) return;
  const contentType = request.headers["content-type"] ?? "";
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (mediaType === "application/json") return;
  throw new DrydockError(
    "InvalidArgument",
    `Content-Type specified (${contentType}) must be 'application/json'`,
    { data: { contentType } },
  );
}

function decodeError(message: string, status: 400 | 500): DrydockError {
  return new DrydockError(status === 400 ? "InvalidArgument" : "Internal", message, {
    data: { json: true },
  });
}
