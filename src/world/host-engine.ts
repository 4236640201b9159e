import type { BuildContextInput, Engine, ImageBuildOptions } from "../engine/engine.ts";
import type { JsonMessageStream } from "../engine/json-message.ts";
import { DrydockError } from "../errors/drydock-error.ts";

/** Engine methods that return a stream rather than a promise. */
const STREAM_METHODS: ReadonlySet<string> = new Set([
  "events",
  "imageBuild",
  "imageLoad",
  "imagePull",
  "imagePush",
  "containerLogs",
]);

/** What the docker CLI says when dockerd is not there. */
export function daemonDownError(): DrydockError {
  return new DrydockError(
    "Unavailable",
    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
  );
}

/**
 * The Engine a world's client uses on one host. It always reaches the host's current daemon (a
 * restart replaces it), fails as the docker CLI does while dockerd is down, and makes a build's
 * context cross the client↔daemon link before the daemon sees it (`sendContext`).
 */
export function hostEngine(options: {
  current: () => Engine | undefined;
  sendContext: (sizeBytes: number) => Promise<void>;
}): Engine {
  const { current, sendContext } = options;
  async function* build(
    context: BuildContextInput,
    buildOptions: ImageBuildOptions,
  ): JsonMessageStream {
    if (current() === undefined) throw daemonDownError();
    if (context.kind === "tar") await sendContext(context.archive.length);
    const daemon = current();
    if (daemon === undefined) throw daemonDownError();
    yield* daemon.imageBuild(context, buildOptions);
  }
  return new Proxy({} as Engine, {
    get(_target, property) {
      if (typeof property !== "string") return undefined;
      if (property === "imageBuild") return build;
      return (...args: unknown[]) => {
        const daemon = current();
        if (daemon === undefined)
          return STREAM_METHODS.has(property) ? failing() : Promise.reject(daemonDownError());
        const method = (daemon as unknown as Record<string, unknown>)[property];
        if (typeof method !== "function")
          throw new TypeError(`engine.${property} is not a function`);
        return method.apply(daemon, args);
      };
    },
  });
}

/** A stream that fails when read, as a stream call to a stopped dockerd does. */
function failing(): AsyncIterable<never> {
  return {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(daemonDownError()) }),
  };
}
