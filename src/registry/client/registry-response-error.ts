import { DrydockError } from "../../errors/drydock-error.ts";
import { goQuote } from "../../go/quote.ts";
import type { RegistryResponse } from "../registry-http.ts";
import { parseAuthChallenge } from "./auth-challenge.ts";
import { codeText, defaultMessage, errorClassOf, knownCode, statusText } from "./error-codes.ts";

/** One entry of a registry's `{"errors":[…]}` body. */
export interface RegistryErrorEntry {
  /** The code as distribution's client keeps it (`UNKNOWN` for codes it does not know). */
  readonly code: string;
  readonly message: string;
  readonly detail?: unknown;
}

/** Error bodies are read up to this size; registries send a few hundred bytes. */
const ERROR_BODY_BYTES_MAX = 64 * 1024;

/**
 * A registry's answer that is an error, worded as distribution's Go client words it: one entry
 * prints `manifest unknown: manifest unknown`, several print `errors:\n…\n`, a body without
 * entries prints `error parsing HTTP 404 response body: …`, a server error prints
 * `received unexpected HTTP status: 503 Service Unavailable`. The class comes from the first
 * entry (`MANIFEST_UNKNOWN` → NotFound, `DENIED` → PermissionDenied, …).
 */
export class RegistryResponseError extends DrydockError {
  readonly status: number;
  readonly errors: readonly RegistryErrorEntry[];

  constructor(options: {
    status: number;
    errors: readonly RegistryErrorEntry[];
    message?: string;
  }) {
    const first = options.errors[0];
    const code =
      first !== undefined
        ? errorClassOf(first.code)
        : options.status === 429
          ? "Unavailable"
          : options.status >= 500
            ? "Unavailable"
            : "Internal";
    super(code, options.message ?? errorsText(options.errors), {
      data: { status: options.status, errors: options.errors.map((entry) => entry.code) },
    });
    this.name = "RegistryResponseError";
    this.status = options.status;
    this.errors = options.errors;
  }

  /** The first entry's code, if any (`MANIFEST_UNKNOWN`, `DENIED`, …). */
  get firstCode(): string | undefined {
    return this.errors[0]?.code;
  }
}

/** Go's `errcode.Errors.Error()`. */
export function errorsText(errors: readonly RegistryErrorEntry[]): string {
  if (errors.length === 1) return entryText(errors[0]!);
  if (errors.length === 0) return "<nil>";
  return `errors:\n${errors.map((entry) => `${entryText(entry)}\n`).join("")}`;
}

/** Go's `errcode.Error.Error()`: `code text: message`. */
export function entryText(entry: RegistryErrorEntry): string {
  return `${codeText(entry.code)}: ${entry.message}`;
}

/** The error a non-success response stands for (distribution's `HandleErrorResponse`). */
export function responseError(response: RegistryResponse): RegistryResponseError {
  const status = response.status;
  if (status < 400 || status >= 500) {
    return new RegistryResponseError({
      status,
      errors: [],
      message: `received unexpected HTTP status: ${statusText(status)}`,
    });
  }
  const parsed = parseErrorBody(response);
  const challenge = parseAuthChallenge(response.headers["www-authenticate"]);
  if (challenge?.scheme === "bearer") {
    const oauth = oauthError(challenge.parameters);
    if (oauth !== undefined) {
      const body = parsed.kind === "errors" ? parsed.errors : [];
      return new RegistryResponseError({ status, errors: [oauth, ...body] });
    }
  }
  if (parsed.kind === "errors") return new RegistryResponseError({ status, errors: parsed.errors });
  if (status === 401)
    return new RegistryResponseError({ status, errors: [entry("UNAUTHORIZED", "")] });
  return new RegistryResponseError({
    status,
    errors: [],
    message: `error parsing HTTP ${status} response body: ${parsed.reason}: ${quoteBody(response.body)}`,
  });
}

/** RFC 6750 errors in a bearer challenge, as distribution's client maps them. */
function oauthError(parameters: Readonly<Record<string, string>>): RegistryErrorEntry | undefined {
  const code =
    parameters.error === "invalid_token"
      ? "UNAUTHORIZED"
      : parameters.error === "insufficient_scope"
        ? "DENIED"
        : undefined;
  if (code === undefined) return undefined;
  return entry(code, parameters.error_description ?? "");
}

type ParsedBody =
  | { readonly kind: "errors"; readonly errors: readonly RegistryErrorEntry[] }
  | { readonly kind: "unparsed"; readonly reason: string };

function parseErrorBody(response: RegistryResponse): ParsedBody {
  const text = new TextDecoder().decode(response.body.subarray(0, ERROR_BODY_BYTES_MAX));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "unparsed", reason: jsonProblem(text) };
  }
  if (value === null || typeof value !== "object")
    return { kind: "unparsed", reason: "no error details found in HTTP response body" };
  const details = (value as { details?: unknown }).details;
  if (typeof details === "string" && details !== "") {
    const code =
      response.status === 401
        ? "UNAUTHORIZED"
        : response.status === 429
          ? "TOOMANYREQUESTS"
          : "UNKNOWN";
    return { kind: "errors", errors: [entry(code, details)] };
  }
  const list = (value as { errors?: unknown }).errors;
  if (!Array.isArray(list) || list.length === 0)
    return { kind: "unparsed", reason: "no error details found in HTTP response body" };
  return { kind: "errors", errors: list.slice(0, 100).map(readEntry) };
}

function readEntry(item: unknown): RegistryErrorEntry {
  const record = (item ?? {}) as { code?: unknown; message?: unknown; detail?: unknown };
  const code = typeof record.code === "string" ? record.code : "UNKNOWN";
  const message = typeof record.message === "string" ? record.message : "";
  return {
    ...entry(code, message),
    ...(record.detail === undefined ? {} : { detail: record.detail }),
  };
}

function entry(code: string, message: string): RegistryErrorEntry {
  const known = knownCode(code);
  return { code: known, message: message === "" ? defaultMessage(known) : message };
}

/** Go's `encoding/json` wording for the usual ways a body is not JSON. */
function jsonProblem(text: string): string {
  const first = text.trimStart()[0];
  if (first === undefined) return "unexpected end of JSON input";
  return `invalid character '${first}' looking for beginning of value`;
}

function quoteBody(body: Uint8Array): string {
  const text = new TextDecoder().decode(body.subarray(0, ERROR_BODY_BYTES_MAX));
  return goQuote(text);
}
