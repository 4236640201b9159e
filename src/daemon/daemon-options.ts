import type { Scheduler } from "../clock/event-loop.ts";
import type { ContentStore } from "../content/content-store.ts";
import type { LayerTree } from "../fs/layer-tree.ts";
import type { Rng } from "../random/rng.ts";
import type { RegistryResolver } from "../registry/client/registry-resolver.ts";
import type { ContainerRuntime } from "../runtime/container-runtime.ts";
import type { Tracer } from "../trace/tracer.ts";
import type { BuilderFactory } from "./build-services.ts";
import type { DaemonCosts } from "./daemon-costs.ts";
import type { DaemonLimits } from "./daemon-limits.ts";
import type { CompressedLayerCache } from "./distribution/compressed-layer-cache.ts";
import type { LayerTreeCache } from "./layer-tree-cache.ts";

/** Everything a `Daemon` is made from; only the scheduler and the random generator are required. */
export interface DaemonOptions {
  /** The simulated world's event loop (its clock is the daemon's clock). */
  readonly scheduler: Scheduler;
  /** The root of the daemon's random streams; each concern forks its own. */
  readonly rng: Rng;
  readonly tracer?: Tracer;
  /** The simulated host's name: trace events, `docker info`. Default `drydock`. */
  readonly host?: string;
  /** The host's content store (layers as tars by diff ID, configs). Default: a private one. */
  readonly content?: ContentStore;
  /** The process-wide cache of sealed layer trees, shared by all hosts. Default: a private one. */
  readonly layerTrees?: LayerTreeCache;
  /** Runs the containers' processes. Default: `BuiltinRuntime` (a few built-in programs); `SimRuntime` for the real userland. */
  readonly runtime?: ContainerRuntime;
  /** Makes the `docker build` executor from the daemon's build services; without it builds fail. */
  readonly builder?: BuilderFactory;
  readonly limits?: Partial<DaemonLimits>;
  /** Overrides of the calibrated costs (`DEFAULT_DAEMON_COSTS`). */
  readonly costs?: Partial<DaemonCosts>;
  /** The host's own filesystem, which bind mounts use. Default: an empty tree. */
  readonly hostFs?: LayerTree;
  /**
   * Reaches registries by domain (`localhost:5000`, `docker.io` for Docker Hub's role) for push,
   * pull and login. Default: none, so every registry is an unknown host.
   */
  readonly registries?: RegistryResolver;
  /** The process-wide cache of compressed layers. Default: `PROCESS_COMPRESSED_LAYERS`. */
  readonly compressedLayers?: CompressedLayerCache;
}
