import { Builder } from "../builder/builder.ts";
import { EventLoop } from "../clock/event-loop.ts";
import { VirtualClock } from "../clock/virtual-clock.ts";
import { BlobPool } from "../content/blob-pool.ts";
import { MemContentStore } from "../content/mem-content-store.ts";
import type { Engine } from "../engine/engine.ts";
import { assert } from "../errors/assert.ts";
import { type Rng, SeededRng } from "../random/rng.ts";
import type { RegistryResolver } from "../registry/client/registry-resolver.ts";
import type { MemRegistry } from "../registry/server/mem-registry.ts";
import type { ContainerRuntime } from "../runtime/container-runtime.ts";
import { alpineImage, busyboxImage, type OfflineImage } from "../runtime/offline-images.ts";
import { ClockTracer, type TraceSink } from "../trace/tracer.ts";
import { loadSimRuntimeMaker } from "../world/runtime-maker.ts";
import type { BuildServices } from "./build-services.ts";
import { Daemon } from "./daemon.ts";
import type { DaemonLimits } from "./daemon-limits.ts";
import {
  DEFAULT_EMBEDDED_REGISTRIES,
  EmbeddedRegistries,
  type EmbeddedRegistrySpec,
} from "./embedded-registries.ts";
import { JournalRecorder } from "./journal/journal-recorder.ts";
import { replayJournal } from "./journal/journal-replay.ts";
import {
  DEFAULT_JOURNAL_LIMITS,
  exceeds,
  type JournalLimits,
  readWorld,
  type WorldHost,
  writeWorld,
} from "./journal/world-file.ts";
import { LayerTreeCache } from "./layer-tree-cache.ts";
import { OnDemandRuntime } from "./on-demand-runtime.ts";
import { restoreDaemon } from "./restore-daemon.ts";
import { saveDaemon } from "./save-daemon.ts";
import type { SavedState, StateStore } from "./state-store.ts";

/**
 * An engine with its simulated world, for a client: `run` drives the world's event loop until
 * the work settles (virtual time passes only while a command runs), `close` saves the world
 * (when the host has a store) without stopping anything: the next command finds containers
 * started with `run -d` still running, as consecutive `docker` commands find them.
 */
export interface EngineHost {
  readonly engine: Engine;
  /**
   * The world's event loop, for a server that drives the world itself (paced by wall time)
   * instead of through `run`.
   */
  readonly loop: EventLoop;
  run<T>(work: (engine: Engine) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Things the user should know after `close` (e.g. that the world had to be restarted). */
  readonly notices: readonly string[];
  /** A registry of the world by domain (`docker.io`, `localhost:5000`), or undefined. */
  registry(domain: string): Promise<MemRegistry | undefined>;
}

/** How an engine host is made. */
export interface EngineHostOptions {
  /** The world's seed, for a new state (a saved state keeps the seed it was made with). */
  readonly seed?: number;
  /** Where the world is saved by `close` and loaded from at open; none: memory only. */
  readonly store?: StateStore;
  /** `sim` (default): just-bash userland; or a runtime of the caller's. */
  readonly runtime?: "sim" | ((options: { loop: EventLoop; rng: Rng }) => ContainerRuntime);
  /**
   * When the `sim` runtime (just-bash's commands, most of a short command's start-up) loads:
   * `open` (default), or `on-demand`: before the first call that can start a process, for hosts
   * driven one engine call per `run` (the CLI's driven engine), so `docker ps` never loads it.
   */
  readonly runtimeLoading?: "open" | "on-demand";
  /** Images present from the start (default: busybox and alpine, the offline images). */
  readonly baseImages?: () => readonly OfflineImage[];
  /**
   * The world's registries, which its daemon pushes to and pulls from (default:
   * `DEFAULT_EMBEDDED_REGISTRIES`, `docker.io` with the offline images and an empty
   * `localhost:5000`). A saved world keeps the registries it saved.
   */
  readonly registries?: readonly EmbeddedRegistrySpec[];
  /**
   * Registries outside the world, by domain (real HTTP registries, `src/node/`), asked before
   * the world's own. Their answers are waited for outside simulated time (`EventLoop.external`).
   */
  readonly remoteRegistries?: RegistryResolver;
  /** Where trace events go. */
  readonly traceSinks?: readonly TraceSink[];
  readonly limits?: Partial<DaemonLimits>;
  /** How long a journal of a live world may grow before the world is restarted instead. */
  readonly journalLimits?: Partial<JournalLimits>;
  /** Shared across hosts of a process (defaults: one cache and one pool per process). */
  readonly layerTrees?: LayerTreeCache;
  readonly blobPool?: BlobPool;
}

let processLayerTrees: LayerTreeCache | undefined;

/**
 * Opens an engine host: a fresh daemon (with the offline base images), or the saved world: the
 * last state in which nothing ran, plus the journal of what happened since, replayed (see
 * `journal/journal-entry.ts`), so the world continues exactly where the last command left it.
 */
export async function openEngineHost(options: EngineHostOptions = {}): Promise<EngineHost> {
  const saved = await options.store?.load();
  const world = saved === undefined ? undefined : readWorld(saved);
  const seed = world?.host.seed ?? options.seed ?? 0;
  // A boot number per daemon start: host PIDs do not repeat. A journal's replay is the same
  // boot as the session that wrote it, so it keeps that number.
  const bootCount =
    world === undefined
      ? 0
      : world.journal === undefined
        ? world.host.bootCount + 1
        : world.host.bootCount;
  const clock = new VirtualClock({ startUs: world?.baseClockUs });
  const loop = new EventLoop({ clock });
  const rng = SeededRng.fromSeed(seed);
  const tracer = new ClockTracer({ clock, sinks: options.traceSinks });
  const runtimeRng = rng.fork(`runtime/boot-${bootCount}`);
  const loadSim = async () =>
    (await loadSimRuntimeMaker())({ scheduler: loop, rng: runtimeRng, tracer });
  const onDemand =
    (options.runtime ?? "sim") === "sim" && options.runtimeLoading === "on-demand"
      ? new OnDemandRuntime({ load: loadSim })
      : undefined;
  const runtime =
    onDemand ??
    (options.runtime === undefined || options.runtime === "sim"
      ? await loadSim()
      : options.runtime({ loop, rng: runtimeRng }));
  processLayerTrees ??= new LayerTreeCache();
  const pool = options.blobPool ?? new BlobPool();
  const registries = new EmbeddedRegistries({
    specs: options.registries ?? DEFAULT_EMBEDDED_REGISTRIES,
    saved: { records: world?.registries ?? new Map(), blobs: saved?.blobs ?? new Map() },
    clock,
    rng: rng.fork("registries"),
    tracer,
    pool,
  });
  const daemonOptions = {
    scheduler: loop,
    rng: rng.fork("daemon"),
    tracer,
    runtime,
    limits: options.limits,
    layerTrees: options.layerTrees ?? processLayerTrees,
    content: new MemContentStore({ pool }),
    registries: withRemote(options.remoteRegistries, registries.resolver, loop),
    builder: (services: BuildServices) =>
      new Builder({ host: services, clock, scheduler: loop, tracer, hostName: "drydock" }),
  };
  let daemon: Daemon;
  if (world?.baseState === undefined) {
    daemon = new Daemon(daemonOptions);
    await daemon.installBaseImages((options.baseImages ?? defaultBaseImages)());
  } else {
    daemon = await restoreDaemon(daemonOptions, world.baseState);
    // Only a real restart (the fallback in `close`) makes dockerd's boot-time restart policies
    // act; between two commands the world merely stood still.
    if (world.host.restarted === true) {
      await onDemand?.load();
      daemon.boot();
    }
  }
  const recorder = new JournalRecorder({
    loop,
    entries: world?.journal === undefined ? [] : [...world.journal.entries],
    blobs: new Map(world?.journal === undefined ? [] : world.journalBlobs),
  });
  if (world?.journal !== undefined) {
    // A journal means the world was not at rest: its processes run again during the replay.
    await onDemand?.load();
    await replayJournal({ engine: daemon, loop, ...world.journal, blobs: world.journalBlobs });
  }
  return hostOf({
    daemon,
    loop,
    recorder,
    onDemand,
    registries,
    store: options.store,
    base: world?.baseState,
    host: {
      seed,
      bootCount,
      restarted: world?.host.restarted,
    },
    limits: { ...DEFAULT_JOURNAL_LIMITS, ...options.journalLimits },
  });
}

/** A memory-only engine (nothing is saved): tests, scenarios, the browser. */
export function openMemoryEngine(
  options: { seed?: number } & Omit<EngineHostOptions, "store" | "seed"> = {},
): Promise<EngineHost> {
  return openEngineHost(options);
}

/**
 * The simulated runtime, imported only when wanted (its module graph holds just-bash) and ready:
 * every just-bash command loaded (see `prepareUserland`).
 */
/** The world's resolver, with remote registries first, each request marked as real I/O. */
function withRemote(
  remote: RegistryResolver | undefined,
  embedded: RegistryResolver,
  loop: EventLoop,
): RegistryResolver {
  if (remote === undefined) return embedded;
  return (domain) => {
    const transport = remote(domain);
    if (transport === undefined) return embedded(domain);
    return { send: (request, options) => loop.external(transport.send(request, options)) };
  };
}

function defaultBaseImages(): readonly OfflineImage[] {
  return [busyboxImage(), alpineImage()];
}

/** A world is at rest when nothing runs and nothing is scheduled: its state is all there is. */
function atRest(daemon: Daemon, loop: EventLoop): boolean {
  return !loop.hasPendingEvents && !daemon.context.containers.list().some((c) => c.isRunning);
}

function hostOf(options: {
  daemon: Daemon;
  loop: EventLoop;
  recorder: JournalRecorder;
  /** The runtime, when it loads on demand. */
  onDemand: OnDemandRuntime | undefined;
  registries: EmbeddedRegistries;
  store: StateStore | undefined;
  /** The state at rest this session started from (undefined: a fresh daemon). */
  base: SavedState | undefined;
  host: WorldHost;
  limits: JournalLimits;
}): EngineHost {
  const { daemon, loop, recorder, onDemand, registries } = options;
  let driving = false;
  const recorded = recorder.wrap(daemon);
  const engine = onDemand === undefined ? recorded : onDemand.gate(recorded, () => driving);
  const notices: string[] = [];
  let busy = false;
  let closed = false;
  return {
    engine,
    loop,
    notices,
    registry: (domain) => registries.registry(domain),
    run: async (work) => {
      assert(!closed, "the engine host is closed");
      assert(!busy, "one run at a time: the event loop belongs to one command");
      busy = true;
      try {
        const pending = work(engine);
        // A call that starts a process asked for the runtime: load it while time stands still.
        if (onDemand?.requested === true && !onDemand.loaded) {
          pending.catch(() => undefined);
          await onDemand.load();
        }
        driving = true;
        const result = await loop.runUntil(pending);
        // What the command set going may go on at this instant (a started container's shell
        // reaching its `trap`, its first output): on a real host it does before the next
        // command can arrive. No time passes; the journal counts these events like any other.
        await loop.runUntilIdle({ untilUs: loop.clock.nowUs() });
        return result;
      } finally {
        busy = false;
        driving = false;
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      const store = options.store;
      if (store === undefined) return;
      if (atRest(daemon, loop)) {
        const host = { seed: options.host.seed, bootCount: options.host.bootCount };
        await store.save(
          writeWorld({
            base: await saveDaemon(daemon),
            host,
            registries: await registries.atRest(),
          }),
        );
        return;
      }
      if (exceeds(recorder, options.limits)) {
        // Too much to replay: restart the world as dockerd restarts, and say so.
        const running = daemon.context.containers.list().filter((c) => c.isRunning).length;
        await loop.runUntil(daemon.shutdown());
        notices.push(
          `drydock: the embedded world was restarted (its journal passed ${options.limits.entryCountMax} entries): ${running} running container(s) stopped`,
        );
        await store.save(
          writeWorld({
            base: await saveDaemon(daemon),
            host: { ...options.host, restarted: true },
            registries: await registries.atRest(),
          }),
        );
        return;
      }
      const end = { fired: loop.firedCount, tUs: loop.clock.nowUs() };
      await store.save(
        writeWorld({
          base: options.base,
          host: options.host,
          journal: { entries: recorder.entries, end },
          journalBlobs: recorder.blobs,
          // The journal's replay re-does this session's pushes against these.
          registries: registries.base(),
        }),
      );
    },
  };
}
