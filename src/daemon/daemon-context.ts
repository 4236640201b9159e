import type { Clock } from "../clock/clock.ts";
import type { Scheduler } from "../clock/event-loop.ts";
import type { LayerTree } from "../fs/layer-tree.ts";
import type { ImageStore } from "../image/image-store.ts";
import type { ContainerRuntime } from "../runtime/container-runtime.ts";
import type { Tracer } from "../trace/tracer.ts";
import type { ContainerStore } from "./container-store.ts";
import type { DaemonCosts } from "./daemon-costs.ts";
import type { DaemonLimits } from "./daemon-limits.ts";
import type { DaemonRngs } from "./daemon-rngs.ts";
import type { DaemonDistribution } from "./distribution/daemon-distribution.ts";
import type { EventLog } from "./event-log.ts";
import type { ExecStore } from "./exec-store.ts";
import type { HostPorts } from "./host-ports.ts";
import type { LayerData } from "./layer-data.ts";
import type { NetworkStore } from "./network-store.ts";
import type { VolumeStore } from "./volume-store.ts";

/**
 * What the daemon's operations share: its stores, clock, random streams, event log and runtime.
 * The `Daemon` facade owns one; the functions that implement each Engine call take it, so each
 * concern sits in a small file of its own.
 */
export interface DaemonContext {
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly tracer: Tracer;
  /** The simulated host's name (trace events, `docker info` Name). */
  readonly host: string;
  readonly limits: DaemonLimits;
  /** Virtual durations of the daemon's own work (container start, layer extract, upload). */
  readonly costs: DaemonCosts;
  readonly rngs: DaemonRngs;
  readonly events: EventLog;
  readonly images: ImageStore;
  readonly layers: LayerData;
  readonly containers: ContainerStore;
  readonly volumes: VolumeStore;
  readonly networks: NetworkStore;
  /** The host's published ports: the port allocator and the proxies' sockets. */
  readonly hostPorts: HostPorts;
  readonly execs: ExecStore;
  readonly runtime: ContainerRuntime;
  /** The simulated host's own filesystem, which `-v /host/path:/path` binds. */
  readonly hostFs: LayerTree;
  /** Push, pull and login: registries, distribution metadata, caches, logins. */
  readonly distribution: DaemonDistribution;
  /** Set while the daemon shuts down: exits then never trigger restart policies. */
  shuttingDown: boolean;
}
