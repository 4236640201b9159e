import { DrydockError, isDrydockError } from "../../errors/drydock-error.ts";

/**
 * How Docker words a Dockerfile error, which decides the message prefix:
 * - `syntax`: found while splitting the text into instructions (directives, ENV/LABEL words, JSON
 *   arrays): `failed to parse Dockerfile: …`, no line number in the text;
 * - `instruction`: found while checking one instruction's arguments and flags:
 *   `dockerfile parse error line N: …`;
 * - `plain`: the message alone (`no build stage in current context`, the empty-file error).
 */
export type DockerfileErrorKind = "syntax" | "instruction" | "plain";

/** Options of a `DockerfileParseError`. */
export interface DockerfileParseErrorOptions {
  readonly kind: DockerfileErrorKind;
  /** Docker's message without any prefix, e.g. `unknown instruction: FOO`. */
  readonly reason: string;
  /** First physical line (1-based) of the instruction at fault; 0 when none applies. */
  readonly line: number;
  /** Last physical line of the instruction at fault. */
  readonly endLine?: number;
  /** The Dockerfile's name as Docker prints it (`-f`), default `Dockerfile`. */
  readonly dockerfileName?: string;
  readonly cause?: unknown;
}

/**
 * A Dockerfile that Docker refuses, with Docker's exact message (what `docker build` prints after
 * `Error response from daemon: `) and the lines at fault in `data`, whatever the wording.
 */
export class DockerfileParseError extends DrydockError {
  readonly kind: DockerfileErrorKind;
  readonly reason: string;
  readonly line: number;
  readonly endLine: number;

  constructor(options: DockerfileParseErrorOptions) {
    const endLine = options.endLine ?? options.line;
    super("InvalidArgument", dockerfileErrorMessage(options), {
      data: { kind: options.kind, reason: options.reason, line: options.line, endLine },
      cause: options.cause,
    });
    this.name = "DockerfileParseError";
    this.kind = options.kind;
    this.reason = options.reason;
    this.line = options.line;
    this.endLine = endLine;
  }
}

function dockerfileErrorMessage(options: DockerfileParseErrorOptions): string {
  switch (options.kind) {
    case "syntax":
      return `failed to parse ${options.dockerfileName ?? "Dockerfile"}: ${options.reason}`;
    case "instruction":
      return `dockerfile parse error line ${options.line}: ${options.reason}`;
    case "plain":
      return options.reason;
  }
}

/** True for a `DockerfileParseError`, also across realms (checks the shape). */
export function isDockerfileParseError(value: unknown): value is DockerfileParseError {
  return isDrydockError(value) && value.name === "DockerfileParseError";
}
