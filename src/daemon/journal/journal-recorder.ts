import type { EventLoop } from "../../clock/event-loop.ts";
import type { AttachSession, Engine } from "../../engine/engine.ts";
import { encodeValue, type JournalEntry } from "./journal-entry.ts";

/** Engine methods that return a stream (an async iterable) rather than a promise. */
export const STREAM_METHODS: ReadonlySet<string> = new Set([
  "events",
  "imageBuild",
  "imageLoad",
  "imagePush",
  "imagePull",
  "containerLogs",
  "containerStats",
]);

/** Engine methods whose promise gives an attach session (stdin, output stream). */
export const SESSION_METHODS: ReadonlySet<string> = new Set(["containerAttach", "execStart"]);

/**
 * Records every interaction a client has with an engine into a journal, without changing what
 * the client sees: each call, and each operation on the streams and sessions calls return, with
 * the event loop's position at that moment.
 */
export class JournalRecorder {
  readonly entries: JournalEntry[];
  readonly blobs: Map<string, Uint8Array>;
  readonly #loop: EventLoop;
  #nextHandle: number;

  constructor(options: {
    loop: EventLoop;
    /** A journal this one continues (entries and blobs are appended to). */
    entries?: JournalEntry[];
    blobs?: Map<string, Uint8Array>;
  }) {
    this.#loop = options.loop;
    this.entries = options.entries ?? [];
    this.blobs = options.blobs ?? new Map();
    this.#nextHandle = 1 + Math.max(0, ...this.entries.map((entry) => entry.handle));
  }

  /** The engine to hand to the client: the same engine, every interaction journalled. */
  wrap(engine: Engine): Engine {
    return new Proxy(engine, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== "function" || typeof property !== "string") return value;
        const method = value as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => this.#call(target, property, method, args);
      },
    });
  }

  #position(): { fired: number; tUs: number } {
    return { fired: this.#loop.firedCount, tUs: this.#loop.clock.nowUs() };
  }

  #call(
    target: Engine,
    name: string,
    method: (...args: unknown[]) => unknown,
    args: unknown[],
  ): unknown {
    const handle = this.#nextHandle++;
    this.entries.push({
      kind: "call",
      ...this.#position(),
      method: name,
      args: args.map((arg) => encodeValue(arg, this.blobs)),
      handle,
    });
    const result = method.apply(target, args);
    if (STREAM_METHODS.has(name)) return this.#stream(result as AsyncIterable<unknown>, handle);
    if (SESSION_METHODS.has(name)) {
      return (result as Promise<AttachSession>).then((session) => this.#session(session, handle));
    }
    return result;
  }

  #stream<T>(source: AsyncIterable<T>, handle: number): AsyncIterable<T> {
    const record = (kind: "next" | "return"): void => {
      this.entries.push({ kind, ...this.#position(), handle });
    };
    return {
      [Symbol.asyncIterator]: () => {
        const iterator = source[Symbol.asyncIterator]();
        return {
          next: () => {
            record("next");
            return iterator.next();
          },
          return: async (value?: unknown) => {
            record("return");
            return (await iterator.return?.(value)) ?? { done: true, value: undefined as T };
          },
        };
      },
    };
  }

  #session(session: AttachSession, handle: number): AttachSession {
    return {
      output: this.#stream(session.output, handle),
      writeStdin: (data) => {
        this.entries.push({
          kind: "stdin",
          ...this.#position(),
          handle,
          data: encodeValue(data, this.blobs),
        });
        session.writeStdin(data);
      },
      closeStdin: () => {
        this.entries.push({ kind: "closeStdin", ...this.#position(), handle });
        session.closeStdin();
      },
      close: () => {
        this.entries.push({ kind: "close", ...this.#position(), handle });
        session.close();
      },
    };
  }
}
