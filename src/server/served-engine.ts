import type { EventLoop } from "../clock/event-loop.ts";
import type { EngineHost, EngineHostOptions } from "../daemon/engine-host.ts";

/** An engine host a server drives itself: the host, and the event loop of its world. */
export interface ServedEngine {
  readonly host: EngineHost;
  /** The world's loop: a server runs it (paced by wall time) instead of `host.run`. */
  readonly loop: EventLoop;
}

/**
 * Opens an engine host for a long-lived server, with the simulated runtime loaded at once (a
 * daemon runs processes sooner or later). The server, not `host.run`, drives the world's loop.
 */
export async function openServedEngine(options: {
  open: (options: EngineHostOptions) => Promise<EngineHost>;
  hostOptions?: Omit<EngineHostOptions, "runtime" | "runtimeLoading">;
}): Promise<ServedEngine> {
  const host = await options.open({
    ...options.hostOptions,
    runtime: "sim",
    runtimeLoading: "open",
  });
  return { host, loop: host.loop };
}
