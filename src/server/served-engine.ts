import type { EventLoop } from "../clock/event-loop.ts";
import type { EngineHost, EngineHostOptions } from "../daemon/engine-host.ts";
import { assert } from "../errors/assert.ts";
import type { Rng } from "../random/rng.ts";
import { SimRuntime } from "../runtime/sim-runtime.ts";
import { prepareUserland } from "../runtime/userland.ts";

/** An engine host a server drives itself: the host, and the event loop of its world. */
export interface ServedEngine {
  readonly host: EngineHost;
  /** The world's loop: a server runs it (paced by wall time) instead of `host.run`. */
  readonly loop: EventLoop;
}

/**
 * Opens an engine host for a long-lived server. The server, not `host.run`, drives the world's
 * loop, so it needs the loop: the host hands it to the runtime factory, which builds the simulated
 * runtime (loaded at once: a daemon runs processes sooner or later) and keeps the loop.
 */
export async function openServedEngine(options: {
  open: (options: EngineHostOptions) => Promise<EngineHost>;
  hostOptions?: Omit<EngineHostOptions, "runtime" | "runtimeLoading">;
}): Promise<ServedEngine> {
  await prepareUserland();
  let loop: EventLoop | undefined;
  const runtime = (parts: { loop: EventLoop; rng: Rng }) => {
    loop = parts.loop;
    return new SimRuntime({ scheduler: parts.loop, rng: parts.rng });
  };
  const host = await options.open({ ...options.hostOptions, runtime });
  assert(loop !== undefined, "the engine host builds its runtime when it opens");
  return { host, loop };
}
