import type { Errno } from "../errors/fs-error.ts";
import { goQuote } from "../go/quote.ts";
import { RuntimeStartError, type StartPhase } from "./runtime-start-error.ts";

/**
 * Why runc refused to start a process, in the words of runc 1.1 as dockerd 20.10 relays them.
 * These are checked before the process exists; failures of the final `execve` (exec format
 * error, a missing interpreter) happen after the start and are the process's own stderr.
 */
export type OciFailure =
  | { readonly kind: "not-in-path"; readonly argv0: string }
  | { readonly kind: "stat"; readonly argv0: string; readonly path: string; readonly errno: Errno }
  | { readonly kind: "permission"; readonly argv0: string }
  | { readonly kind: "chdir"; readonly cwd: string; readonly errno: Errno }
  | { readonly kind: "relative-cwd" };

const ERRNO_TEXT: Partial<Record<Errno, string>> = {
  ENOENT: "no such file or directory",
  ENOTDIR: "not a directory",
  EACCES: "permission denied",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "file name too long",
};

/** The text Go's syscall.Errno prints for an errno. */
export function errnoText(errno: Errno): string {
  return ERRNO_TEXT[errno] ?? errno.toLowerCase();
}

const CREATE_PREFIX =
  "failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ";
const EXEC_PREFIX = "OCI runtime exec failed: exec failed: ";
const MOUNT_HINT =
  ": Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type";

/** The error dockerd returns for a runc start failure, with its exit codes. */
export function ociStartError(failure: OciFailure, phase: StartPhase): RuntimeStartError {
  const detail = ociDetail(failure);
  const message =
    phase === "create"
      ? `${CREATE_PREFIX}${detail}: unknown`
      : failure.kind === "relative-cwd"
        ? `${EXEC_PREFIX}${detail}: unknown`
        : `${EXEC_PREFIX}unable to start container process: ${detail}: unknown`;
  const hint = failure.kind === "chdir" && failure.errno === "ENOTDIR" ? MOUNT_HINT : "";
  // dockerd's and the CLI's own classification of the text (daemon/start.go, cli run.go).
  const full = message + hint;
  const notFound =
    full.includes("executable file not found") || full.includes("no such file or directory");
  const denied = full.includes("permission denied");
  const stateExitCode = notFound ? 127 : denied ? 126 : 128;
  return new RuntimeStartError({
    code: "InvalidArgument",
    message: full,
    phase,
    exitCode: phase === "exec" ? 126 : stateExitCode,
    cliExitCode: phase === "exec" ? 126 : notFound ? 127 : denied ? 126 : 125,
    httpStatus: 400,
    data: { failure: failure.kind },
  });
}

function ociDetail(failure: OciFailure): string {
  switch (failure.kind) {
    case "not-in-path":
      return `exec: ${goQuote(failure.argv0)}: executable file not found in $PATH`;
    case "stat":
      return `exec: ${goQuote(failure.argv0)}: stat ${failure.path}: ${errnoText(failure.errno)}`;
    case "permission":
      return `exec: ${goQuote(failure.argv0)}: permission denied`;
    case "chdir":
      return `chdir to cwd (${goQuote(failure.cwd)}) set in config.json failed: ${errnoText(failure.errno)}`;
    case "relative-cwd":
      return "Cwd must be an absolute path";
  }
}

/** A user or group the container's passwd/group files do not have (dockerd's wording). */
export function userLookupError(message: string, phase: StartPhase): RuntimeStartError {
  return new RuntimeStartError({
    code: "FailedPrecondition",
    message,
    phase,
    exitCode: phase === "exec" ? 126 : 128,
    cliExitCode: phase === "exec" ? 126 : 125,
    httpStatus: 500,
  });
}
