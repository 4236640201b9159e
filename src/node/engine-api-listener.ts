import { existsSync, lstatSync, unlinkSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { ApiRequest, ApiResponse, HeaderList, RequestBody } from "../server/api-exchange.ts";
import type { EngineApiHandler } from "../server/engine-api-handler.ts";
import type { EngineApiAddress } from "./engine-api-address.ts";
import { bodyOfUpgrade, hijack } from "./engine-api-hijack.ts";

/** A listening Engine API server. */
export interface EngineApiListener {
  /** `unix:///…` or `tcp://127.0.0.1:PORT` (the real port when 0 was asked for). */
  readonly url: string;
  /** Requests being served right now (streams and hijacked connections included). */
  readonly activeCount: number;
  close(): Promise<void>;
}

/** A request body read from Node's stream, with a size limit. */
export function streamBody(stream: AsyncIterable<Buffer>): RequestBody {
  let consumed = false;
  return {
    read: async (sizeBytesMax) => {
      if (consumed) return new Uint8Array(0);
      consumed = true;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream) {
        size += chunk.length;
        if (size > sizeBytesMax) {
          throw new LimitExceededError({ what: "request body", limit: sizeBytesMax });
        }
        chunks.push(chunk);
      }
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}

function apiRequest(req: IncomingMessage, body: RequestBody): ApiRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { method: req.method ?? "GET", target: req.url ?? "/", headers, body };
}

/** Headers as Go's `net/http` writes them: sorted by name. */
function headerObject(headers: HeaderList): Record<string, string> {
  return Object.fromEntries([...headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Writes a response through Node's HTTP machinery (keep-alive, chunking, HEAD). */
async function writeResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: ApiResponse,
): Promise<void> {
  if (response.kind === "bytes") {
    const headers = headerObject(response.headers);
    const bodiless = response.status === 204 || response.status === 304;
    if (!bodiless && response.chunked !== true) {
      headers["Content-Length"] = String(response.body.length);
    }
    res.writeHead(response.status, headers);
    if (response.chunked === true && response.body.length > 0 && req.method !== "HEAD") {
      res.write(response.body);
      res.end();
    } else {
      res.end(bodiless || req.method === "HEAD" ? undefined : response.body);
    }
    return;
  }
  const stream =
    response.kind === "stream"
      ? response
      : {
          // A hijacking endpoint called without `Upgrade`: output only, on the response.
          status: 200,
          headers: response.headers.filter(([name]) => !/^(connection|upgrade)$/i.test(name)),
          chunks: response.pipe.output,
          cancel: () => response.pipe.close(),
        };
  res.writeHead(stream.status, headerObject(stream.headers));
  res.flushHeaders();
  let finished = false;
  res.on("close", () => {
    if (!finished) stream.cancel();
  });
  try {
    for await (const chunk of stream.chunks) {
      if (res.destroyed) break;
      res.write(chunk);
    }
  } finally {
    finished = true;
    res.end();
  }
}

/** Serves the Engine API on a unix socket or loopback TCP, with attach/exec hijacking. */
export async function listenEngineApi(options: {
  handler: EngineApiHandler;
  address: EngineApiAddress;
  onError?: (error: unknown) => void;
}): Promise<EngineApiListener> {
  const { handler, address } = options;
  const report = options.onError ?? (() => undefined);
  let active = 0;
  const sockets = new Set<Socket | Duplex>();
  const server: Server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    active++;
    const body = streamBody(req);
    handler
      .handle(apiRequest(req, body))
      .then((response) => writeResponse(req, res, response))
      .catch((error: unknown) => {
        report(error);
        res.destroy();
      })
      .finally(() => {
        active--;
      });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    active++;
    sockets.add(socket);
    void (async () => {
      const { body, rest } = await bodyOfUpgrade(req, socket, head);
      const response = await handler.handle(apiRequest(req, body));
      await hijack({ socket, response, rest });
    })()
      .catch((error: unknown) => {
        report(error);
        socket.destroy();
      })
      .finally(() => {
        active--;
      });
  });
  if (address.kind === "unix") removeStaleSocket(address.path);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    const done = () => {
      server.off("error", reject);
      resolve();
    };
    if (address.kind === "unix") server.listen(address.path, done);
    else server.listen(address.port, address.host, done);
  });
  server.on("error", report);
  const url =
    address.kind === "unix"
      ? `unix://${address.path}`
      : `tcp://${address.host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get activeCount() {
      return active;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** dockerd removes a socket file left by an earlier run; anything else at the path is kept. */
function removeStaleSocket(path: string): void {
  if (existsSync(path) && lstatSync(path).isSocket()) unlinkSync(path);
}
