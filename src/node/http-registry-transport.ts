import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { noSuchHost } from "../registry/client/request-error.ts";
import type {
  RegistryRequest,
  RegistryResponse,
  RegistryTransport,
  SendOptions,
} from "../registry/registry-http.ts";
import { headersOf } from "./incoming-headers.ts";

/** Options of an `HttpRegistryTransport`. */
export interface HttpRegistryTransportOptions {
  /** Where requests go: `http://127.0.0.1:5000`, `https://registry.example`. */
  readonly origin: string;
  /** Largest response body read (default 600 MiB: above the client's 512 MiB blob limit). */
  readonly responseSizeBytesMax?: number;
  /** A connection silent for this long fails the request (default 60 s). */
  readonly idleTimeoutMs?: number;
}

/** Request bodies go out in pieces of this size, so upload progress can be reported. */
const UPLOAD_PIECE_BYTES = 256 * 1024;

/**
 * Carries registry requests over real HTTP/1.1 (`node:http`, `node:https` for an `https:`
 * origin), connections kept alive across a push or pull. The request's `host` header is sent as
 * it is (Location URLs and tokens depend on it). Response bodies are read up to a limit;
 * failures to connect or to read reject with a `DrydockError` coded `Unavailable` worded as Go's
 * net/http (`dial tcp 127.0.0.1:5999: connect: connection refused`), which the registry client
 * wraps as `url.Error` (`Get "http://…/v2/": …`).
 */
export class HttpRegistryTransport implements RegistryTransport {
  readonly origin: URL;
  readonly #responseSizeBytesMax: number;
  readonly #idleTimeoutMs: number;
  readonly #agent: HttpAgent;

  constructor(options: HttpRegistryTransportOptions) {
    this.origin = new URL(options.origin);
    if (this.origin.protocol !== "http:" && this.origin.protocol !== "https:")
      throw new DrydockError("InvalidArgument", `unsupported registry URL ${options.origin}`, {
        data: { origin: options.origin },
      });
    this.#responseSizeBytesMax = options.responseSizeBytesMax ?? 600 * 1024 * 1024;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    const agentOptions = { keepAlive: true, maxSockets: 16 };
    this.#agent =
      this.origin.protocol === "https:"
        ? new HttpsAgent(agentOptions)
        : new HttpAgent(agentOptions);
  }

  send(request: RegistryRequest, options: SendOptions = {}): Promise<RegistryResponse> {
    return new Promise((resolve, reject) => {
      const body = request.body;
      const headers: Record<string, string> = { ...request.headers };
      if (body !== undefined) headers["content-length"] = String(body.length);
      const make = this.origin.protocol === "https:" ? httpsRequest : httpRequest;
      const outgoing = make({
        protocol: this.origin.protocol,
        hostname: this.origin.hostname.replace(/^\[|\]$/g, ""),
        port: this.origin.port === "" ? undefined : Number(this.origin.port),
        method: request.method,
        path: request.target,
        headers,
        agent: this.#agent,
      });
      let failed = false;
      const fail = (error: unknown): void => {
        if (failed) return;
        failed = true;
        outgoing.destroy();
        reject(error instanceof DrydockError ? error : goNetError(error, this.origin));
      };
      outgoing.setTimeout(this.#idleTimeoutMs, () =>
        fail(Object.assign(new Error("i/o timeout"), { code: "ETIMEDOUT" })),
      );
      outgoing.on("error", fail);
      outgoing.on("response", (incoming) => {
        this.#readResponse(incoming, request, options).then(resolve, fail);
      });
      writeBody(outgoing, body, options);
    });
  }

  /** Closes idle kept-alive connections (the process can then exit). */
  close(): void {
    this.#agent.destroy();
  }

  #readResponse(
    incoming: IncomingMessage,
    request: RegistryRequest,
    options: SendOptions,
  ): Promise<RegistryResponse> {
    return new Promise((resolve, reject) => {
      const declared = Number(incoming.headers["content-length"] ?? Number.NaN);
      const limit = this.#responseSizeBytesMax;
      if (request.method !== "HEAD" && declared > limit) {
        incoming.destroy();
        reject(tooLarge(limit, declared));
        return;
      }
      const chunks: Buffer[] = [];
      let doneBytes = 0;
      const totalBytes = Number.isFinite(declared) ? declared : 0;
      incoming.on("data", (chunk: Buffer) => {
        doneBytes += chunk.length;
        if (doneBytes > limit) {
          incoming.destroy();
          reject(tooLarge(limit, doneBytes));
          return;
        }
        chunks.push(chunk);
        options.onDownload?.({ doneBytes, totalBytes: Math.max(totalBytes, doneBytes) });
      });
      incoming.on("error", reject);
      incoming.on("aborted", () => reject(Object.assign(new Error("EOF"), { code: "EOF" })));
      incoming.on("end", () => {
        const merged = Buffer.concat(chunks, doneBytes);
        resolve({
          status: incoming.statusCode ?? 0,
          headers: headersOf(incoming),
          body: new Uint8Array(merged.buffer, merged.byteOffset, merged.length),
        });
      });
    });
  }
}

/** Writes a body in pieces, reporting each as it is handed to the socket. */
function writeBody(
  outgoing: ReturnType<typeof httpRequest>,
  body: Uint8Array | undefined,
  options: SendOptions,
): void {
  if (body === undefined || body.length === 0) {
    outgoing.end();
    return;
  }
  let offset = 0;
  const next = (): void => {
    while (offset < body.length) {
      const end = Math.min(body.length, offset + UPLOAD_PIECE_BYTES);
      const piece = Buffer.from(body.buffer, body.byteOffset + offset, end - offset);
      offset = end;
      const doneBytes = offset;
      const more = outgoing.write(piece, () =>
        options.onUpload?.({ doneBytes, totalBytes: body.length }),
      );
      if (!more) {
        outgoing.once("drain", next);
        return;
      }
    }
    outgoing.end();
  };
  next();
}

function tooLarge(limit: number, actual: number): LimitExceededError {
  return new LimitExceededError({ what: "registry response body size in bytes", limit, actual });
}

/**
 * A Node socket error as Go's net package words it: `dial tcp 127.0.0.1:5999: connect:
 * connection refused`, `dial tcp: lookup nowhere.example: no such host`, `read tcp …: read:
 * connection reset by peer`, `EOF` (the server closed the connection without answering).
 */
export function goNetError(error: unknown, origin: URL): DrydockError {
  const failure = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const code = failure?.code ?? "";
  const port = origin.port === "" ? (origin.protocol === "https:" ? "443" : "80") : origin.port;
  const remote =
    failure?.address === undefined
      ? `${origin.hostname}:${port}`
      : `${failure.address.includes(":") ? `[${failure.address}]` : failure.address}:${failure.port ?? port}`;
  const hostname = origin.hostname.replace(/^\[|\]$/g, "");
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return noSuchHost(hostname);
  const words: Record<string, string> = {
    ECONNREFUSED: `dial tcp ${remote}: connect: connection refused`,
    EHOSTUNREACH: `dial tcp ${remote}: connect: no route to host`,
    ENETUNREACH: `dial tcp ${remote}: connect: network is unreachable`,
    ETIMEDOUT: `dial tcp ${remote}: i/o timeout`,
    EPIPE: `write tcp ${remote}: write: broken pipe`,
  };
  let message = words[code];
  if (message === undefined && code === "ECONNRESET")
    message =
      failure.message === "socket hang up"
        ? "EOF"
        : `read tcp ${remote}: read: connection reset by peer`;
  message ??= code === "EOF" ? "EOF" : String(failure?.message ?? error);
  return new DrydockError("Unavailable", message, {
    data: { errno: code, origin: origin.origin },
    cause: error,
  });
}
