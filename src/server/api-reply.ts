import { writeGoJson } from "../digest/go-json.ts";
import type { PruneReport } from "../engine/api-types.ts";
import { httpStatusOf } from "../engine/http-status.ts";
import { isDrydockError } from "../errors/drydock-error.ts";
import type { ApiResponse, HeaderList } from "./api-exchange.ts";

/** What the server says about itself in every answer's headers (dockerd's version middleware). */
export interface ServerIdentity {
  readonly apiVersion: string;
  readonly minApiVersion: string;
  /** `Server` header: `Docker/20.10.24+dfsg1 (linux)`. */
  readonly server: string;
  readonly experimental: boolean;
  readonly osType: string;
}

/** The headers dockerd puts on every routed answer. */
export function daemonHeaders(identity: ServerIdentity): HeaderList {
  return [
    ["Api-Version", identity.apiVersion],
    ["Docker-Experimental", String(identity.experimental)],
    ["Ostype", identity.osType],
    ["Server", identity.server],
  ];
}

const ENCODER = new TextEncoder();

/** A JSON answer as Go's `json.NewEncoder(w).Encode(v)` writes it: Go escaping, a final newline. */
export function jsonReply(
  identity: ServerIdentity,
  status: number,
  value: unknown,
  options: { chunked?: boolean } = {},
): ApiResponse {
  return {
    kind: "bytes",
    status,
    headers: [...daemonHeaders(identity), ["Content-Type", "application/json"]],
    body: ENCODER.encode(`${writeGoJson(value)}\n`),
    chunked: options.chunked,
  };
}

/** An answer without a body (201 tag, 204 start/stop/rm, 200 resize): no Content-Type. */
export function emptyReply(identity: ServerIdentity, status: number): ApiResponse {
  return { kind: "bytes", status, headers: daemonHeaders(identity), body: new Uint8Array(0) };
}

/** dockerd's error body `{"message":"…"}` with the status of the error's class. */
export function errorReply(identity: ServerIdentity, error: unknown): ApiResponse {
  const { status, message } = describeError(error);
  return jsonReply(identity, status, { message });
}

/** The status and message an error is answered with; unexpected errors are 500s. */
export function describeError(error: unknown): { status: number; message: string } {
  if (isDrydockError(error)) {
    const status =
      error.code === "LimitExceeded" && error.data.what === "request body"
        ? 413
        : httpStatusOf(error.code);
    return { status, message: error.message };
  }
  return { status: 500, message: error instanceof Error ? error.message : String(error) };
}

/** gorilla/mux's answer for a path (or method) no route takes: no daemon headers. */
export function pageNotFound(): ApiResponse {
  return {
    kind: "bytes",
    status: 404,
    headers: [["Content-Type", "application/json"]],
    body: ENCODER.encode('{"message":"page not found"}\n'),
  };
}

/** A prune report in dockerd's wire shape: `{"ImagesDeleted":[…]|null,"SpaceReclaimed":N}`. */
export function pruneReply(
  identity: ServerIdentity,
  what: "Images" | "Containers" | "Volumes",
  report: PruneReport,
): ApiResponse {
  const deleted = report.deleted.length === 0 ? null : report.deleted;
  return jsonReply(identity, 200, {
    [`${what}Deleted`]: deleted,
    SpaceReclaimed: report.SpaceReclaimed,
  });
}
