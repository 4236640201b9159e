import type { Engine } from "../engine/engine.ts";

/**
 * One Engine API request as the server sees it, whatever carries it (a unix socket, loopback TCP,
 * or a test calling the handler directly). Header names are lower case.
 */
export interface ApiRequest {
  readonly method: string;
  /** Path and query as sent: `/v1.41/containers/json?all=1`. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: RequestBody;
}

/** A request body, read on demand: most requests have none, and a build context can be large. */
export interface RequestBody {
  /** All of it; rejects with `LimitExceededError` past `sizeBytesMax` (nothing is kept). */
  read(sizeBytesMax: number): Promise<Uint8Array>;
}

/** A request body held in memory (tests, and bodies already read). */
export function bytesBody(bytes: Uint8Array = new Uint8Array(0)): RequestBody {
  return { read: async () => bytes };
}

/** Response headers, in the order they are written. */
export type HeaderList = readonly (readonly [string, string])[];

/**
 * What the server answers: a body of known length, a body streamed chunk by chunk (build, pull,
 * logs, wait, events; each chunk flushed as it comes), or a hijacked connection (attach, exec).
 */
export type ApiResponse =
  | {
      readonly kind: "bytes";
      readonly status: number;
      readonly headers: HeaderList;
      readonly body: Uint8Array;
      /** Sent with `Transfer-Encoding: chunked` instead of `Content-Length`, as dockerd does for some. */
      readonly chunked?: boolean;
    }
  | {
      readonly kind: "stream";
      readonly status: number;
      readonly headers: HeaderList;
      readonly chunks: AsyncIterable<Uint8Array>;
      /** The client went away: stop producing (the chunk iterator is abandoned). */
      readonly cancel: () => void;
    }
  | {
      readonly kind: "hijack";
      readonly headers: HeaderList;
      readonly pipe: HijackedPipe;
      /**
       * The process starts only after the head is sent (exec, as dockerd does), so its first
       * output never shares a read with the head: a transport keeps that gap (see
       * `src/node/engine-api-hijack.ts`) even when virtual time runs unpaced.
       */
      readonly startsAfterHead?: boolean;
    };

/**
 * The byte pipe of an upgraded connection (`101 UPGRADED`, `Upgrade: tcp`): output until the
 * process ends (then the server closes its side), raw input from the client, the client's
 * half-close, and its going away.
 */
export interface HijackedPipe {
  readonly output: AsyncIterable<Uint8Array>;
  input(data: Uint8Array): void;
  inputEnd(): void;
  close(): void;
}

/**
 * How handlers reach the engine: every call is queued onto the one simulated world, which runs
 * it between two of its events, so requests arriving together never interleave inside the loop.
 */
export interface EngineCaller {
  call<T>(work: (engine: Engine) => Promise<T>): Promise<T>;
}
