import { MemContentStore } from "../content/mem-content-store.ts";
import type {
  AuthConfig,
  AuthResponse,
  ChangeItem,
  ContainerCreateRequest,
  ContainerCreateResponse,
  ContainerInspect,
  ContainerSummary,
  EventMessage,
  ExecCreateRequest,
  ExecInspect,
  Filters,
  HistoryItem,
  ImageDeleteItem,
  ImageInspect,
  ImageSummary,
  Network,
  NetworkCreateRequest,
  PathStat,
  PingInfo,
  PruneReport,
  SystemDf,
  SystemInfo,
  TopResponse,
  VersionInfo,
  Volume,
  VolumeCreateRequest,
  WaitCondition,
  WaitResponse,
} from "../engine/api-types.ts";
import type { ContainerStats } from "../engine/container-stats.ts";
import type {
  AttachOptions,
  AttachSession,
  BuildContextInput,
  CommitOptions,
  ContainerUpdateRequest,
  Engine,
  EventsOptions,
  ImageBuildOptions,
  ImportOptions,
  LogsOptions,
  NetworkConnectRequest,
  NetworkDisconnectRequest,
  OutputFrame,
} from "../engine/engine.ts";
import { errorMessage, type JsonMessageStream } from "../engine/json-message.ts";
import { DrydockError, isDrydockError } from "../errors/drydock-error.ts";
import { LayerTree } from "../fs/layer-tree.ts";
import { ImageNotFoundError } from "../image/image-not-found-error.ts";
import { ImageStore } from "../image/image-store.ts";
import type { Rng } from "../random/rng.ts";
import type { OfflineImage } from "../runtime/offline-images.ts";
import { NULL_TRACER } from "../trace/tracer.ts";
import type { ImageBuilder } from "./build-services.ts";
import { BuiltinRuntime } from "./builtin-runtime.ts";
import type { Container } from "./container.ts";
import {
  archiveContainerPath,
  exportContainer,
  extractIntoContainer,
  statContainerPath,
} from "./container-archive.ts";
import { commitContainer } from "./container-commit.ts";
import { createContainer } from "./container-create.ts";
import { inspectContainer } from "./container-inspect.ts";
import { killContainer, stopContainer } from "./container-kill.ts";
import { listContainers } from "./container-list.ts";
import { containerLogs } from "./container-logs.ts";
import { pauseContainer, unpauseContainer } from "./container-pause.ts";
import { pruneContainers } from "./container-prune.ts";
import { removeContainer, removeContainerLink } from "./container-remove.ts";
import { renameContainer } from "./container-rename.ts";
import { restartContainer } from "./container-restart.ts";
import { startContainer } from "./container-start.ts";
import { ContainerStateError } from "./container-state-error.ts";
import { containerStats } from "./container-stats.ts";
import { ContainerStore } from "./container-store.ts";
import { containerTop } from "./container-top.ts";
import { updateContainer } from "./container-update.ts";
import { bootContainers } from "./daemon-boot.ts";
import { daemonBuildServices } from "./daemon-build-services.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { DEFAULT_DAEMON_COSTS } from "./daemon-costs.ts";
import { logContainerEvent } from "./daemon-events.ts";
import { DEFAULT_DAEMON_LIMITS } from "./daemon-limits.ts";
import type { DaemonOptions } from "./daemon-options.ts";
import { DaemonRngs, type RngPositions, randomId } from "./daemon-rngs.ts";
import { DaemonDistribution } from "./distribution/daemon-distribution.ts";
import type { DistributionMetadata } from "./distribution/distribution-metadata.ts";
import { type PullOptions, pullImage } from "./distribution/pull-image.ts";
import { pushImage } from "./distribution/push-image.ts";
import { registryLogin } from "./distribution/registry-login.ts";
import { EventLog } from "./event-log.ts";
import { createExec, inspectExec, startExec } from "./exec-operations.ts";
import { ExecStore } from "./exec-store.ts";
import { checkFilterKeys } from "./filters.ts";
import { HostPorts } from "./host-ports.ts";
import { loadImages, saveImages } from "./image-archive.ts";
import { importImage } from "./image-import.ts";
import { installImage } from "./image-install.ts";
import { listImages } from "./image-list.ts";
import { pruneImages } from "./image-prune.ts";
import { removeImage } from "./image-remove.ts";
import { tagImage } from "./image-tag.ts";
import { imageHistory, inspectImage } from "./image-views.ts";
import { LayerData } from "./layer-data.ts";
import { LayerTreeCache } from "./layer-tree-cache.ts";
import { connectNetwork, disconnectNetwork } from "./network-connect.ts";
import { createNetwork, pruneNetworks, removeNetwork } from "./network-operations.ts";
import { NetworkStore } from "./network-store.ts";
import { networkJson } from "./network-views.ts";
import { parseSignal, SIGKILL } from "./signals.ts";
import { API_VERSION, systemDf, systemInfo, versionInfo } from "./system-info.ts";
import { createVolume, pruneVolumes, removeVolume } from "./volume-operations.ts";
import { VolumeStore, volumeJson } from "./volume-store.ts";

/** Where a restored daemon resumes: its ID, its random streams' positions, its image store. */
export interface DaemonResume {
  readonly daemonId: string;
  readonly rngPositions: RngPositions;
  readonly images: ImageStore;
  /** Which blobs of which registries hold the daemon's layers (push and pull use it). */
  readonly distribution?: DistributionMetadata;
}

/**
 * The simulated dockerd of one host: the Docker Engine API (`Engine`) over drydock's image,
 * container, volume and network stores, with dockerd 20.10's state machine, error wording and
 * events. Each call is a thin delegation to a function of its own file; they share a
 * `DaemonContext`. Time comes from the scheduler's clock, randomness from the forked streams.
 */
export class Daemon implements Engine {
  /** The shared state of the daemon's operations (for persistence and the build services). */
  readonly context: DaemonContext;
  readonly daemonId: string;
  readonly #builder: ImageBuilder | undefined;

  constructor(options: DaemonOptions, resume?: DaemonResume) {
    const limits = Object.freeze({ ...DEFAULT_DAEMON_LIMITS, ...options.limits });
    const host = options.host ?? "drydock";
    const tracer = (options.tracer ?? NULL_TRACER).with({ host, component: "daemon" });
    const rngs = new DaemonRngs({ root: options.rng, positions: resume?.rngPositions });
    this.context = {
      scheduler: options.scheduler,
      clock: options.scheduler.clock,
      tracer,
      host,
      limits,
      costs: Object.freeze({ ...DEFAULT_DAEMON_COSTS, ...options.costs }),
      rngs,
      events: new EventLog({
        scheduler: options.scheduler,
        tracer,
        countMax: limits.eventCountMax,
      }),
      images: resume?.images ?? new ImageStore(),
      layers: new LayerData({
        content: options.content ?? new MemContentStore(),
        trees: options.layerTrees ?? new LayerTreeCache(),
      }),
      containers: new ContainerStore({ containerCountMax: limits.containerCountMax }),
      volumes: new VolumeStore({ volumeCountMax: limits.volumeCountMax }),
      networks: new NetworkStore({ networkCountMax: limits.networkCountMax }),
      hostPorts: new HostPorts(),
      execs: new ExecStore({ execCountMax: limits.execCountMax }),
      runtime: options.runtime ?? new BuiltinRuntime({ scheduler: options.scheduler }),
      hostFs: options.hostFs ?? new LayerTree({ nowUs: options.scheduler.clock.nowUs() }),
      distribution: new DaemonDistribution({
        resolver: options.registries,
        compressed: options.compressedLayers,
        metadata: resume?.distribution,
      }),
      shuttingDown: false,
    };
    this.#builder = options.builder?.(daemonBuildServices(this.context));
    if (resume !== undefined) {
      this.daemonId = resume.daemonId;
      return;
    }
    this.daemonId = daemonIdFrom(rngs.get("network-ids"));
    const nowUs = this.context.clock.nowUs();
    this.context.networks.addPredefined({ nowUs, newId: () => randomId(rngs.get("network-ids")) });
  }

  /** Installs images the host has from the start (offline base images), without events. */
  async installBaseImages(images: readonly OfflineImage[]): Promise<void> {
    for (const image of images) await installImage(this.context, image);
  }

  /** Starts the containers whose restart policy says so, as dockerd does when it starts. */
  boot(): string[] {
    return bootContainers(this.context);
  }

  /**
   * Stops every running container as dockerd does when it shuts down (stop signal, then SIGKILL
   * after each container's timeout); exits during shutdown never trigger restart policies.
   */
  async shutdown(): Promise<void> {
    this.context.shuttingDown = true;
    try {
      await Promise.all(
        this.context.containers
          .list()
          .filter((c) => c.state.running)
          .map((c) => stopContainer(this.context, c)),
      );
    } finally {
      this.context.shuttingDown = false;
    }
  }

  async ping(): Promise<PingInfo> {
    return { apiVersion: API_VERSION, osType: "linux", experimental: false };
  }

  async version(): Promise<VersionInfo> {
    return versionInfo();
  }

  async info(): Promise<SystemInfo> {
    return systemInfo(this.context, { daemonId: this.daemonId });
  }

  async auth(config: AuthConfig): Promise<AuthResponse> {
    const { distribution, clock, tracer } = this.context;
    return registryLogin(distribution, { config, clock, tracer });
  }

  async systemDf(): Promise<SystemDf> {
    return systemDf(this.context);
  }

  events(options?: EventsOptions): AsyncIterable<EventMessage> {
    return this.context.events.stream(options);
  }

  imageBuild(context: BuildContextInput, options: ImageBuildOptions): JsonMessageStream {
    const builder = this.#builder;
    if (builder === undefined)
      return messages([
        errorMessage("docker build is not available: this daemon was created without a builder"),
      ]);
    this.context.tracer.emit({
      kind: "daemon.build.start",
      step: 1,
      data: { tags: [...(options.tags ?? [])] },
    });
    return builder.build(context, options);
  }

  async buildPrune(
    options: { all?: boolean; filters?: Filters } = {},
  ): Promise<{ CachesDeleted: string[] | null; SpaceReclaimed: number }> {
    // The classic builder caches in the image store (intermediate images, which `image prune`
    // removes); BuildKit's cache, which this prunes on dockerd, stays empty here.
    try {
      checkFilterKeys(options.filters ?? {}, BUILD_PRUNE_FILTERS);
    } catch (error) {
      if (!isDrydockError(error)) throw error;
      throw new DrydockError(error.code, `failed to prune build cache: ${error.message}`, {
        data: error.data,
        cause: error,
      });
    }
    return { CachesDeleted: null, SpaceReclaimed: 0 };
  }

  async imageList(
    options: { all?: boolean; digests?: boolean; filters?: Filters } = {},
  ): Promise<ImageSummary[]> {
    return listImages(this.context, options);
  }

  async imageInspect(name: string): Promise<ImageInspect> {
    try {
      return inspectImage(this.context, this.context.images.resolve(name));
    } catch (error) {
      // dockerd's image lookup for inspect wraps the store's error with the name as given.
      if (!(error instanceof ImageNotFoundError)) throw error;
      throw new DrydockError("NotFound", `no such image: ${name}: ${error.message}`, {
        data: error.data,
        cause: error,
      });
    }
  }

  async imageHistory(name: string): Promise<HistoryItem[]> {
    return imageHistory(this.context, this.context.images.resolve(name));
  }

  async imageTag(source: string, options: { repo: string; tag?: string }): Promise<void> {
    tagImage(this.context, source, options);
  }

  async imageRemove(
    name: string,
    options: { force?: boolean; noprune?: boolean } = {},
  ): Promise<ImageDeleteItem[]> {
    return removeImage(this.context, name, options);
  }

  async imagePrune(options: { filters?: Filters } = {}): Promise<PruneReport> {
    return pruneImages(this.context, options);
  }

  async imageSave(names: readonly string[]): Promise<Uint8Array> {
    return saveImages(this.context, names);
  }

  imageLoad(archive: Uint8Array, _options?: { quiet?: boolean }): JsonMessageStream {
    return loadImages(this.context, archive);
  }

  imageImport(archive: Uint8Array, options: ImportOptions = {}): JsonMessageStream {
    return importImage(this.context, archive, options);
  }

  imagePush(name: string, options: { tag?: string; auth?: AuthConfig } = {}): JsonMessageStream {
    return pushImage(this.context, this.context.distribution, { name, ...options });
  }

  imagePull(options: PullOptions): JsonMessageStream {
    return pullImage(this.context, this.context.distribution, options);
  }

  async containerCreate(
    request: ContainerCreateRequest,
    options: { name?: string } = {},
  ): Promise<ContainerCreateResponse> {
    return createContainer(this.context, request, options);
  }

  async containerStart(name: string): Promise<void> {
    const container = this.#container(name);
    // Starting takes dockerd, containerd and runc a while; refusals come at once.
    if (
      !container.state.running &&
      !container.state.paused &&
      this.context.costs.containerStartUs > 0
    )
      await this.context.scheduler.sleep(this.context.costs.containerStartUs);
    startContainer(this.context, container, { manual: true });
  }

  containerWait(name: string, options: { condition?: WaitCondition } = {}): Promise<WaitResponse> {
    try {
      return this.#container(name).wait(options.condition ?? "not-running");
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async containerAttach(name: string, options: AttachOptions): Promise<AttachSession> {
    const container = this.#container(name);
    if (container.state.paused) throw ContainerStateError.attachPaused(name, container.id);
    if (container.state.restarting) throw ContainerStateError.restarting(container.id);
    const session = container.stdio.attach(options);
    logContainerEvent(this.context, container, "attach");
    return session;
  }

  async containerStop(name: string, options: { timeoutSeconds?: number } = {}): Promise<void> {
    await stopContainer(this.context, this.#container(name), options.timeoutSeconds);
  }

  async containerKill(name: string, options: { signal?: string } = {}): Promise<void> {
    const signal =
      options.signal === undefined || options.signal === "" ? SIGKILL : parseSignal(options.signal);
    try {
      await killContainer(this.context, this.#container(name), signal);
    } catch (error) {
      if (!isDrydockError(error)) throw error;
      throw new DrydockError(error.code, `Cannot kill container: ${name}: ${error.message}`, {
        data: error.data,
        cause: error,
      });
    }
  }

  async containerRestart(name: string, options: { timeoutSeconds?: number } = {}): Promise<void> {
    await restartContainer(this.context, this.#container(name), options.timeoutSeconds, name);
  }

  async containerPause(name: string): Promise<void> {
    pauseContainer(this.context, this.#container(name));
  }

  async containerUnpause(name: string): Promise<void> {
    unpauseContainer(this.context, this.#container(name));
  }

  async containerRemove(
    name: string,
    options: { force?: boolean; volumes?: boolean; link?: boolean } = {},
  ): Promise<void> {
    if (options.link === true) return removeContainerLink(this.context, name);
    await removeContainer(this.context, this.#container(name), {
      force: options.force ?? false,
      volumes: options.volumes ?? false,
      name,
    });
  }

  async containerRename(name: string, newName: string): Promise<void> {
    renameContainer(this.context, this.#container(name), newName);
  }

  async containerUpdate(
    name: string,
    request: ContainerUpdateRequest,
  ): Promise<{ Warnings: string[] | null }> {
    return updateContainer(this.context, this.#container(name), request);
  }

  async containerList(
    options: { all?: boolean; limit?: number; size?: boolean; filters?: Filters } = {},
  ): Promise<ContainerSummary[]> {
    return listContainers(this.context, options);
  }

  async containerInspect(
    name: string,
    options: { size?: boolean } = {},
  ): Promise<ContainerInspect> {
    return inspectContainer(this.context, this.#container(name), options);
  }

  containerLogs(name: string, options: LogsOptions): AsyncIterable<OutputFrame> {
    return containerLogs(this.context, this.#container(name), options);
  }

  async containerTop(name: string, _options: { psArgs?: string } = {}): Promise<TopResponse> {
    return containerTop(this.context, this.#container(name));
  }

  containerStats(name: string, options: { stream?: boolean } = {}): AsyncIterable<ContainerStats> {
    // The lookup happens at the first sample, so an unknown name fails inside the stream.
    return containerStats(this.context, () => this.#container(name), options);
  }

  async containerResize(name: string, size: { height: number; width: number }): Promise<void> {
    const container = this.#container(name);
    if (!container.state.running || container.process === undefined)
      throw ContainerStateError.notRunning(container.id);
    logContainerEvent(this.context, container, "resize", {
      height: String(size.height),
      width: String(size.width),
    });
  }

  async containerChanges(name: string): Promise<ChangeItem[]> {
    const kinds = { C: 0, A: 1, D: 2 } as const;
    return this.#container(name)
      .rootfs.changes()
      .map((change) => ({ Path: change.path, Kind: kinds[change.kind] }));
  }

  async containerStatPath(name: string, path: string): Promise<PathStat> {
    return statContainerPath(this.context, this.#container(name), path, name);
  }

  async containerArchive(
    name: string,
    path: string,
  ): Promise<{ stat: PathStat; archive: Uint8Array }> {
    return archiveContainerPath(this.context, this.#container(name), path, name);
  }

  async containerExtract(
    name: string,
    path: string,
    archive: Uint8Array,
    options: { noOverwriteDirNonDir?: boolean } = {},
  ): Promise<void> {
    extractIntoContainer(this.context, this.#container(name), {
      path,
      name,
      archive,
      noOverwriteDirNonDir: options.noOverwriteDirNonDir,
    });
  }

  async containerCommit(options: CommitOptions): Promise<{ Id: string }> {
    return commitContainer(this.context, options);
  }

  async containerPrune(options: { filters?: Filters } = {}): Promise<PruneReport> {
    return pruneContainers(this.context, options);
  }

  async containerExport(name: string): Promise<Uint8Array> {
    const container = this.#container(name);
    logContainerEvent(this.context, container, "export");
    return exportContainer(container);
  }

  async execCreate(container: string, request: ExecCreateRequest): Promise<{ Id: string }> {
    return createExec(this.context, container, request);
  }

  async execStart(
    execId: string,
    options: { detach?: boolean; tty?: boolean } = {},
  ): Promise<AttachSession> {
    return startExec(this.context, execId, options);
  }

  async execInspect(execId: string): Promise<ExecInspect> {
    return inspectExec(this.context, execId);
  }

  async volumeCreate(request: VolumeCreateRequest): Promise<Volume> {
    return createVolume(this.context, request);
  }

  async volumeList(
    options: { filters?: Filters } = {},
  ): Promise<{ Volumes: Volume[]; Warnings: string[] | null }> {
    return { Volumes: this.context.volumes.list(options.filters).map(volumeJson), Warnings: null };
  }

  async volumeInspect(name: string): Promise<Volume> {
    return volumeJson(this.context.volumes.get(name));
  }

  async volumeRemove(name: string, options: { force?: boolean } = {}): Promise<void> {
    removeVolume(this.context, name, options);
  }

  async volumePrune(options: { filters?: Filters } = {}): Promise<PruneReport> {
    return pruneVolumes(this.context, options);
  }

  async networkList(options: { filters?: Filters } = {}): Promise<Network[]> {
    return this.context.networks
      .list(options.filters)
      .map((network) => networkJson(this.context, network, { withContainers: false }));
  }

  async networkInspect(name: string): Promise<Network> {
    return networkJson(this.context, this.context.networks.get(name), { withContainers: true });
  }

  async networkCreate(request: NetworkCreateRequest): Promise<{ Id: string; Warning: string }> {
    return createNetwork(this.context, request);
  }

  async networkRemove(name: string): Promise<void> {
    removeNetwork(this.context, name);
  }

  async networkConnect(name: string, request: NetworkConnectRequest): Promise<void> {
    connectNetwork(this.context, name, request);
  }

  async networkDisconnect(name: string, request: NetworkDisconnectRequest): Promise<void> {
    disconnectNetwork(this.context, name, request);
  }

  async networkPrune(options: { filters?: Filters } = {}): Promise<PruneReport> {
    return pruneNetworks(this.context, options);
  }

  #container(name: string): Container {
    return this.context.containers.get(name);
  }
}

/** The filters BuildKit's prune accepts (`docker builder prune --filter`). */
const BUILD_PRUNE_FILTERS: readonly string[] = [
  "until",
  "unused-for",
  "id",
  "parent",
  "type",
  "description",
  "inuse",
  "shared",
  "private",
];

/** dockerd's daemon ID: 12 groups of 4 base-32 characters. */
function daemonIdFrom(rng: Rng): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const group = (): string => Array.from({ length: 4 }, () => alphabet[rng.below(32)]).join("");
  return Array.from({ length: 12 }, group).join(":");
}

async function* messages(items: readonly ReturnType<typeof errorMessage>[]): JsonMessageStream {
  for (const item of items) yield item;
}
