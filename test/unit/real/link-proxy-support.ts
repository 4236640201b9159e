/**
 * Helpers for the link proxy tests: a small origin server standing in for the registry, a proxy
 * between it and the test, and an HTTP client that reports what came back.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { LinkExchange } from "../../../src/real/link-exchange.ts";
import {
  type LinkProxy,
  type LinkProxyOptions,
  startLinkProxy,
} from "../../../src/real/link-proxy.ts";
import { freeLoopbackPort } from "../../../src/real/registry-process.ts";

export interface Origin {
  readonly port: number;
  /** Server-side connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

/** An origin server on a free loopback port. */
export async function startOrigin(handler: http.RequestListener): Promise<Origin> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 0;
  const origin = {
    port: 0,
    connections: 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  server.on("connection", () => (origin.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin.port = (server.address() as AddressInfo).port;
  return origin;
}

export interface Proxied {
  readonly proxy: LinkProxy;
  readonly port: number;
  readonly exchanges: LinkExchange[];
  /** Resolves with the next exchange reported. */
  nextExchange(): Promise<LinkExchange>;
}

/** A proxy in front of `origin`, fast unless told otherwise. */
export async function startProxyTo(
  origin: Origin,
  shape: Partial<Pick<LinkProxyOptions, "latencyMs" | "bandwidthMbps">> = {},
): Promise<Proxied> {
  const port = await freeLoopbackPort();
  const exchanges: LinkExchange[] = [];
  let waiting: ((exchange: LinkExchange) => void)[] = [];
  const proxy = await startLinkProxy({
    name: "test→origin",
    listen: { host: "127.0.0.1", port },
    target: { host: "127.0.0.1", port: origin.port },
    latencyMs: shape.latencyMs ?? 0,
    bandwidthMbps: shape.bandwidthMbps ?? 10_000,
    onExchange: (exchange) => {
      exchanges.push(exchange);
      const wake = waiting;
      waiting = [];
      for (const resolve of wake) resolve(exchange);
    },
  });
  const nextExchange = () =>
    new Promise<LinkExchange>((resolve) => {
      waiting.push(resolve);
    });
  return { proxy, port, exchanges, nextExchange };
}

export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** The client's local port: the same for two requests on one kept-alive connection. */
  readonly localPort: number;
}

/** Sends one request to 127.0.0.1:`port` and reads the whole answer. */
export function send(
  port: number,
  request: {
    method?: string;
    path?: string;
    headers?: http.OutgoingHttpHeaders;
    body?: Buffer | Buffer[];
    agent?: http.Agent;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: "127.0.0.1",
        port,
        method: request.method ?? "GET",
        path: request.path ?? "/",
        headers: request.headers ?? {},
        agent: request.agent ?? false,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("error", reject);
        answer.on("end", () =>
          resolve({
            status: answer.statusCode ?? 0,
            headers: answer.headers,
            body: Buffer.concat(chunks),
            localPort: outgoing.socket?.localPort ?? 0,
          }),
        );
      },
    );
    outgoing.on("error", reject);
    const body = request.body;
    if (Array.isArray(body)) for (const part of body) outgoing.write(part);
    else if (body !== undefined) outgoing.write(body);
    outgoing.end();
  });
}

/** Reads a request's whole body. */
export async function bodyOf(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `sizeBytes` bytes of a repeating pattern. */
export function patterned(sizeBytes: number): Buffer {
  const bytes = Buffer.alloc(sizeBytes);
  for (let at = 0; at < sizeBytes; at += 1) bytes[at] = (at * 7 + (at >> 8)) & 0xff;
  return bytes;
}
