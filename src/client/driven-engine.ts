import type { WaitResponse } from "../engine/api-types.ts";
import type { AttachSession, Engine } from "../engine/engine.ts";
import { hasErrorCode } from "../errors/drydock-error.ts";

/** A simulated engine and the way to make its world's time pass (the daemon's `EngineHost`). */
export interface DrivableEngine {
  readonly engine: Engine;
  run<T>(work: (engine: Engine) => Promise<T>): Promise<T>;
}

/** Whether an error is the event loop saying that nothing can happen any more. */
function isIdleWorld(error: unknown): boolean {
  return (
    hasErrorCode(error, "FailedPrecondition") &&
    /simulation deadlock/.test((error as Error).message)
  );
}

/**
 * Drives the world only while a result is awaited: a `DrivenResult` starts the operation at once
 * (so `containerWait` registers its waiter before `containerStart`, as the CLI needs) and runs
 * the event loop when someone awaits it.
 */
class DrivenResult<T> implements PromiseLike<T> {
  #driven: Promise<T> | undefined;

  constructor(
    readonly host: DrivableEngine,
    readonly pending: Promise<T>,
  ) {
    pending.catch(() => undefined);
  }

  // biome-ignore lint/suspicious/noThenProperty: a thenable is the point: awaiting it drives the world.
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#driven ??= this.host.run(() => this.pending);
    return this.#driven.then(onFulfilled, onRejected);
  }
}

function drivenIterable<T>(
  host: DrivableEngine,
  source: AsyncIterable<T>,
  endWhenIdle: boolean,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const iterator = source[Symbol.asyncIterator]();
      return {
        next: async () => {
          try {
            return await host.run(() => iterator.next());
          } catch (error) {
            // A followed stream (`events`, `logs -f`) ends when nothing more can ever happen.
            if (endWhenIdle && isIdleWorld(error)) return { done: true, value: undefined };
            throw error;
          }
        },
        return: async () => {
          await iterator.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

function drivenSession(host: DrivableEngine, session: AttachSession): AttachSession {
  return {
    output: drivenIterable(host, session.output, false),
    writeStdin: (data) => session.writeStdin(data),
    closeStdin: () => session.closeStdin(),
    close: () => session.close(),
  };
}

/**
 * The engine a client uses in front of a simulated world: every call runs the world's event
 * loop until its result is ready, and no longer, so the client itself may read and write host
 * files between calls (which the simulation must never wait for).
 */
export function drivenEngine(host: DrivableEngine): Engine {
  const { engine } = host;
  const streams = new Set([
    "events",
    "imageBuild",
    "imageLoad",
    "imageImport",
    "imagePush",
    "imagePull",
    "containerLogs",
    "containerStats",
  ]);
  const sessions = new Set(["containerAttach", "execStart"]);
  return new Proxy(engine, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function" || typeof property !== "string") return value;
      const method = value as (...args: unknown[]) => unknown;
      if (streams.has(property)) {
        const follows =
          property === "events" || property === "containerLogs" || property === "containerStats";
        return (...args: unknown[]) =>
          drivenIterable(host, method.apply(target, args) as AsyncIterable<unknown>, follows);
      }
      if (sessions.has(property)) {
        return async (...args: unknown[]) =>
          drivenSession(
            host,
            await host.run(() => method.apply(target, args) as Promise<AttachSession>),
          );
      }
      if (property === "containerWait") {
        return (...args: unknown[]) =>
          new DrivenResult(host, method.apply(target, args) as Promise<WaitResponse>);
      }
      return (...args: unknown[]) => host.run(() => method.apply(target, args) as Promise<unknown>);
    },
  });
}
