/**
 * The closed set of error classes every expected failure in drydock belongs to. Modelled on
 * containerd's errdefs: callers branch on the class (`isNotFound(err)`), never on the message,
 * so errors keep their meaning across a worker, a wire boundary or a real backend.
 */
export type ErrorCode =
  | "NotFound"
  | "AlreadyExists"
  | "InvalidArgument"
  | "FailedPrecondition"
  | "Conflict"
  | "PermissionDenied"
  | "Unauthenticated"
  | "Unavailable"
  | "DeadlineExceeded"
  | "LimitExceeded"
  | "DataLoss"
  | "Unimplemented"
  | "Internal";

export const ERROR_CODES: readonly ErrorCode[] = [
  "NotFound",
  "AlreadyExists",
  "InvalidArgument",
  "FailedPrecondition",
  "Conflict",
  "PermissionDenied",
  "Unauthenticated",
  "Unavailable",
  "DeadlineExceeded",
  "LimitExceeded",
  "DataLoss",
  "Unimplemented",
  "Internal",
];

export interface DrydockErrorOptions {
  /** Structured context: what was looked up, which limit, which path. Must be JSON-serialisable. */
  readonly data?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/** Plain-object form of an error, as written into traces and sent across realms. */
export interface DrydockErrorJson {
  readonly name: string;
  readonly code: ErrorCode;
  readonly message: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly cause?: DrydockErrorJson | { readonly message: string };
}

/**
 * Base class of every operating error (an expected failure that is part of the API). Programmer
 * errors go through `assert()` instead and are never caught by domain code.
 *
 * The message is what a user sees; where Docker has wording for the same failure, the message
 * uses Docker's wording so the two can be compared.
 */
export class DrydockError extends Error {
  readonly code: ErrorCode;
  readonly data: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: DrydockErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DrydockError";
    this.code = code;
    this.data = options.data ?? {};
  }

  toJSON(): DrydockErrorJson {
    const json: DrydockErrorJson = {
      name: this.name,
      code: this.code,
      message: this.message,
      data: this.data,
    };
    const cause = this.cause;
    if (cause === undefined) return json;
    if (cause instanceof DrydockError) return { ...json, cause: cause.toJSON() };
    const message = cause instanceof Error ? cause.message : String(cause);
    return { ...json, cause: { message } };
  }
}

/**
 * True for any drydock error, even one from another realm or rebuilt from JSON: the check is on
 * the shape, not on `instanceof`.
 */
export function isDrydockError(value: unknown): value is DrydockError {
  if (value === null || typeof value !== "object") return false;
  const code = (value as { code?: unknown }).code;
  return typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code);
}

export function hasErrorCode(value: unknown, code: ErrorCode): boolean {
  return isDrydockError(value) && value.code === code;
}

export function isNotFound(value: unknown): boolean {
  return hasErrorCode(value, "NotFound");
}

export function isAlreadyExists(value: unknown): boolean {
  return hasErrorCode(value, "AlreadyExists");
}

export function isInvalidArgument(value: unknown): boolean {
  return hasErrorCode(value, "InvalidArgument");
}

export function isLimitExceeded(value: unknown): boolean {
  return hasErrorCode(value, "LimitExceeded");
}
