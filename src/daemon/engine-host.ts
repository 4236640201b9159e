import { Builder } from "../builder/builder.ts";
import { EventLoop } from "../clock/event-loop.ts";
import { VirtualClock } from "../clock/virtual-clock.ts";
import type { BlobPool } from "../content/blob-pool.ts";
import { MemContentStore } from "../content/mem-content-store.ts";
import type { Engine } from "../engine/engine.ts";
import { assert } from "../errors/assert.ts";
import { type Rng, SeededRng } from "../random/rng.ts";
import type { ContainerRuntime } from "../runtime/container-runtime.ts";
import { alpineImage, busyboxImage, type OfflineImage } from "../runtime/offline-images.ts";
import { SimRuntime } from "../runtime/sim-runtime.ts";
import { prepareUserland } from "../runtime/userland.ts";
import { ClockTracer, type TraceSink } from "../trace/tracer.ts";
import type { BuildServices } from "./build-services.ts";
import { Daemon } from "./daemon.ts";
import type { DaemonLimits } from "./daemon-limits.ts";
import { LayerTreeCache } from "./layer-tree-cache.ts";
import { readDaemonState, restoreDaemon } from "./restore-daemon.ts";
import { saveDaemon } from "./save-daemon.ts";
import type { StateStore } from "./state-store.ts";

/**
 * An engine with its simulated world, for a client: `run` drives the world's event loop until
 * the work settles (virtual time passes only while a command runs), `close` shuts the daemon down
 * as dockerd does and saves its state (when the host has a store).
 */
export interface EngineHost {
  readonly engine: Engine;
  run<T>(work: (engine: Engine) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** How an engine host is made. */
export interface EngineHostOptions {
  /** The world's seed, for a new state (a saved state keeps the seed it was made with). */
  readonly seed?: number;
  /** Where the daemon is saved by `close` and loaded from at open; none: memory only. */
  readonly store?: StateStore;
  /** `sim` (default): just-bash userland; or a runtime of the caller's. */
  readonly runtime?: "sim" | ((options: { loop: EventLoop; rng: Rng }) => ContainerRuntime);
  /** Images present from the start (default: busybox and alpine, the offline images). */
  readonly baseImages?: () => readonly OfflineImage[];
  /** Where trace events go. */
  readonly traceSinks?: readonly TraceSink[];
  readonly limits?: Partial<DaemonLimits>;
  /** Shared across hosts of a process (defaults: one cache and one pool per process). */
  readonly layerTrees?: LayerTreeCache;
  readonly blobPool?: BlobPool;
}

let processLayerTrees: LayerTreeCache | undefined;

/**
 * Opens an engine host: a fresh daemon (with the offline base images), or the daemon saved in
 * `store`, restored as after a dockerd restart (containers stopped, restart policies applied,
 * IDs continuing where they stopped).
 */
export async function openEngineHost(options: EngineHostOptions = {}): Promise<EngineHost> {
  const saved = await options.store?.load();
  const state = saved === undefined ? undefined : readDaemonState(saved);
  const seed = typeof state?.host.seed === "number" ? state.host.seed : (options.seed ?? 0);
  const bootCount = typeof state?.host.bootCount === "number" ? state.host.bootCount + 1 : 0;
  const clock = new VirtualClock({ startUs: state?.clockUs });
  const loop = new EventLoop({ clock });
  const rng = SeededRng.fromSeed(seed);
  const tracer = new ClockTracer({ clock, sinks: options.traceSinks });
  if (options.runtime === undefined || options.runtime === "sim") await prepareUserland();
  // A new boot gets its own runtime stream: host PIDs do not repeat across commands.
  const runtimeRng = rng.fork(`runtime/boot-${bootCount}`);
  const runtime =
    options.runtime === undefined || options.runtime === "sim"
      ? new SimRuntime({ scheduler: loop, rng: runtimeRng, tracer })
      : options.runtime({ loop, rng: runtimeRng });
  processLayerTrees ??= new LayerTreeCache();
  const daemonOptions = {
    scheduler: loop,
    rng: rng.fork("daemon"),
    tracer,
    runtime,
    limits: options.limits,
    layerTrees: options.layerTrees ?? processLayerTrees,
    content: new MemContentStore({ pool: options.blobPool }),
    builder: (services: BuildServices) =>
      new Builder({ host: services, clock, scheduler: loop, tracer, hostName: "drydock" }),
  };
  let daemon: Daemon;
  if (saved === undefined) {
    daemon = new Daemon(daemonOptions);
    await daemon.installBaseImages((options.baseImages ?? defaultBaseImages)());
  } else {
    daemon = await restoreDaemon(daemonOptions, saved);
    daemon.boot();
  }
  return hostOf({ daemon, loop, store: options.store, hostState: { seed, bootCount } });
}

/** A memory-only engine (nothing is saved): tests, scenarios, the browser. */
export function openMemoryEngine(
  options: { seed?: number } & Omit<EngineHostOptions, "store" | "seed"> = {},
): Promise<EngineHost> {
  return openEngineHost(options);
}

function defaultBaseImages(): readonly OfflineImage[] {
  return [busyboxImage(), alpineImage()];
}

function hostOf(options: {
  daemon: Daemon;
  loop: EventLoop;
  store: StateStore | undefined;
  hostState: Readonly<Record<string, unknown>>;
}): EngineHost {
  const { daemon, loop } = options;
  let busy = false;
  let closed = false;
  return {
    engine: daemon,
    run: async (work) => {
      assert(!closed, "the engine host is closed");
      assert(!busy, "one run at a time: the event loop belongs to one command");
      busy = true;
      try {
        return await loop.runUntil(work(daemon));
      } finally {
        busy = false;
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await loop.runUntil(daemon.shutdown());
      if (options.store !== undefined)
        await options.store.save(await saveDaemon(daemon, { host: options.hostState }));
    },
  };
}
