import type { Engine } from "../engine/engine.ts";
import { assert } from "../errors/assert.ts";
import type {
  ContainerProcess,
  ContainerRuntime,
  ProcessInfo,
  ProcessSpec,
} from "../runtime/container-runtime.ts";

/**
 * Engine methods that can start a process in a world where none runs yet. Every other method
 * can only touch processes that already run, and a running process means the runtime is loaded.
 */
const PROCESS_METHODS: ReadonlySet<string> = new Set([
  "containerStart",
  "containerRestart",
  "execStart",
  "imageBuild",
]);

/**
 * A container runtime that is loaded only when a process is about to start: loading the
 * simulated runtime costs most of a short command's time (just-bash's command modules), and
 * `docker ps` never needs it. Loading involves real I/O, which must never happen inside
 * simulated time (see `EventLoop`), so it happens before the world is driven: `gate` wraps an
 * engine so that a process-starting call first asks for the runtime, and the host awaits `load()`
 * before it runs the loop. Until then nothing runs: no processes to list, pause or resume.
 */
export class OnDemandRuntime implements ContainerRuntime {
  readonly #load: () => Promise<ContainerRuntime>;
  #loading: Promise<void> | undefined;
  #runtime: ContainerRuntime | undefined;

  constructor(options: { load: () => Promise<ContainerRuntime> }) {
    this.#load = options.load;
  }

  /** Whether the runtime was asked for (and is loaded or loading). */
  get requested(): boolean {
    return this.#loading !== undefined;
  }

  /** Whether the runtime is loaded. */
  get loaded(): boolean {
    return this.#runtime !== undefined;
  }

  /** Loads the runtime, once; later calls return the same promise. */
  load(): Promise<void> {
    this.#loading ??= this.#load().then((runtime) => {
      this.#runtime = runtime;
    });
    return this.#loading;
  }

  start(spec: ProcessSpec): ContainerProcess {
    return this.#loaded().start(spec);
  }

  processes(containerId: string): ProcessInfo[] {
    return this.#runtime?.processes(containerId) ?? [];
  }

  pause(containerId: string): void {
    this.#loaded().pause(containerId);
  }

  resume(containerId: string): void {
    this.#runtime?.resume(containerId);
  }

  /**
   * The engine with its process-starting methods made to load the runtime first. Such a call
   * must come before the world is driven (the driven engine makes each call the first thing a
   * `run` does); `inSimulation` tells when it would be too late.
   */
  gate(engine: Engine, inSimulation: () => boolean): Engine {
    return new Proxy(engine, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== "function" || typeof property !== "string") return value;
        const method = value as (...args: unknown[]) => unknown;
        if (!PROCESS_METHODS.has(property) || this.loaded) return method.bind(target);
        assert(
          !inSimulation(),
          `${property} needs the container runtime, which loads only before the world runs`,
        );
        if (property === "imageBuild")
          return (...args: unknown[]) =>
            this.#afterLoad(() => method.apply(target, args) as AsyncIterable<unknown>);
        return async (...args: unknown[]) => {
          await this.load();
          return method.apply(target, args);
        };
      },
    });
  }

  /** A stream that starts once the runtime is loaded (asked for at the first `next`). */
  #afterLoad<T>(open: () => AsyncIterable<T>): AsyncIterable<T> {
    return {
      [Symbol.asyncIterator]: () => {
        let source: AsyncIterator<T> | undefined;
        const opened = async (): Promise<AsyncIterator<T>> => {
          await this.load();
          source ??= open()[Symbol.asyncIterator]();
          return source;
        };
        return {
          next: async () => (await opened()).next(),
          return: async () => {
            if (source === undefined) return { done: true, value: undefined };
            return (await source.return?.()) ?? { done: true, value: undefined };
          },
        };
      },
    };
  }

  #loaded(): ContainerRuntime {
    assert(this.#runtime !== undefined, "a process started before the container runtime loaded");
    return this.#runtime;
  }
}
