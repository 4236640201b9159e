import type { TimerHandle } from "../clock/event-loop.ts";
import type { Digest } from "../digest/digest.ts";
import type { HostConfig, WaitCondition, WaitResponse } from "../engine/api-types.ts";
import type { EndpointIpamConfig } from "../engine/engine.ts";
import type { OverlayFs } from "../fs/overlay-fs.ts";
import type { VirtualFs } from "../fs/virtual-fs.ts";
import type { ContainerConfig } from "../image/container-config.ts";
import type { ContainerProcess } from "../runtime/container-runtime.ts";
import type { HealthMonitor } from "./container-health.ts";
import type { ExternalPorts, PortMapJson } from "./container-ports.ts";
import { type ContainerStateData, stateStatus } from "./container-state.ts";
import type { ContainerStdio } from "./container-stdio.ts";
import type { LogStore } from "./log-store.ts";

/** A volume or bind mount of a container (`Mounts` of inspect). */
export interface MountRecord {
  readonly type: "volume" | "bind";
  /** The volume's name (volumes only). */
  readonly name?: string;
  /** The host path: the bind source, or the volume's mount point. */
  readonly source: string;
  readonly destination: string;
  readonly driver?: string;
  /** As written after the second colon of `-v` (`ro`, `z`…), or "" . */
  readonly mode: string;
  readonly rw: boolean;
  readonly propagation: string;
  /** A volume given by name (`-v name:/p`): `docker rm -v` keeps it. Anonymous ones go. */
  readonly named: boolean;
}

/** A container's endpoint on a network; addresses are set only while it runs. */
export interface EndpointRecord {
  /** The network's name as the container refers to it (`bridge` for the default). */
  readonly network: string;
  networkId: string;
  endpointId: string;
  ipAddress: string;
  ipPrefixLen: number;
  gateway: string;
  macAddress: string;
  /**
   * Network-scoped aliases (`network connect --alias`); dockerd adds the short ID on user
   * networks. Absent (inspect's `null`) until then.
   */
  aliases?: string[];
  /**
   * `--link` on a user-defined network, as the request gave them (`web:db`): inspect's `Links`
   * of the endpoint, and DNS names only this container resolves. Absent (`null`) otherwise.
   */
  links?: string[];
  /** The `IPAMConfig` and `DriverOpts` of the request that connected it (`null` when none). */
  ipamConfig?: EndpointIpamConfig | null;
  driverOpts?: Readonly<Record<string, string>> | null;
}

interface Waiter {
  readonly condition: WaitCondition;
  readonly resolve: (response: WaitResponse) => void;
}

/** What a container is made from. */
export interface ContainerInit {
  readonly id: string;
  readonly name: string;
  readonly createdUs: number;
  readonly path: string;
  readonly args: readonly string[];
  readonly config: ContainerConfig;
  readonly hostConfig: HostConfig;
  readonly imageId: Digest;
  /** The image's layers, bottom first: the container holds a reference on this stack. */
  readonly layerDiffIds: readonly Digest[];
  readonly state: ContainerStateData;
  readonly mounts: readonly MountRecord[];
  readonly endpoints: readonly EndpointRecord[];
  readonly rootfs: OverlayFs;
  readonly logs: LogStore;
  readonly stdio: ContainerStdio;
  readonly restartCount: number;
  readonly hasBeenManuallyStopped: boolean;
  readonly hasBeenStartedBefore: boolean;
}

/**
 * One container of the daemon: its configuration (fixed at create), its state (changed only by
 * the lifecycle functions), its filesystem, log and stdio, and the waiters of `docker wait`.
 */
export class Container {
  readonly id: string;
  /** With the leading slash, as dockerd stores it: `/web`. */
  name: string;
  readonly createdUs: number;
  readonly path: string;
  readonly args: readonly string[];
  readonly config: ContainerConfig;
  /** Replaced as a whole by `docker update`. */
  hostConfig: HostConfig;
  readonly imageId: Digest;
  readonly layerDiffIds: readonly Digest[];
  readonly state: ContainerStateData;
  readonly mounts: readonly MountRecord[];
  readonly endpoints: EndpointRecord[];
  readonly rootfs: OverlayFs;
  readonly logs: LogStore;
  readonly stdio: ContainerStdio;
  restartCount: number;
  hasBeenManuallyStopped: boolean;
  hasBeenStartedBefore: boolean;
  /** Set by stop and kill: the next exit must not trigger the restart policy. */
  exitOnNext = false;
  /** The restart policy's back-off before the next automatic start (dockerd: 100 ms, doubling). */
  restartBackoffUs = 0;
  restartTimer: TimerHandle | undefined;
  process: ContainerProcess | undefined;
  /** What the running processes see: the overlay with the standard mounts and the volumes. */
  view: VirtualFs | undefined;
  /** The network sandbox of the last start ("" before the first); kept after the container stops. */
  sandboxId = "";
  /** The ports published on the host while running, by the endpoint that holds them (container-ports.ts). */
  externalPorts: ExternalPorts | undefined;
  /** `NetworkSettings.Ports` as dockerd keeps it: redone at each join and leave, gone at stop. */
  networkPorts: PortMapJson | undefined;
  readonly execIds: string[] = [];
  /** The healthcheck monitor while one runs (container-health.ts). */
  healthMonitor: HealthMonitor | undefined;
  readonly #waiters = new Set<Waiter>();

  constructor(init: ContainerInit) {
    this.id = init.id;
    this.name = init.name;
    this.createdUs = init.createdUs;
    this.path = init.path;
    this.args = init.args;
    this.config = init.config;
    this.hostConfig = init.hostConfig;
    this.imageId = init.imageId;
    this.layerDiffIds = init.layerDiffIds;
    this.state = init.state;
    this.mounts = init.mounts;
    this.endpoints = [...init.endpoints];
    this.rootfs = init.rootfs;
    this.logs = init.logs;
    this.stdio = init.stdio;
    this.restartCount = init.restartCount;
    this.hasBeenManuallyStopped = init.hasBeenManuallyStopped;
    this.hasBeenStartedBefore = init.hasBeenStartedBefore;
  }

  /** The name without its slash, as events and `docker ps` print it. */
  get shortName(): string {
    return this.name.slice(1);
  }

  get status(): ReturnType<typeof stateStatus> {
    return stateStatus(this.state);
  }

  /** `IsRunning()`: true while running, paused or waiting to restart. */
  get isRunning(): boolean {
    return this.state.running;
  }

  /**
   * Registers a waiter now, synchronously: `not-running` settles at once when the container is
   * not running, `next-exit` at the next exit, `removed` at removal. Removal settles every waiter.
   */
  wait(condition: WaitCondition): Promise<WaitResponse> {
    if (condition === "not-running" && !this.state.running)
      return Promise.resolve(this.#response());
    return new Promise((resolve) => this.#waiters.add({ condition, resolve }));
  }

  /** The process exited (or the container went to `restarting`): exit waiters settle. */
  notifyExit(): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.condition === "removed") continue;
      this.#waiters.delete(waiter);
      waiter.resolve(this.#response());
    }
  }

  /** The container is gone: every waiter settles with the last exit status. */
  notifyRemoved(): void {
    for (const waiter of [...this.#waiters]) waiter.resolve(this.#response());
    this.#waiters.clear();
  }

  #response(): WaitResponse {
    return {
      StatusCode: this.state.exitCode,
      Error: this.state.error === "" ? null : { Message: this.state.error },
    };
  }
}
