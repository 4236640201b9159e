import { writeGoJson } from "../digest/go-json.ts";
import type { EventMessage } from "../engine/api-types.ts";
import type { Engine, OutputFrame } from "../engine/engine.ts";
import { errorMessage, type JsonMessage } from "../engine/json-message.ts";
import { isDrydockError } from "../errors/drydock-error.ts";
import type { ApiResponse, EngineCaller, HeaderList } from "./api-exchange.ts";
import { daemonHeaders, errorReply, type ServerIdentity } from "./api-reply.ts";

const ENCODER = new TextEncoder();

/**
 * An engine stream read through the caller: each `next` is one queued call, so the world's loop
 * never runs a stream's producer in the middle of another request's engine call.
 */
export function callerIterator<T>(
  caller: EngineCaller,
  iterator: AsyncIterator<T>,
): AsyncIterator<T> & { return(): Promise<IteratorResult<T>> } {
  return {
    next: () => caller.call(() => iterator.next()),
    return: async () => {
      await caller.call(async () => iterator.return?.());
      return { done: true, value: undefined };
    },
  };
}

/** Makes an iterable of chunks from an iterator and a mapping, ending (and cancelling) with it. */
function mapped<T>(
  first: IteratorResult<T> | undefined,
  iterator: AsyncIterator<T>,
  encode: (item: T) => Uint8Array,
  onError?: (error: unknown) => Uint8Array | undefined,
): AsyncIterable<Uint8Array> {
  return (async function* () {
    let pending = first;
    for (;;) {
      let result: IteratorResult<T>;
      try {
        result = pending ?? (await iterator.next());
      } catch (error) {
        const last = onError?.(error);
        if (last === undefined) throw error;
        yield last;
        return;
      }
      pending = undefined;
      if (result.done === true) return;
      yield encode(result.value);
    }
  })();
}

/** One JSON message as dockerd's `json.Encoder` writes it into build/push/pull/load streams. */
export function jsonMessageLine(message: JsonMessage): Uint8Array {
  return ENCODER.encode(`${writeGoJson(message)}\r\n`);
}

/**
 * A JSON-message stream (build, push, pull, load) as dockerd answers it: an error before the
 * first message is a plain HTTP error, later ones end the stream with an `errorDetail` line,
 * while the status stays 200.
 */
export async function jsonMessageReply(
  identity: ServerIdentity,
  caller: EngineCaller,
  open: (engine: Engine) => AsyncIterable<JsonMessage>,
): Promise<ApiResponse> {
  const iterator = callerIterator(
    caller,
    await caller.call(async (engine) => open(engine)[Symbol.asyncIterator]()),
  );
  let first: IteratorResult<JsonMessage>;
  try {
    first = await iterator.next();
  } catch (error) {
    return errorReply(identity, error);
  }
  return {
    kind: "stream",
    status: 200,
    headers: [...daemonHeaders(identity), ["Content-Type", "application/json"]],
    chunks: mapped(first, iterator, jsonMessageLine, (error) =>
      isDrydockError(error) ? jsonMessageLine(errorMessage(error.message)) : undefined,
    ),
    cancel: () => void iterator.return().catch(() => undefined),
  };
}

/** stdcopy's frame: `[stream, 0, 0, 0, size (big-endian uint32)]` then the bytes. */
export function stdcopyFrame(stream: 0 | 1 | 2, data: Uint8Array): Uint8Array {
  const frame = new Uint8Array(8 + data.length);
  frame[0] = stream;
  new DataView(frame.buffer).setUint32(4, data.length);
  frame.set(data, 8);
  return frame;
}

/** A process's output on the wire: stdcopy frames, or the raw bytes when it has a TTY. */
export function outputBytes(frame: OutputFrame, tty: boolean): Uint8Array {
  if (tty) return frame.data;
  return stdcopyFrame(frame.stream === "stdout" ? 1 : 2, frame.data);
}

/** Output frames (logs, attach, exec) as wire chunks, read through the caller. */
export function outputChunks(
  caller: EngineCaller,
  frames: AsyncIterable<OutputFrame>,
  tty: boolean,
): { chunks: AsyncIterable<Uint8Array>; cancel: () => void } {
  const iterator = callerIterator(caller, frames[Symbol.asyncIterator]());
  return {
    chunks: mapped(undefined, iterator, (frame) => outputBytes(frame, tty)),
    cancel: () => void iterator.return().catch(() => undefined),
  };
}

/** One event as dockerd writes it: Go JSON, `timeNano` as an exact integer, `\n` after it. */
export function eventLine(event: EventMessage): Uint8Array {
  const { timeNano, ...rest } = event;
  const json = writeGoJson(rest).replace(/}$/, `,"timeNano":${timeNano.toString()}}`);
  return ENCODER.encode(`${json}\n`);
}

/** A streamed answer with the daemon's headers (and a content type, when dockerd sends one). */
export function streamReply(
  identity: ServerIdentity,
  stream: { chunks: AsyncIterable<Uint8Array>; cancel: () => void },
  contentType: string | undefined,
): ApiResponse {
  const headers: HeaderList =
    contentType === undefined
      ? daemonHeaders(identity)
      : [...daemonHeaders(identity), ["Content-Type", contentType]];
  return { kind: "stream", status: 200, headers, ...stream };
}
