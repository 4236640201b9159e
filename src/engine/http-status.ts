import type { ErrorCode } from "../errors/drydock-error.ts";

/** The HTTP status dockerd answers for each class of error (moby's errdefs → httpstatus). */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case "NotFound":
      return 404;
    case "InvalidArgument":
      return 400;
    case "AlreadyExists":
    case "Conflict":
    case "FailedPrecondition":
      return 409;
    case "Unauthenticated":
      return 401;
    case "PermissionDenied":
      return 403;
    case "Unavailable":
      return 503;
    case "Unimplemented":
      return 501;
    case "DeadlineExceeded":
    case "LimitExceeded":
    case "DataLoss":
    case "Internal":
      return 500;
  }
}
