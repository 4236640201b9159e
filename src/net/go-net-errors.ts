import { DrydockError } from "../errors/drydock-error.ts";

/**
 * Connection failures worded as Go's `net` package words them, for transports to reject with:
 * the registry client wraps them as dockerd does (`Get "http://localhost:5000/v2/": dial tcp
 * 127.0.0.1:5000: connect: connection refused`).
 */
export function connectionRefused(remoteAddress: string): DrydockError {
  return new DrydockError("Unavailable", `dial tcp ${remoteAddress}: connect: connection refused`, {
    data: { remoteAddress, reason: "refused" },
  });
}

/** A dial across a cut link: the kernel finds no route (EHOSTUNREACH). */
export function noRouteToHost(remoteAddress: string): DrydockError {
  return new DrydockError("Unavailable", `dial tcp ${remoteAddress}: connect: no route to host`, {
    data: { remoteAddress, reason: "no-route" },
  });
}

/** An open connection broken under a request: `read`/`write tcp L->R: …: connection reset by peer`. */
export function connectionReset(options: {
  localAddress: string;
  remoteAddress: string;
  operation: "read" | "write";
}): DrydockError {
  const { localAddress, remoteAddress, operation } = options;
  return new DrydockError(
    "Unavailable",
    `${operation} tcp ${localAddress}->${remoteAddress}: ${operation}: connection reset by peer`,
    { data: { localAddress, remoteAddress, operation, reason: "reset" } },
  );
}
