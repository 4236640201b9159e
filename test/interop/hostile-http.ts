/** Raw HTTP helpers for the hostile-request interop tests: whole answers, dropped bodies, evil tars. */
import { request } from "node:http";

/** A response, read whole. */
export interface Answer {
  readonly status: number;
  readonly body: string;
  /** The `Location` header's path and query, if any. */
  readonly location?: string;
}

/** A unix socket or a loopback `host:port`. */
export interface Target {
  readonly socketPath?: string;
  readonly authority?: string;
}

/** One request, its whole answer. */
export function call(
  target: Target,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: Uint8Array | string;
  },
): Promise<Answer> {
  const [host, port] = (target.authority ?? "localhost:80").split(":");
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...(target.socketPath === undefined
          ? { host, port: Number(port) }
          : { socketPath: target.socketPath }),
        method: options.method,
        path: options.path,
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        const location = res.headers.location;
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            ...(location === undefined ? {} : { location: pathAndQuery(location) }),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

function pathAndQuery(location: string): string {
  const url = new URL(location, "http://localhost");
  return url.pathname + url.search;
}

/** Sends a request head announcing `announcedBytes`, some of the body, then drops the connection. */
export function dropMidBody(
  target: Target,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<void> {
  const [host, port] = (target.authority ?? "localhost:80").split(":");
  return new Promise((resolve) => {
    const req = request({
      ...(target.socketPath === undefined
        ? { host, port: Number(port) }
        : { socketPath: target.socketPath }),
      method,
      path,
      headers: { ...headers, "Content-Length": "1000000" },
    });
    req.on("error", () => resolve());
    req.on("close", () => resolve());
    req.write(Buffer.alloc(4096, 7), () => setTimeout(() => req.destroy(), 50));
  });
}

/** A one-entry tar whose member is `name` (`../escape.txt`), made by hand: no tar tool may write it. */
export function tarWith(name: string, content: string): Uint8Array {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write("0000644\0", 100);
  header.write("0000000\0", 108);
  header.write("0000000\0", 116);
  header.write(`${content.length.toString(8).padStart(11, "0")}\0`, 124);
  header.write("00000000000\0", 136);
  header.write("        ", 148);
  header.write("0", 156);
  header.write("ustar\x0000", 257);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  const data = Buffer.alloc(512);
  data.write(content);
  return new Uint8Array(Buffer.concat([header, data, Buffer.alloc(1024)]));
}
