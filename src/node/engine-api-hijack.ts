import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { type ApiResponse, bytesBody, type RequestBody } from "../server/api-exchange.ts";
import { JSON_BODY_SIZE_BYTES_MAX } from "../server/request-json.ts";

/** The next bytes from a paused socket, or null at its end. */
function nextData(socket: Duplex): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      cleanup();
      socket.pause();
      resolve(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("end", onEnd);
      socket.off("close", onEnd);
    };
    socket.on("data", onData);
    socket.on("end", onEnd);
    socket.on("close", onEnd);
    socket.resume();
  });
}

/**
 * The body of an upgrade request (Node leaves it on the socket): `Content-Length` bytes from
 * what was read with the head and after it. Bytes past it are the client's first raw input.
 */
export async function bodyOfUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<{ body: RequestBody; rest: Buffer }> {
  socket.pause();
  const length = Number.parseInt(String(req.headers["content-length"] ?? "0"), 10) || 0;
  if (length > JSON_BODY_SIZE_BYTES_MAX) {
    const tooLarge: RequestBody = {
      read: async (limit) => {
        throw new LimitExceededError({ what: "request body", limit });
      },
    };
    return { body: tooLarge, rest: Buffer.alloc(0) };
  }
  let buffered = Buffer.from(head);
  while (buffered.length < length) {
    const chunk = await nextData(socket);
    if (chunk === null) break;
    buffered = Buffer.concat([buffered, chunk]);
  }
  return {
    body: bytesBody(new Uint8Array(buffered.subarray(0, length))),
    rest: buffered.subarray(length),
  };
}

function head(statusLine: string, headers: readonly (readonly [string, string])[]): string {
  return `${statusLine}\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n`;
}

/**
 * Answers an upgrade request on its raw socket. A hijack answer writes dockerd's
 * `101 UPGRADED` head, then pipes: client bytes become stdin, the client's half-close is EOF on
 * stdin (the socket stays writable), output is written until the process ends, then the server
 * closes its side. Any other answer (an error before the hijack) is a plain response.
 */
export async function hijack(options: {
  socket: Duplex;
  response: ApiResponse;
  rest: Buffer;
}): Promise<void> {
  const { socket, response, rest } = options;
  socket.on("error", () => undefined);
  if (response.kind !== "hijack") {
    await writePlain(socket, response);
    return;
  }
  const { pipe } = response;
  const headAtMs = performance.now();
  const headSent = new Promise<void>((resolve) =>
    socket.write(head("HTTP/1.1 101 UPGRADED", response.headers), () => resolve()),
  );
  if (rest.length > 0) pipe.input(new Uint8Array(rest));
  socket.on("data", (chunk: Buffer) => pipe.input(new Uint8Array(chunk)));
  socket.on("end", () => pipe.inputEnd());
  socket.on("close", () => pipe.close());
  socket.resume();
  try {
    let first = true;
    for await (const chunk of pipe.output) {
      if (first && response.startsAfterHead === true) await firstOutputGap(headSent, headAtMs);
      first = false;
      if (socket.destroyed) break;
      socket.write(chunk);
    }
  } finally {
    pipe.close();
    if (!socket.destroyed) socket.end();
  }
}

/**
 * The least time between an exec's upgrade head and its first output on the wire. dockerd
 * starts the process after sending the head, and runc takes 50–70 ms (measured, see
 * `src/daemon/daemon-costs.ts`); clients count on it: docker-modem (dockerode) drops whatever
 * arrives in the same read as the head. An unpaced daemon runs the exec's start in no wall time,
 * so its first output waits here; a paced one is past this gap already.
 */
const EXEC_FIRST_OUTPUT_GAP_MS = 50;

async function firstOutputGap(headSent: Promise<void>, headAtMs: number): Promise<void> {
  await headSent;
  const leftMs = EXEC_FIRST_OUTPUT_GAP_MS - (performance.now() - headAtMs);
  if (leftMs > 0) await new Promise((resolve) => setTimeout(resolve, leftMs));
}

async function writePlain(socket: Duplex, response: ApiResponse): Promise<void> {
  if (response.kind === "hijack") return;
  const status = `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}`;
  const date: [string, string] = ["Date", new Date().toUTCString()];
  if (response.kind === "bytes") {
    const headers = [
      ...response.headers,
      date,
      ["Content-Length", String(response.body.length)] as const,
      ["Connection", "close"] as const,
    ];
    socket.end(Buffer.concat([Buffer.from(head(status, headers)), response.body]));
    return;
  }
  socket.write(head(status, [...response.headers, date, ["Connection", "close"]]));
  try {
    for await (const chunk of response.chunks) socket.write(chunk);
  } finally {
    socket.end();
  }
}
