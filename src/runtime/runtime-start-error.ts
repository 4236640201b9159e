import { DrydockError, type ErrorCode } from "../errors/drydock-error.ts";

/** Where a start failed: starting a container (`docker start`/`run`) or `docker exec`. */
export type StartPhase = "create" | "exec";

/** The fields of a `RuntimeStartError`. */
export interface RuntimeStartErrorOptions {
  readonly code: ErrorCode;
  /** The daemon's message, word for word. */
  readonly message: string;
  readonly phase: StartPhase;
  /**
   * The exit code dockerd records: a container's `.State.ExitCode` (127 not found, 126 not
   * executable, 128 otherwise), an exec's `ExitCode` (always 126).
   */
  readonly exitCode: number;
  /** What the docker CLI exits with (127, 126, or 125 for other daemon errors on `run`). */
  readonly cliExitCode: number;
  /** The HTTP status of `POST /containers/{id}/start` (400 or 500); exec failures stream instead. */
  readonly httpStatus: number;
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * A process could not be started: nothing ran. The message is exactly what dockerd 20.10
 * returns (for `exec`, what it writes to the attached stream), so the daemon passes it on.
 */
export class RuntimeStartError extends DrydockError {
  readonly phase: StartPhase;
  readonly exitCode: number;
  readonly cliExitCode: number;
  readonly httpStatus: number;

  constructor(options: RuntimeStartErrorOptions) {
    super(options.code, options.message, {
      data: {
        phase: options.phase,
        exitCode: options.exitCode,
        cliExitCode: options.cliExitCode,
        httpStatus: options.httpStatus,
        ...options.data,
      },
    });
    this.name = "RuntimeStartError";
    this.phase = options.phase;
    this.exitCode = options.exitCode;
    this.cliExitCode = options.cliExitCode;
    this.httpStatus = options.httpStatus;
  }
}
