import type { EventLoop } from "../../clock/event-loop.ts";
import type { AttachSession, Engine } from "../../engine/engine.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import { decodeValue, type JournalEnd, type JournalEntry } from "./journal-entry.ts";
import { SESSION_METHODS, STREAM_METHODS } from "./journal-recorder.ts";

interface Handle {
  /** A stream's iterator (made at the first `next`), or a session once its promise settled. */
  iterable?: AsyncIterable<unknown>;
  iterator?: AsyncIterator<unknown>;
  session?: AttachSession;
}

/**
 * Replays a journal on an engine restored to the state the journal starts from: every call and
 * stream operation again, each when the event loop has fired exactly as many events as it had
 * the first time. The world being deterministic, it ends exactly where the journal ends; a
 * difference in time on the way means it was not, and is reported as `DataLoss`.
 */
export async function replayJournal(options: {
  engine: Engine;
  loop: EventLoop;
  entries: readonly JournalEntry[];
  end: JournalEnd;
  blobs: ReadonlyMap<string, Uint8Array>;
}): Promise<void> {
  const { engine, loop } = options;
  const handles = new Map<number, Handle>();
  for (const entry of options.entries) {
    await fireUntil(loop, entry.fired, entry.tUs);
    if (entry.kind === "call") {
      const args = entry.args.map((arg) => decodeValue(arg, options.blobs));
      handles.set(entry.handle, invoke(engine, entry.method, args));
      continue;
    }
    const handle = handles.get(entry.handle);
    if (handle === undefined) throw diverged(`an operation on unknown handle ${entry.handle}`);
    apply(handle, entry, options.blobs);
  }
  await fireUntil(loop, options.end.fired, options.end.tUs);
}

function invoke(engine: Engine, method: string, args: unknown[]): Handle {
  const callable = (engine as unknown as Record<string, unknown>)[method];
  if (typeof callable !== "function") throw diverged(`an unknown engine method ${method}`);
  const handle: Handle = {};
  let result: unknown;
  try {
    result = (callable as (...a: unknown[]) => unknown).apply(engine, args);
  } catch {
    // The call failed at once the first time too (a stream of an unknown container): no effects.
    return handle;
  }
  if (STREAM_METHODS.has(method)) {
    handle.iterable = result as AsyncIterable<unknown>;
  } else if (SESSION_METHODS.has(method)) {
    (result as Promise<AttachSession>).then(
      (session) => {
        handle.session = session;
        handle.iterable = session.output;
      },
      () => undefined,
    );
  } else {
    // The client saw this result the first time; a replay only needs its effects.
    (result as Promise<unknown>).catch(() => undefined);
  }
  return handle;
}

function apply(
  handle: Handle,
  entry: Exclude<JournalEntry, { kind: "call" }>,
  blobs: ReadonlyMap<string, Uint8Array>,
): void {
  switch (entry.kind) {
    case "next": {
      if (handle.iterable === undefined) throw diverged("a stream read before its call settled");
      handle.iterator ??= handle.iterable[Symbol.asyncIterator]();
      handle.iterator.next().catch(() => undefined);
      return;
    }
    case "return":
      handle.iterator?.return?.()?.catch(() => undefined);
      return;
    case "stdin":
      session(handle).writeStdin(decodeValue(entry.data, blobs) as Uint8Array);
      return;
    case "closeStdin":
      session(handle).closeStdin();
      return;
    case "close":
      session(handle).close();
      return;
  }
}

function session(handle: Handle): AttachSession {
  if (handle.session === undefined) throw diverged("a session used before it was attached");
  return handle.session;
}

/** Brings the world to the recorded position and checks that the clock agrees. */
async function fireUntil(loop: EventLoop, fired: number, tUs: number): Promise<void> {
  try {
    await loop.runUntilFired(fired);
  } catch (cause) {
    throw diverged(cause instanceof Error ? cause.message : String(cause));
  }
  if (loop.firedCount !== fired || loop.clock.nowUs() !== tUs) {
    throw diverged(
      `event ${loop.firedCount} at ${loop.clock.nowUs()}µs, journal says ${fired} at ${tUs}µs`,
    );
  }
}

function diverged(what: string): DrydockError {
  return new DrydockError("DataLoss", `replaying the embedded world's journal diverged: ${what}`);
}
