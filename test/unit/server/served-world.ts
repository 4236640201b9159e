import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { TarWriter } from "../../../src/archive/tar-writer.ts";
import { openEngineHost } from "../../../src/daemon/engine-host.ts";
import { EngineApiPacer } from "../../../src/node/engine-api-pacer.ts";
import { type ApiResponse, bytesBody } from "../../../src/server/api-exchange.ts";
import type { ServerIdentity } from "../../../src/server/api-reply.ts";
import { EngineApiHandler } from "../../../src/server/engine-api-handler.ts";
import { openServedEngine } from "../../../src/server/served-engine.ts";

export const IDENTITY: ServerIdentity = {
  apiVersion: "1.41",
  minApiVersion: "1.12",
  server: "Docker/20.10.24+drydock (linux)",
  experimental: false,
  osType: "linux",
};

/** A memory world served unpaced (events fire at once), with its handler. */
export interface ServedWorld {
  readonly handler: EngineApiHandler;
  readonly pacer: EngineApiPacer;
  send(
    method: string,
    target: string,
    options?: { body?: Uint8Array | string; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  close(): Promise<void>;
}

export async function openServedWorld(): Promise<ServedWorld> {
  const served = await openServedEngine({ open: openEngineHost, hostOptions: { seed: 7 } });
  const pacer = new EngineApiPacer({ loop: served.loop, engine: served.host.engine, paced: false });
  pacer.start();
  const handler = new EngineApiHandler({ caller: pacer, identity: IDENTITY });
  return {
    handler,
    pacer,
    send: (method, target, options = {}) => {
      const body =
        typeof options.body === "string" ? new TextEncoder().encode(options.body) : options.body;
      return handler.handle({
        method,
        target,
        headers: options.headers ?? {},
        body: bytesBody(body),
      });
    },
    close: async () => {
      await pacer.stop();
      await served.host.close();
    },
  };
}

/** The whole body of an answer (a stream read to its end). */
export async function bodyOf(response: ApiResponse): Promise<Uint8Array> {
  if (response.kind === "bytes") return response.body;
  if (response.kind === "hijack") throw new Error("a hijacked answer has no body");
  const parts: Uint8Array[] = [];
  for await (const chunk of response.chunks) parts.push(chunk);
  return concat(parts);
}

export async function textOf(response: ApiResponse): Promise<string> {
  return new TextDecoder().decode(await bodyOf(response));
}

export function statusOf(response: ApiResponse): number {
  return response.kind === "hijack" ? 101 : response.status;
}

export function header(response: ApiResponse, name: string): string | undefined {
  return response.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A build context tar holding the given files. */
export function contextTar(files: Record<string, string>): Uint8Array {
  const writer = new TarWriter();
  for (const [path, text] of Object.entries(files)) {
    writer.add(tarEntry({ path, type: "file", mode: 0o644, data: new TextEncoder().encode(text) }));
  }
  return concat(writer.finishChunks());
}
