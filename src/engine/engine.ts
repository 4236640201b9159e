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
} from "./api-types.ts";
import type { ContainerStats } from "./container-stats.ts";
import type { JsonMessageStream } from "./json-message.ts";

/**
 * The Docker Engine API as a TypeScript interface. It has three faces (DESIGN.md §3): the
 * in-process simulated daemon, an HTTP server facade over it (so the real docker CLI can drive
 * it), and an HTTP client of a real dockerd (the real backend). The `drydock` client, scenarios
 * and tests are written once against this interface.
 *
 * Conventions:
 * - Names are what a user typed (`app`, `app:1`, an ID or ID prefix, a container name); the
 *   engine resolves them as dockerd does. Options mirror the API's query parameters.
 * - Failures throw `DrydockError`s whose message is dockerd's message (the CLI prints
 *   `Error response from daemon: <message>`), and whose code maps to dockerd's HTTP status
 *   (see `httpStatusOf`). Errors that happen after a stream started arrive inside the stream.
 * - Streams are async iterables that end when the operation ends; output frames carry the
 *   simulated instant they were written at.
 */
export interface Engine {
  ping(): Promise<PingInfo>;
  version(): Promise<VersionInfo>;
  info(): Promise<SystemInfo>;
  auth(config: AuthConfig): Promise<AuthResponse>;
  systemDf(): Promise<SystemDf>;
  /** Events in [since, until]; without `until` the stream follows new events until closed. */
  events(options?: EventsOptions): AsyncIterable<EventMessage>;

  imageBuild(context: BuildContextInput, options: ImageBuildOptions): JsonMessageStream;
  /** `docker builder prune` (`POST /build/prune`): the BuildKit cache's records removed. */
  buildPrune(options?: {
    all?: boolean;
    filters?: Filters;
  }): Promise<{ CachesDeleted: string[] | null; SpaceReclaimed: number }>;
  imageList(options?: {
    all?: boolean;
    digests?: boolean;
    filters?: Filters;
  }): Promise<ImageSummary[]>;
  imageInspect(name: string): Promise<ImageInspect>;
  imageHistory(name: string): Promise<HistoryItem[]>;
  imageTag(source: string, options: { repo: string; tag?: string }): Promise<void>;
  imageRemove(
    name: string,
    options?: { force?: boolean; noprune?: boolean },
  ): Promise<ImageDeleteItem[]>;
  imagePrune(options?: { filters?: Filters }): Promise<PruneReport>;
  /** `docker save`: the tar archive of the named images. */
  imageSave(names: readonly string[]): Promise<Uint8Array>;
  imageLoad(archive: Uint8Array, options?: { quiet?: boolean }): JsonMessageStream;
  /** `docker import`: a tarball as a one-layer image; one status line with its ID. */
  imageImport(archive: Uint8Array, options?: ImportOptions): JsonMessageStream;
  imagePush(name: string, options?: { tag?: string; auth?: AuthConfig }): JsonMessageStream;
  /** `docker pull` (POST /images/create?fromImage=…). */
  imagePull(options: {
    fromImage: string;
    tag?: string;
    auth?: AuthConfig;
    platform?: string;
  }): JsonMessageStream;

  containerCreate(
    request: ContainerCreateRequest,
    options?: { name?: string; platform?: string },
  ): Promise<ContainerCreateResponse>;
  containerStart(name: string): Promise<void>;
  /**
   * Registers a waiter **before it returns its promise** (the CLI sends /wait before /start and
   * relies on that), which settles when the condition is met: `not-running` (default),
   * `next-exit` or `removed`.
   */
  containerWait(name: string, options?: { condition?: WaitCondition }): Promise<WaitResponse>;
  containerAttach(name: string, options: AttachOptions): Promise<AttachSession>;
  containerStop(name: string, options?: { timeoutSeconds?: number }): Promise<void>;
  containerKill(name: string, options?: { signal?: string }): Promise<void>;
  containerRestart(name: string, options?: { timeoutSeconds?: number }): Promise<void>;
  containerPause(name: string): Promise<void>;
  containerUnpause(name: string): Promise<void>;
  /** `link`: `name` is a link (`parent/alias`) to remove, not a container (`docker rm -l`). */
  containerRemove(
    name: string,
    options?: { force?: boolean; volumes?: boolean; link?: boolean },
  ): Promise<void>;
  containerRename(name: string, newName: string): Promise<void>;
  /** `docker update`: changes resources and the restart policy (all or nothing). */
  containerUpdate(
    name: string,
    request: ContainerUpdateRequest,
  ): Promise<{ Warnings: string[] | null }>;
  containerList(options?: {
    all?: boolean;
    limit?: number;
    size?: boolean;
    filters?: Filters;
  }): Promise<ContainerSummary[]>;
  containerInspect(name: string, options?: { size?: boolean }): Promise<ContainerInspect>;
  containerLogs(name: string, options: LogsOptions): AsyncIterable<OutputFrame>;
  containerTop(name: string, options?: { psArgs?: string }): Promise<TopResponse>;
  /** `docker stats`: one sample, or with `stream` one per second until the container stops. */
  containerStats(name: string, options?: { stream?: boolean }): AsyncIterable<ContainerStats>;
  containerResize(name: string, size: { height: number; width: number }): Promise<void>;
  containerChanges(name: string): Promise<ChangeItem[]>;
  containerStatPath(name: string, path: string): Promise<PathStat>;
  /** `docker cp CONTAINER:PATH -`: a tar of the path (a file or a directory tree). */
  containerArchive(name: string, path: string): Promise<{ stat: PathStat; archive: Uint8Array }>;
  /** `docker cp - CONTAINER:PATH`: extracts a tar into the directory at `path`. */
  containerExtract(
    name: string,
    path: string,
    archive: Uint8Array,
    options?: { noOverwriteDirNonDir?: boolean; copyUidGid?: boolean },
  ): Promise<void>;
  containerCommit(options: CommitOptions): Promise<{ Id: string }>;
  containerPrune(options?: { filters?: Filters }): Promise<PruneReport>;
  /** `docker export`: the flattened root filesystem as a tar. */
  containerExport(name: string): Promise<Uint8Array>;

  execCreate(container: string, request: ExecCreateRequest): Promise<{ Id: string }>;
  /** Starts an exec; attached unless `detach`. The session ends when the process exits. */
  execStart(execId: string, options?: { detach?: boolean; tty?: boolean }): Promise<AttachSession>;
  execInspect(execId: string): Promise<ExecInspect>;

  volumeCreate(request: VolumeCreateRequest): Promise<Volume>;
  volumeList(options?: {
    filters?: Filters;
  }): Promise<{ Volumes: Volume[]; Warnings: string[] | null }>;
  volumeInspect(name: string): Promise<Volume>;
  volumeRemove(name: string, options?: { force?: boolean }): Promise<void>;
  volumePrune(options?: { filters?: Filters }): Promise<PruneReport>;

  networkList(options?: { filters?: Filters }): Promise<Network[]>;
  networkInspect(name: string): Promise<Network>;
  networkCreate(request: NetworkCreateRequest): Promise<{ Id: string; Warning: string }>;
  networkRemove(name: string): Promise<void>;
  /** `docker network connect`: a running container joins at once, a stopped one at its next start. */
  networkConnect(name: string, request: NetworkConnectRequest): Promise<void>;
  networkDisconnect(name: string, request: NetworkDisconnectRequest): Promise<void>;
  /** `docker network prune`: user-defined networks without active endpoints (names deleted). */
  networkPrune(options?: { filters?: Filters }): Promise<PruneReport>;
}

/** A build context: a tar archive (directory contexts are tarred by the client), or a remote. */
export type BuildContextInput =
  | { readonly kind: "tar"; readonly archive: Uint8Array }
  | { readonly kind: "remote"; readonly url: string };

export interface ImageBuildOptions {
  readonly tags?: readonly string[];
  /** Path of the Dockerfile inside the context (default `Dockerfile`). */
  readonly dockerfile?: string;
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly noCache?: boolean;
  readonly target?: string;
  readonly pull?: boolean;
  /** Remove intermediate containers after a successful build (default true). */
  readonly rm?: boolean;
  readonly forceRm?: boolean;
  readonly quiet?: boolean;
  readonly platform?: string;
  readonly auth?: Readonly<Record<string, AuthConfig>>;
}

export interface AttachOptions {
  readonly stdin?: boolean;
  readonly stdout?: boolean;
  readonly stderr?: boolean;
  /** Stream output from now on (true for `docker run`/`attach`). */
  readonly stream?: boolean;
  /** Replay what the container already logged first. */
  readonly logs?: boolean;
}

export interface LogsOptions {
  readonly stdout?: boolean;
  readonly stderr?: boolean;
  readonly follow?: boolean;
  readonly timestamps?: boolean;
  /** "all" or a number of lines from the end. */
  readonly tail?: string;
  /** Unix seconds (fractions allowed), RFC 3339, or a Go duration relative to now. */
  readonly since?: string;
  readonly until?: string;
}

export interface EventsOptions {
  readonly since?: string;
  readonly until?: string;
  readonly filters?: Filters;
}

/** `docker import`'s options (`POST /images/create?fromSrc=-`). */
export interface ImportOptions {
  readonly repo?: string;
  readonly tag?: string;
  /** The comment of the image and its history entry (default `Imported from -`). */
  readonly message?: string;
  /** Dockerfile instructions applied to the empty config (`--change`). */
  readonly changes?: readonly string[];
}

export interface CommitOptions {
  readonly container: string;
  readonly repo?: string;
  readonly tag?: string;
  readonly comment?: string;
  readonly author?: string;
  /** Dockerfile instructions applied to the new image's config (`--change`). */
  readonly changes?: readonly string[];
  readonly pause?: boolean;
}

/** An endpoint's requested addresses (`network connect --ip`), as inspect shows them. */
export interface EndpointIpamConfig {
  readonly IPv4Address?: string;
  readonly IPv6Address?: string;
  readonly LinkLocalIPs?: readonly string[];
}

/** `POST /networks/{id}/connect`'s body (`types.NetworkConnect`). */
export interface NetworkConnectRequest {
  readonly Container: string;
  readonly EndpointConfig?: {
    readonly IPAMConfig?: EndpointIpamConfig | null;
    readonly Aliases?: readonly string[] | null;
    readonly DriverOpts?: Readonly<Record<string, string>> | null;
  } | null;
}

/** `POST /networks/{id}/disconnect`'s body (`types.NetworkDisconnect`). */
export interface NetworkDisconnectRequest {
  readonly Container: string;
  readonly Force?: boolean;
}

/** `POST /containers/{id}/update`'s body: the resources and the restart policy (zero = unchanged). */
export interface ContainerUpdateRequest {
  readonly CpuShares?: number;
  readonly Memory?: number;
  readonly MemorySwap?: number;
  readonly MemoryReservation?: number;
  readonly NanoCpus?: number;
  readonly CpuPeriod?: number;
  readonly CpuQuota?: number;
  readonly CpusetCpus?: string;
  readonly CpusetMems?: string;
  readonly BlkioWeight?: number;
  readonly PidsLimit?: number | null;
  readonly RestartPolicy?: { readonly Name?: string; readonly MaximumRetryCount?: number };
}

/** A chunk of a container's output. With a TTY, `stream` is always `stdout` and bytes are raw. */
export interface OutputFrame {
  readonly stream: "stdout" | "stderr";
  readonly data: Uint8Array;
  /** The simulated instant the process wrote it (docker logs -t prints it). */
  readonly tUs: number;
}

/** An attached (or exec'd) process's stdio, as a hijacked connection carries it. */
export interface AttachSession {
  /** Output in order; ends when the process exits or the session is closed. */
  readonly output: AsyncIterable<OutputFrame>;
  writeStdin(data: Uint8Array): void;
  /** EOF on stdin (the client half-closing its side). */
  closeStdin(): void;
  /** Detaches (the client went away); the process keeps running. */
  close(): void;
}
