import { DrydockError, type ErrorCode } from "../errors/drydock-error.ts";

/** Options of a `BuildError`. */
export interface BuildErrorOptions {
  /** The error class; `Internal` is what dockerd answers with HTTP 500. */
  readonly code?: ErrorCode;
  /** `errorDetail.code` of the build stream: the exit code of a failed RUN (the CLI exits with it). */
  readonly exitCode?: number;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/**
 * A build failure with dockerd's wording, e.g. `COPY failed: file not found in build context or
 * excluded by .dockerignore: stat x: file does not exist` or `The command '/bin/sh -c exit 3'
 * returned a non-zero code: 3` (with `exitCode` 3).
 */
export class BuildError extends DrydockError {
  readonly exitCode?: number;

  constructor(message: string, options: BuildErrorOptions = {}) {
    super(options.code ?? "InvalidArgument", message, {
      data: {
        ...options.data,
        ...(options.exitCode === undefined ? {} : { exitCode: options.exitCode }),
      },
      cause: options.cause,
    });
    this.name = "BuildError";
    if (options.exitCode !== undefined) this.exitCode = options.exitCode;
  }
}

/**
 * Prefixes an error's message the way Go's `errors.Wrapf(err, "COPY failed")` does
 * (`COPY failed: <message>`), keeping its class and data.
 */
export function wrapBuildError(prefix: string, error: unknown): BuildError {
  if (error instanceof DrydockError) {
    return new BuildError(`${prefix}: ${error.message}`, {
      code: error.code,
      data: error.data,
      cause: error,
    });
  }
  throw error;
}
