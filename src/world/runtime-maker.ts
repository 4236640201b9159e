import type { Scheduler } from "../clock/event-loop.ts";
import type { Rng } from "../random/rng.ts";
import type { ContainerRuntime } from "../runtime/container-runtime.ts";
import type { Tracer } from "../trace/tracer.ts";

/** Makes one host's container runtime for one boot of its daemon, synchronously. */
export type RuntimeMaker = (options: {
  scheduler: Scheduler;
  rng: Rng;
  tracer: Tracer;
}) => ContainerRuntime;

/**
 * The simulated runtime (just-bash userland), loaded once per process before the world runs:
 * loading is real I/O, which must never happen inside simulated time, so a daemon restart in
 * the middle of a run only calls the constructor. (`openEngineHost` loads it the same way.)
 */
export async function loadSimRuntimeMaker(): Promise<RuntimeMaker> {
  const [{ SimRuntime }, { prepareUserland }] = await Promise.all([
    import("../runtime/sim-runtime.ts"),
    import("../runtime/userland.ts"),
  ]);
  await prepareUserland();
  return (options) => new SimRuntime(options);
}
