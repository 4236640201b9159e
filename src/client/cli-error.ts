import { DrydockError } from "../errors/drydock-error.ts";

/**
 * A failure the CLI reports with a given text and exit code, like the docker CLI's
 * `cli.StatusError`: `status` is printed to stderr as is (it may span lines), then the process
 * exits with `exitCode` (125 for `docker run` errors, 126/127 for exec failures …).
 */
export class CliError extends DrydockError {
  readonly exitCode: number;
  readonly status: string;

  constructor(options: { status: string; exitCode: number; cause?: unknown }) {
    super("InvalidArgument", options.status, {
      data: { exitCode: options.exitCode },
      cause: options.cause,
    });
    this.name = "CliError";
    this.status = options.status;
    this.exitCode = options.exitCode;
  }
}
