import { DEFAULT_EPOCH_US } from "../clock/clock.ts";
import { EventLoop } from "../clock/event-loop.ts";
import { VirtualClock } from "../clock/virtual-clock.ts";
import { BlobPool } from "../content/blob-pool.ts";
import type { DaemonLimits } from "../daemon/daemon-limits.ts";
import { LayerTreeCache } from "../daemon/layer-tree-cache.ts";
import { assert } from "../errors/assert.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { Link } from "../net/link.ts";
import { Network } from "../net/network.ts";
import { SeededRng } from "../random/rng.ts";
import { ClockTracer, type Tracer, type TraceSink } from "../trace/tracer.ts";
import { checkWorldSpec } from "./check-world-spec.ts";
import type { RegistryServerFactory } from "./registry-server.ts";
import { loadSimRuntimeMaker, type RuntimeMaker } from "./runtime-maker.ts";
import type { WorldFault } from "./world-fault.ts";
import { applyFault, checkFault } from "./world-faults.ts";
import type { WorldHost } from "./world-host.ts";
import { buildNetwork, type WorldNetwork } from "./world-network.ts";
import type { WorldRegistry } from "./world-registry.ts";
import type { WorldSpec } from "./world-spec.ts";

/** How `World.create` builds a world beyond its spec. */
export interface WorldOptions {
  /** The root seed: every host's and registry's randomness is forked from it by name. Default 0. */
  readonly seed?: number | string;
  /** Where trace events go (the world's one tracer). */
  readonly traceSinks?: readonly TraceSink[];
  /** Makes each registry's server; required when the spec has registries. */
  readonly registryServer?: RegistryServerFactory;
  /** `sim` (default): the just-bash userland; `builtin`: the daemon's few built-in programs. */
  readonly runtime?: "sim" | "builtin" | RuntimeMaker;
  /** Where the clock starts (µs since the epoch). Default 2026-01-01T00:00:00Z. */
  readonly startUs?: number;
  /** Default: a new pool for this world. */
  readonly pool?: BlobPool;
  /** Default: one cache per process (sealed layer trees are immutable and keyed by content). */
  readonly layerTrees?: LayerTreeCache;
  readonly daemonLimits?: Partial<DaemonLimits>;
  /** How many events one `run` may fire (default: the event loop's). */
  readonly eventCountMax?: number;
}

let processLayerTrees: LayerTreeCache | undefined;
let simRuntimeMaker: Promise<RuntimeMaker> | undefined;

/**
 * A simulated world: several hosts (each a dockerd with its docker client) and registries on
 * one event loop, one virtual clock, one seeded Rng and one tracer, joined by links with
 * latency and bandwidth, with faults at virtual instants. Same spec, same seed, same calls:
 * byte-identical trace.
 *
 * Drive it with `run`: virtual time passes only while `run` (or `runUntilUs`) is driving the
 * loop, so start engine calls inside `run`'s work.
 */
export class World {
  readonly loop: EventLoop;
  readonly clock: VirtualClock;
  readonly tracer: Tracer;
  readonly network: Network;
  readonly pool: BlobPool;
  /** The instant the world started; fault times (`atMs`) count from here. */
  readonly startUs: number;
  readonly #net: WorldNetwork;
  #running = false;

  private constructor(options: {
    loop: EventLoop;
    tracer: Tracer;
    pool: BlobPool;
    net: WorldNetwork;
  }) {
    this.loop = options.loop;
    this.clock = options.loop.clock;
    this.tracer = options.tracer;
    this.network = options.net.network;
    this.pool = options.pool;
    this.startUs = this.clock.nowUs();
    this.#net = options.net;
  }

  /** Builds a world from its spec; its faults are scheduled, nothing has run yet. */
  static async create(spec: WorldSpec, options: WorldOptions = {}): Promise<World> {
    checkWorldSpec(spec);
    if ((spec.registries?.length ?? 0) > 0 && options.registryServer === undefined)
      throw new DrydockError("InvalidArgument", "world: registries need a registryServer factory");
    const clock = new VirtualClock({ startUs: options.startUs ?? DEFAULT_EPOCH_US });
    const loop = new EventLoop({ clock, eventCountMax: options.eventCountMax });
    const tracer = new ClockTracer({ clock, sinks: options.traceSinks });
    const pool = options.pool ?? new BlobPool();
    processLayerTrees ??= new LayerTreeCache();
    const net = await buildNetwork(spec, {
      loop,
      tracer,
      pool,
      rng: SeededRng.fromSeed(options.seed ?? 0),
      network: new Network({ scheduler: loop, tracer }),
      layerTrees: options.layerTrees ?? processLayerTrees,
      runtime: await runtimeOf(options.runtime ?? "sim"),
      registryServer: options.registryServer,
      daemonLimits: options.daemonLimits,
    });
    const world = new World({ loop, tracer, pool, net });
    for (const fault of spec.faults ?? []) world.schedule(fault);
    return world;
  }

  /** The host named `name`; throws `NotFound` for an unknown name. */
  host(name: string): WorldHost {
    const host = this.#net.hosts.get(name);
    if (host === undefined) throw new DrydockError("NotFound", `world: no host named ${name}`);
    return host;
  }

  /** The registry named `name` (its domain); throws `NotFound` for an unknown name. */
  registry(name: string): WorldRegistry {
    const registry = this.#net.registries.get(name);
    if (registry === undefined)
      throw new DrydockError("NotFound", `world: no registry named ${name}`);
    return registry;
  }

  /** Hosts in spec order. */
  get hosts(): readonly WorldHost[] {
    return [...this.#net.hosts.values()];
  }

  /** Registries in spec order. */
  get registries(): readonly WorldRegistry[] {
    return [...this.#net.registries.values()];
  }

  /** The link between a host and a registry (every pair has its own). */
  link(host: string, registry: string): Link {
    this.host(host);
    this.registry(registry);
    const link = this.#net.pairLinks.get(`${host}\n${registry}`);
    assert(link !== undefined, "every host-registry pair has a link");
    return link;
  }

  /**
   * Drives the loop until `work` settles and returns its result (or throws its error). Work
   * that can never settle (nothing scheduled) is a deadlock error rather than a hang.
   */
  async run<T>(work: Promise<T> | (() => Promise<T>)): Promise<T> {
    return this.#drive(() => this.loop.runUntil(typeof work === "function" ? work() : work));
  }

  /** Lets virtual time pass until `instantUs`, firing everything due before (faults included). */
  async runUntilUs(instantUs: number): Promise<void> {
    return this.#drive(() => this.loop.runUntilIdle({ untilUs: instantUs }));
  }

  /** Schedules a fault at `startUs + atMs`; checks its names now. */
  schedule(fault: WorldFault): void {
    checkFault(this.#net, fault);
    const atUs = this.startUs + Math.round(fault.atMs * 1_000);
    this.loop.at(atUs, `fault ${fault.kind}`, () => {
      applyFault(this.#net, fault).catch((error: unknown) => {
        this.tracer.emit({
          kind: "world.fault.error",
          component: "world",
          data: {
            fault: fault.kind,
            message: error instanceof Error ? error.message : String(error),
          },
        });
      });
    });
  }

  async #drive<T>(drive: () => Promise<T>): Promise<T> {
    assert(!this.#running, "one run at a time: the event loop belongs to one driver");
    this.#running = true;
    try {
      return await drive();
    } finally {
      this.#running = false;
    }
  }
}

async function runtimeOf(
  runtime: "sim" | "builtin" | RuntimeMaker,
): Promise<RuntimeMaker | undefined> {
  if (runtime === "builtin") return undefined;
  if (runtime !== "sim") return runtime;
  simRuntimeMaker ??= loadSimRuntimeMaker();
  return simRuntimeMaker;
}
