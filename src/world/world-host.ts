import { Builder } from "../builder/builder.ts";
import { MemoryHostFiles } from "../client/memory-host-files.ts";
import type { EventLoop } from "../clock/event-loop.ts";
import type { BlobPool } from "../content/blob-pool.ts";
import { MemContentStore } from "../content/mem-content-store.ts";
import type { BuildServices } from "../daemon/build-services.ts";
import { Daemon } from "../daemon/daemon.ts";
import type { DaemonLimits } from "../daemon/daemon-limits.ts";
import type { DaemonOptions } from "../daemon/daemon-options.ts";
import type { LayerTreeCache } from "../daemon/layer-tree-cache.ts";
import { restoreDaemon } from "../daemon/restore-daemon.ts";
import { saveDaemon } from "../daemon/save-daemon.ts";
import type { Engine } from "../engine/engine.ts";
import type { Link } from "../net/link.ts";
import type { Network } from "../net/network.ts";
import type { Rng } from "../random/rng.ts";
import type { RegistryResolver } from "../registry/client/registry-resolver.ts";
import type { ContainerRuntime } from "../runtime/container-runtime.ts";
import type { OfflineImage } from "../runtime/offline-images.ts";
import type { Tracer } from "../trace/tracer.ts";
import { hostEngine } from "./host-engine.ts";
import type { RuntimeMaker } from "./runtime-maker.ts";

/** How a `WorldHost` is made (by `World.create`). */
export interface WorldHostOptions {
  readonly name: string;
  /** The host's IP on the world's network (`10.0.0.2`). */
  readonly ip: string;
  readonly loop: EventLoop;
  readonly network: Network;
  /** Forked from the world's root as `host/<name>`. */
  readonly rng: Rng;
  /** The world's tracer; the host tags its events with `host: <name>`. */
  readonly tracer: Tracer;
  readonly pool: BlobPool;
  readonly layerTrees: LayerTreeCache;
  readonly registries: RegistryResolver;
  readonly clientLink: Link;
  readonly uplink: Link | undefined;
  readonly baseImages: readonly OfflineImage[];
  /** Makes the container runtime of each boot (undefined: the daemon's built-in runtime). */
  readonly runtime: RuntimeMaker | undefined;
  readonly limits?: Partial<DaemonLimits>;
}

/**
 * One machine of a world: a dockerd (`daemon`) and the Engine its docker client talks to
 * (`engine`). A daemon restart replaces `daemon` with one restored from the old one's saved
 * state; `engine` stays valid and reaches whichever daemon is up.
 */
export class WorldHost {
  readonly name: string;
  readonly ip: string;
  /** What the docker client on this host drives: builds send their context over `clientLink`. */
  readonly engine: Engine;
  /** The docker client ↔ dockerd link. */
  readonly clientLink: Link;
  /** The host's access link (undefined: unlimited). */
  readonly uplink: Link | undefined;
  /** The docker client's files on this host (build contexts), empty at first; cwd `/`. */
  readonly hostFiles: MemoryHostFiles = new MemoryHostFiles();
  /** How its daemon reaches registries: a `LinkTransport` per registry domain. */
  readonly registries: RegistryResolver;
  readonly #options: WorldHostOptions;
  readonly #tracer: Tracer;
  #daemon: Daemon;
  #up = true;
  #bootCount = 0;

  private constructor(options: WorldHostOptions, daemon: Daemon) {
    this.name = options.name;
    this.ip = options.ip;
    this.clientLink = options.clientLink;
    this.uplink = options.uplink;
    this.registries = options.registries;
    this.#options = options;
    this.#tracer = options.tracer.with({ host: options.name });
    this.#daemon = daemon;
    this.engine = hostEngine({
      current: () => (this.#up ? this.#daemon : undefined),
      sendContext: (sizeBytes) => this.#sendContext(sizeBytes),
    });
  }

  static async create(options: WorldHostOptions): Promise<WorldHost> {
    const daemon = new Daemon(daemonOptions(options, 0));
    await daemon.installBaseImages(options.baseImages);
    return new WorldHost(options, daemon);
  }

  /** The dockerd running now (after a restart, a new object). */
  get daemon(): Daemon {
    return this.#daemon;
  }

  /** Whether dockerd is up (Engine calls fail while it is not). */
  get isUp(): boolean {
    return this.#up;
  }

  /**
   * Restarts dockerd as `systemctl restart docker` does: running containers are stopped (stop
   * signal, then SIGKILL after their timeout), the state is saved, the daemon is down for
   * `downUs`, then a new daemon is restored from the state and boots: restart policies act.
   * Calls in flight at the restart finish against the old daemon; their effects after the save
   * are lost, as a killed connection's would be.
   */
  async restart(downUs: number): Promise<void> {
    const { loop } = this.#options;
    // A restart while one is under way changes nothing: dockerd is already coming back.
    if (!this.#up) return;
    this.#up = false;
    this.#tracer.emit({ kind: "daemon.process.stop", component: "daemon", data: { downUs } });
    await this.#daemon.shutdown();
    const saved = await saveDaemon(this.#daemon);
    if (downUs > 0) await loop.sleep(downUs);
    this.#daemon = await restoreDaemon(daemonOptions(this.#options, ++this.#bootCount), saved);
    const started = this.#daemon.boot();
    this.#up = true;
    this.#tracer.emit({
      kind: "daemon.process.start",
      component: "daemon",
      data: { boot: this.#bootCount, restartedContainers: started },
    });
  }

  async #sendContext(sizeBytes: number): Promise<void> {
    const { loop, network } = this.#options;
    const startUs = loop.clock.nowUs();
    await loop.sleep(this.clientLink.latencyUs);
    await network.flows.start({ channels: [this.clientLink.forward], sizeBytes }).done;
    this.#tracer.emit({
      kind: "client.build.context.sent",
      component: "client",
      step: 1,
      data: { sizeBytes, durationUs: loop.clock.nowUs() - startUs },
    });
  }
}

function daemonOptions(options: WorldHostOptions, boot: number): DaemonOptions {
  const { loop, name, tracer } = options;
  const runtime: ContainerRuntime | undefined = options.runtime?.({
    scheduler: loop,
    rng: options.rng.fork(`runtime/boot-${boot}`),
    tracer: tracer.with({ host: name }),
  });
  return {
    scheduler: loop,
    rng: options.rng.fork("daemon"),
    tracer,
    host: name,
    content: new MemContentStore({ pool: options.pool }),
    layerTrees: options.layerTrees,
    registries: options.registries,
    ...(runtime === undefined ? {} : { runtime }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    builder: (services: BuildServices) =>
      new Builder({ host: services, clock: loop.clock, scheduler: loop, tracer, hostName: name }),
  };
}
