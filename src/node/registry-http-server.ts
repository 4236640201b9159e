import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  RegistryHandler,
  RegistryRequest,
  RegistryResponse,
} from "../registry/registry-http.ts";
import { DEFAULT_REGISTRY_LIMITS } from "../registry/server/registry-limits.ts";
import { errorOf, reply, textReply } from "../registry/server/registry-reply.ts";
import { matchRoute, ROUTE_METHODS } from "../registry/server/registry-route.ts";
import { cleanPathRedirect } from "../server/clean-path-redirect.ts";
import { headersOf } from "./incoming-headers.ts";

/** Options of a `RegistryHttpServer`. */
export interface RegistryHttpServerOptions {
  readonly handler: RegistryHandler;
  /** The registry's blob limit: an upload request's body is read up to one byte beyond it. */
  readonly blobSizeBytesMax?: number;
  /** The registry's manifest limit: a manifest's body is read up to one byte beyond it. */
  readonly manifestSizeBytesMax?: number;
  /** Where failures of the server itself go (a handler that threw); default: nowhere. */
  readonly log?: (line: string) => void;
}

/** Bodies of requests whose body the registry ignores (`POST` of an upload, `GET`s) are cut here. */
const OTHER_BODY_SIZE_BYTES_MAX = 64 * 1024;

/** How long a connection whose body was cut is drained before it is closed, as Go's lingering close. */
const LINGER_MS = 1000;

/** How long `close` lets requests under way finish. */
const CLOSE_GRACE_MS = 5000;

const METHODS = new Set<string>(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);

/**
 * The OCI distribution API over HTTP/1.1 (`node:http`) in front of a `RegistryHandler` (a
 * `MemRegistry`, a `PersistentRegistry`): each request's body is read, the handler answers, the
 * answer goes out as is (status, headers, body; `HEAD` without a body). The handler builds
 * `Location` URLs from the `Host` header and negotiates content from `Accept`, both passed on
 * unchanged.
 *
 * A body is never buffered beyond the registry's own limit: past the limit plus one byte the
 * rest is discarded, not stored, and the cut body goes to the registry, which refuses it with
 * its error (`SIZE_INVALID`, `MANIFEST_INVALID`); the connection is then closed. A request whose
 * client goes away before its body is complete never reaches the handler.
 */
export class RegistryHttpServer {
  readonly server: Server;
  readonly #options: RegistryHttpServerOptions;

  constructor(options: RegistryHttpServerOptions) {
    this.#options = options;
    this.server = createServer((request, response) => {
      this.#serve(request, response).catch((error: unknown) => {
        this.#options.log?.(`registry: ${String(error)}`);
        response.destroy();
      });
    });
    // Go's server keeps idle connections for long; dockerd reuses them across a push.
    this.server.keepAliveTimeout = 60_000;
  }

  /** Listens on `host:port` (port 0: any free port); resolves with the address bound. */
  listen(options: { host: string; port: number }): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(options.port, options.host, () => {
        this.server.off("error", reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /**
   * Stops accepting connections and closes idle ones; requests under way get `CLOSE_GRACE_MS`
   * to finish. Resolves when every connection is closed.
   */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      this.server.closeIdleConnections();
      const timer = setTimeout(() => this.server.closeAllConnections(), CLOSE_GRACE_MS);
      timer.unref();
    });
  }

  async #serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const method = incoming.method ?? "GET";
    const target = incoming.url ?? "/";
    const headers = headersOf(incoming);
    const location = cleanPathRedirect(target);
    if (location !== undefined) {
      // The router redirects a path with `..` before routing: no name ever holds one.
      send(outgoing, reply({ method: "GET", target, headers }, 301, { headers: { location } }));
      return;
    }
    if (!METHODS.has(method)) {
      send(outgoing, unknownMethod({ method: "GET", target, headers }));
      return;
    }
    const limit = this.#bodyLimit(target);
    const read = await readBody(incoming, limit);
    if (read === undefined) return; // the client went away mid-body
    const request: RegistryRequest = {
      method: method as RegistryRequest["method"],
      target,
      headers,
      ...(read.bytes.length === 0 ? {} : { body: read.bytes }),
    };
    let response: RegistryResponse;
    try {
      response = await this.#options.handler.handle(request);
    } catch (error) {
      this.#options.log?.(`registry: ${method} ${target}: ${String(error)}`);
      response = errorOf(request, "UNKNOWN", String(error));
    }
    if (!read.cut) {
      send(outgoing, response);
      return;
    }
    outgoing.shouldKeepAlive = false;
    send(outgoing, response);
    lingeringClose(incoming, outgoing);
  }

  #bodyLimit(target: string): number {
    const kind = matchRoute(target)?.route.kind;
    if (kind === "manifest")
      return (
        (this.#options.manifestSizeBytesMax ?? DEFAULT_REGISTRY_LIMITS.manifestSizeBytesMax) + 1
      );
    if (kind === "upload")
      return (this.#options.blobSizeBytesMax ?? DEFAULT_REGISTRY_LIMITS.blobSizeBytesMax) + 1;
    return OTHER_BODY_SIZE_BYTES_MAX;
  }
}

/**
 * Reads a body up to `limit` bytes; beyond it, the rest is discarded as it comes and the body
 * is reported cut. Undefined: the client closed the connection before the body's end.
 */
function readBody(
  incoming: IncomingMessage,
  limit: number,
): Promise<{ bytes: Uint8Array; cut: boolean } | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let sizeBytes = 0;
    let cut = false;
    incoming.on("data", (chunk: Buffer) => {
      if (cut) return;
      const room = limit - sizeBytes;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        sizeBytes = limit;
        cut = true;
        // Answer now: a client waiting for its upload to finish gets the refusal early.
        resolve({ bytes: concat(chunks, sizeBytes), cut });
        return;
      }
      chunks.push(chunk);
      sizeBytes += chunk.length;
    });
    incoming.on("end", () => resolve({ bytes: concat(chunks, sizeBytes), cut }));
    incoming.on("aborted", () => resolve(undefined));
    incoming.on("error", () => resolve(undefined));
    incoming.on("close", () => {
      if (!incoming.complete && !cut) resolve(undefined);
    });
  });
}

function concat(chunks: readonly Buffer[], sizeBytes: number): Uint8Array {
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, sizeBytes);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Methods no route takes: Go's router says `Method not allowed` on a known path, 404 elsewhere. */
function unknownMethod(request: RegistryRequest): RegistryResponse {
  const matched = matchRoute(request.target);
  if (matched === undefined) return textReply(request, 404, "404 page not found");
  const allow = ROUTE_METHODS[matched.route.kind].join(", ");
  return textReply(request, 405, "Method not allowed", { allow });
}

function send(outgoing: ServerResponse, response: RegistryResponse): void {
  outgoing.writeHead(response.status, response.headers);
  const body = response.body;
  outgoing.end(Buffer.from(body.buffer, body.byteOffset, body.length));
}

/**
 * After answering a request whose body was not read to its end: stop writing, keep discarding
 * what the client still sends for a while (so it reads the answer rather than a reset), then
 * close.
 */
function lingeringClose(incoming: IncomingMessage, outgoing: ServerResponse): void {
  const socket = incoming.socket;
  outgoing.once("finish", () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  });
}
