import type { ErrorCode } from "../../errors/drydock-error.ts";

/** An error code of the distribution API, with its default message and drydock's error class. */
interface KnownCode {
  readonly message: string;
  readonly code: ErrorCode;
}

/**
 * The codes distribution's client knows (`errcode` and `registry/api/v2`); a code outside this
 * table reads as `UNKNOWN`, as the Go client decodes it.
 */
const KNOWN_CODES: ReadonlyMap<string, KnownCode> = new Map([
  ["UNKNOWN", { message: "unknown error", code: "Internal" }],
  ["UNSUPPORTED", { message: "The operation is unsupported.", code: "Unimplemented" }],
  ["UNAUTHORIZED", { message: "authentication required", code: "Unauthenticated" }],
  ["DENIED", { message: "requested access to the resource is denied", code: "PermissionDenied" }],
  ["UNAVAILABLE", { message: "service unavailable", code: "Unavailable" }],
  ["TOOMANYREQUESTS", { message: "too many requests", code: "Unavailable" }],
  [
    "DIGEST_INVALID",
    { message: "provided digest did not match uploaded content", code: "InvalidArgument" },
  ],
  [
    "SIZE_INVALID",
    { message: "provided length did not match content length", code: "InvalidArgument" },
  ],
  ["NAME_INVALID", { message: "invalid repository name", code: "InvalidArgument" }],
  ["TAG_INVALID", { message: "manifest tag did not match URI", code: "InvalidArgument" }],
  ["NAME_UNKNOWN", { message: "repository name not known to registry", code: "NotFound" }],
  ["MANIFEST_UNKNOWN", { message: "manifest unknown", code: "NotFound" }],
  ["MANIFEST_INVALID", { message: "manifest invalid", code: "InvalidArgument" }],
  [
    "MANIFEST_UNVERIFIED",
    { message: "manifest failed signature verification", code: "InvalidArgument" },
  ],
  ["MANIFEST_BLOB_UNKNOWN", { message: "blob unknown to registry", code: "InvalidArgument" }],
  ["BLOB_UNKNOWN", { message: "blob unknown to registry", code: "NotFound" }],
  ["BLOB_UPLOAD_UNKNOWN", { message: "blob upload unknown to registry", code: "NotFound" }],
  ["BLOB_UPLOAD_INVALID", { message: "blob upload invalid", code: "InvalidArgument" }],
  ["RANGE_INVALID", { message: "invalid content range", code: "InvalidArgument" }],
  [
    "PAGINATION_NUMBER_INVALID",
    { message: "invalid number of results requested", code: "InvalidArgument" },
  ],
]);

/** The code as the Go client keeps it: itself if known, `UNKNOWN` otherwise. */
export function knownCode(code: string): string {
  return KNOWN_CODES.has(code) ? code : "UNKNOWN";
}

/** The default message of a code (used when a registry sends none). */
export function defaultMessage(code: string): string {
  return KNOWN_CODES.get(knownCode(code))!.message;
}

/** drydock's error class for a distribution code. */
export function errorClassOf(code: string): ErrorCode {
  return KNOWN_CODES.get(knownCode(code))!.code;
}

/** How Go prints a code: lower case, spaces for underscores (`MANIFEST_UNKNOWN` → `manifest unknown`). */
export function codeText(code: string): string {
  return code.toLowerCase().replaceAll("_", " ");
}

const STATUS_TEXT: ReadonlyMap<number, string> = new Map([
  [400, "Bad Request"],
  [401, "Unauthorized"],
  [403, "Forbidden"],
  [404, "Not Found"],
  [405, "Method Not Allowed"],
  [409, "Conflict"],
  [413, "Request Entity Too Large"],
  [416, "Requested Range Not Satisfiable"],
  [429, "Too Many Requests"],
  [500, "Internal Server Error"],
  [502, "Bad Gateway"],
  [503, "Service Unavailable"],
  [504, "Gateway Timeout"],
]);

/** Go's `http.Response.Status` text: `503 Service Unavailable`. */
export function statusText(status: number): string {
  const text = STATUS_TEXT.get(status);
  return text === undefined ? `${status}` : `${status} ${text}`;
}
