import { writeGoJson } from "../../digest/go-json.ts";
import type { RegistryRequest, RegistryResponse } from "../registry-http.ts";
import { REGISTRY_ERROR_CODES, type RegistryErrorCode } from "./registry-error-code.ts";

/** Every answer of registry 2.8.2 carries this header. */
export const API_VERSION_HEADER: Readonly<Record<string, string>> = {
  "docker-distribution-api-version": "registry/2.0",
};

/** The content type of 2.8.2's JSON answers (errors, listings, `/v2/`). */
export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

const encoder = new TextEncoder();
const EMPTY = new Uint8Array();

/** One entry of an error body; `detail` undefined is left out, as Go's `omitempty` does. */
export interface ErrorEntry {
  readonly code: RegistryErrorCode;
  readonly message?: string;
  readonly detail?: unknown;
}

/**
 * An answer: the API version header, `content-length` of the body, and no body for `HEAD`
 * (the length stays, as Go's server sends it).
 */
export function reply(
  request: RegistryRequest,
  status: number,
  options: { headers?: Readonly<Record<string, string>>; body?: Uint8Array } = {},
): RegistryResponse {
  const body = options.body ?? EMPTY;
  return {
    status,
    headers: { ...API_VERSION_HEADER, "content-length": String(body.length), ...options.headers },
    body: request.method === "HEAD" ? EMPTY : body,
  };
}

/** A JSON answer encoded as Go's `json.NewEncoder(w).Encode` writes it: with a final newline. */
export function jsonReply(
  request: RegistryRequest,
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): RegistryResponse {
  const body = encoder.encode(`${writeGoJson(value)}\n`);
  return reply(request, status, {
    headers: { "content-type": JSON_CONTENT_TYPE, ...headers },
    body,
  });
}

/**
 * `{"errors":[…]}` with the status of the first entry's code (`status` overrides). Messages
 * default to the code's own.
 */
export function errorReply(
  request: RegistryRequest,
  entries: readonly ErrorEntry[],
  options: { status?: number; headers?: Readonly<Record<string, string>> } = {},
): RegistryResponse {
  const first = entries[0];
  const status =
    options.status ?? (first === undefined ? 500 : REGISTRY_ERROR_CODES[first.code].status);
  const errors = entries.map((entry) => ({
    code: entry.code,
    message: entry.message ?? REGISTRY_ERROR_CODES[entry.code].message,
    detail: entry.detail,
  }));
  return jsonReply(request, status, { errors }, options.headers);
}

/** One error entry as an answer. */
export function errorOf(
  request: RegistryRequest,
  code: RegistryErrorCode,
  detail?: unknown,
  message?: string,
): RegistryResponse {
  return errorReply(request, [{ code, detail, ...(message === undefined ? {} : { message }) }]);
}

/**
 * Go's `http.Error` text answers, which 2.8.2's router gives for routes it does not know
 * (`404 page not found`) and methods a route does not take (`Method not allowed`).
 */
export function textReply(
  request: RegistryRequest,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): RegistryResponse {
  return reply(request, status, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
      ...headers,
    },
    body: encoder.encode(`${text}\n`),
  });
}

/** Go's encoding of an `error` value without exported fields, as 2.8.2 puts it in `detail`. */
export const OPAQUE_DETAIL: Readonly<Record<string, never>> = Object.freeze({});
