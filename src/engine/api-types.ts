/**
 * The Docker Engine API's objects (API 1.41), as TypeScript types with the wire's field names, so
 * the in-process daemon, its HTTP facade and a client of a real dockerd share one vocabulary.
 * Shapes follow the recording in ../shared/reference/docker-wire/examples; fields drydock does
 * not model are still present with Docker's zero values where the real daemon sends them.
 */

/** `filters` as the API takes them: `{"label": {"a=b": true}}` or `{"label": ["a=b"]}`. */
export type Filters = Readonly<Record<string, readonly string[]>>;

export interface PingInfo {
  readonly apiVersion: string;
  readonly osType: string;
  readonly experimental: boolean;
  readonly builderVersion?: string;
}

export interface VersionInfo {
  readonly Platform: { readonly Name: string };
  readonly Components: readonly {
    readonly Name: string;
    readonly Version: string;
    readonly Details: Readonly<Record<string, string>>;
  }[];
  readonly Version: string;
  readonly ApiVersion: string;
  readonly MinAPIVersion: string;
  readonly GitCommit: string;
  readonly GoVersion: string;
  readonly Os: string;
  readonly Arch: string;
  readonly KernelVersion: string;
  readonly BuildTime: string;
}

/** `docker info`: only the fields drydock fills; the facade adds Docker's other members. */
export interface SystemInfo {
  readonly ID: string;
  readonly Containers: number;
  readonly ContainersRunning: number;
  readonly ContainersPaused: number;
  readonly ContainersStopped: number;
  readonly Images: number;
  readonly Driver: string;
  readonly Name: string;
  readonly ServerVersion: string;
  readonly OperatingSystem: string;
  readonly OSType: string;
  readonly Architecture: string;
  readonly NCPU: number;
  readonly MemTotal: number;
  readonly DockerRootDir: string;
  readonly SystemTime: string;
  readonly [key: string]: unknown;
}

/** The `config` object of an image or container (moby `container.Config`). */
export interface ContainerConfig {
  readonly Hostname: string;
  readonly Domainname: string;
  readonly User: string;
  readonly AttachStdin: boolean;
  readonly AttachStdout: boolean;
  readonly AttachStderr: boolean;
  readonly ExposedPorts?: Readonly<Record<string, Record<string, never>>>;
  readonly Tty: boolean;
  readonly OpenStdin: boolean;
  readonly StdinOnce: boolean;
  readonly Env: readonly string[] | null;
  readonly Cmd: readonly string[] | null;
  readonly Healthcheck?: HealthConfig;
  readonly ArgsEscaped?: boolean;
  readonly Image: string;
  readonly Volumes: Readonly<Record<string, Record<string, never>>> | null;
  readonly WorkingDir: string;
  readonly Entrypoint: readonly string[] | null;
  readonly NetworkDisabled?: boolean;
  readonly MacAddress?: string;
  readonly OnBuild: readonly string[] | null;
  readonly Labels: Readonly<Record<string, string>> | null;
  readonly StopSignal?: string;
  readonly StopTimeout?: number;
  readonly Shell?: readonly string[];
}

export interface HealthConfig {
  readonly Test?: readonly string[];
  readonly Interval?: number;
  readonly Timeout?: number;
  readonly StartPeriod?: number;
  readonly Retries?: number;
}

export interface RestartPolicy {
  /** "", "no", "always", "unless-stopped", "on-failure". */
  readonly Name: string;
  readonly MaximumRetryCount: number;
}

export interface PortBinding {
  readonly HostIp: string;
  readonly HostPort: string;
}

export interface Mount {
  readonly Type: "bind" | "volume" | "tmpfs";
  readonly Source?: string;
  readonly Target: string;
  readonly ReadOnly?: boolean;
}

/** The subset of `HostConfig` the simulator acts on; other members are accepted and kept. */
export interface HostConfig {
  readonly Binds?: readonly string[] | null;
  readonly NetworkMode?: string;
  readonly PortBindings?: Readonly<Record<string, readonly PortBinding[]>> | null;
  readonly RestartPolicy?: RestartPolicy;
  readonly AutoRemove?: boolean;
  readonly VolumesFrom?: readonly string[] | null;
  readonly Mounts?: readonly Mount[];
  readonly ConsoleSize?: readonly [number, number];
  readonly ReadonlyRootfs?: boolean;
  readonly Init?: boolean | null;
  readonly ExtraHosts?: readonly string[] | null;
  /** `--link NAME[:ALIAS]`; dockerd keeps and shows them as `/name:/container/alias`. */
  readonly Links?: readonly string[] | null;
  readonly Dns?: readonly string[];
  readonly Privileged?: boolean;
  readonly [key: string]: unknown;
}

/** `POST /containers/create` body: a container config plus HostConfig and NetworkingConfig. */
export interface ContainerCreateRequest extends Partial<ContainerConfig> {
  readonly Image: string;
  readonly HostConfig?: HostConfig;
  readonly NetworkingConfig?: { readonly EndpointsConfig?: Readonly<Record<string, unknown>> };
}

export interface ContainerCreateResponse {
  readonly Id: string;
  readonly Warnings: readonly string[];
}

export type ContainerStatus =
  | "created"
  | "running"
  | "paused"
  | "restarting"
  | "removing"
  | "exited"
  | "dead";

export interface ContainerState {
  readonly Status: ContainerStatus;
  readonly Running: boolean;
  readonly Paused: boolean;
  readonly Restarting: boolean;
  readonly OOMKilled: boolean;
  readonly Dead: boolean;
  readonly Pid: number;
  readonly ExitCode: number;
  readonly Error: string;
  readonly StartedAt: string;
  readonly FinishedAt: string;
  readonly Health?: {
    readonly Status: string;
    readonly FailingStreak: number;
    readonly Log: readonly {
      readonly Start: string;
      readonly End: string;
      readonly ExitCode: number;
      readonly Output: string;
    }[];
  };
}

export interface MountPoint {
  readonly Type: string;
  readonly Name?: string;
  readonly Source: string;
  readonly Destination: string;
  readonly Driver?: string;
  readonly Mode: string;
  readonly RW: boolean;
  readonly Propagation: string;
}

/** `GET /containers/{id}/json` (see examples/container-inspect.response.json). */
export interface ContainerInspect {
  readonly Id: string;
  readonly Created: string;
  readonly Path: string;
  readonly Args: readonly string[];
  readonly State: ContainerState;
  readonly Image: string;
  readonly ResolvConfPath: string;
  readonly HostnamePath: string;
  readonly HostsPath: string;
  readonly LogPath: string;
  readonly Name: string;
  readonly RestartCount: number;
  readonly Driver: string;
  readonly Platform: string;
  readonly MountLabel: string;
  readonly ProcessLabel: string;
  readonly AppArmorProfile: string;
  readonly ExecIDs: readonly string[] | null;
  readonly HostConfig: HostConfig;
  readonly GraphDriver: {
    readonly Data: Readonly<Record<string, string>> | null;
    readonly Name: string;
  };
  readonly SizeRw?: number;
  readonly SizeRootFs?: number;
  readonly Mounts: readonly MountPoint[];
  readonly Config: ContainerConfig;
  readonly NetworkSettings: Readonly<Record<string, unknown>>;
}

/** One row of `GET /containers/json`. */
export interface ContainerSummary {
  readonly Id: string;
  readonly Names: readonly string[];
  readonly Image: string;
  readonly ImageID: string;
  readonly Command: string;
  readonly Created: number;
  readonly Ports: readonly {
    IP?: string;
    PrivatePort: number;
    PublicPort?: number;
    Type: string;
  }[];
  readonly SizeRw?: number;
  readonly SizeRootFs?: number;
  readonly Labels: Readonly<Record<string, string>>;
  readonly State: ContainerStatus;
  readonly Status: string;
  readonly HostConfig: { readonly NetworkMode: string };
  readonly NetworkSettings: { readonly Networks: Readonly<Record<string, unknown>> };
  readonly Mounts: readonly MountPoint[];
}

export interface WaitResponse {
  readonly StatusCode: number;
  readonly Error: { readonly Message: string } | null;
}

export type WaitCondition = "not-running" | "next-exit" | "removed";

export interface TopResponse {
  readonly Titles: readonly string[];
  readonly Processes: readonly (readonly string[])[];
}

/** `docker diff`: Kind 0 = modified (C), 1 = added (A), 2 = deleted (D). */
export interface ChangeItem {
  readonly Path: string;
  readonly Kind: 0 | 1 | 2;
}

/** The `X-Docker-Container-Path-Stat` of `docker cp` (base64 JSON on the wire). */
export interface PathStat {
  readonly name: string;
  readonly size: number;
  /** Go's os.FileMode bits: permission bits plus Go's type flags (1<<31 dir, 1<<27 symlink). */
  readonly mode: number;
  readonly mtime: string;
  readonly linkTarget: string;
}

export interface ExecCreateRequest {
  readonly User?: string;
  readonly Privileged?: boolean;
  readonly Tty?: boolean;
  readonly AttachStdin?: boolean;
  readonly AttachStdout?: boolean;
  readonly AttachStderr?: boolean;
  readonly Detach?: boolean;
  readonly DetachKeys?: string;
  readonly Env?: readonly string[] | null;
  readonly WorkingDir?: string;
  readonly Cmd: readonly string[];
}

export interface ExecInspect {
  readonly ID: string;
  readonly Running: boolean;
  readonly ExitCode: number | null;
  readonly ProcessConfig: {
    readonly tty: boolean;
    readonly entrypoint: string;
    readonly arguments: readonly string[];
    readonly privileged: boolean;
    readonly user?: string;
  };
  readonly OpenStdin: boolean;
  readonly OpenStderr: boolean;
  readonly OpenStdout: boolean;
  readonly CanRemove: boolean;
  readonly ContainerID: string;
  readonly DetachKeys: string;
  readonly Pid: number;
}

/** One row of `GET /images/json`. */
export interface ImageSummary {
  readonly Containers: number;
  readonly Created: number;
  readonly Id: string;
  readonly Labels: Readonly<Record<string, string>> | null;
  readonly ParentId: string;
  readonly RepoDigests: readonly string[] | null;
  readonly RepoTags: readonly string[] | null;
  readonly SharedSize: number;
  readonly Size: number;
  readonly VirtualSize: number;
}

/** `GET /images/{name}/json` (see examples/image-inspect.response.json). */
export interface ImageInspect {
  readonly Id: string;
  readonly RepoTags: readonly string[];
  readonly RepoDigests: readonly string[];
  readonly Parent: string;
  readonly Comment: string;
  readonly Created: string;
  readonly Container: string;
  readonly ContainerConfig: ContainerConfig;
  readonly DockerVersion: string;
  readonly Author: string;
  readonly Config: ContainerConfig | null;
  readonly Architecture: string;
  readonly Variant?: string;
  readonly Os: string;
  readonly Size: number;
  readonly VirtualSize: number;
  readonly GraphDriver: {
    readonly Data: Readonly<Record<string, string>> | null;
    readonly Name: string;
  };
  readonly RootFS: { readonly Type: string; readonly Layers?: readonly string[] };
  readonly Metadata: { readonly LastTagTime: string };
}

export interface HistoryItem {
  readonly Id: string;
  readonly Created: number;
  readonly CreatedBy: string;
  readonly Tags: readonly string[] | null;
  readonly Size: number;
  readonly Comment: string;
}

/** One line of `DELETE /images/{name}`. */
export type ImageDeleteItem = { readonly Untagged: string } | { readonly Deleted: string };

export interface PruneReport {
  /** Deleted containers / volumes (names or IDs), or image delete items for image prune. */
  readonly deleted: readonly string[] | readonly ImageDeleteItem[];
  readonly SpaceReclaimed: number;
}

export interface Volume {
  readonly CreatedAt: string;
  readonly Driver: string;
  readonly Labels: Readonly<Record<string, string>> | null;
  readonly Mountpoint: string;
  readonly Name: string;
  readonly Options: Readonly<Record<string, string>> | null;
  readonly Scope: string;
  readonly UsageData?: { readonly Size: number; readonly RefCount: number };
}

export interface VolumeCreateRequest {
  readonly Name?: string;
  readonly Driver?: string;
  readonly DriverOpts?: Readonly<Record<string, string>>;
  readonly Labels?: Readonly<Record<string, string>>;
}

export interface Network {
  readonly Name: string;
  readonly Id: string;
  readonly Created: string;
  readonly Scope: string;
  readonly Driver: string;
  readonly EnableIPv6: boolean;
  readonly IPAM: {
    readonly Driver: string;
    readonly Options: Readonly<Record<string, string>> | null;
    readonly Config:
      | readonly {
          readonly Subnet?: string;
          readonly IPRange?: string;
          readonly Gateway?: string;
          readonly AuxiliaryAddresses?: Readonly<Record<string, string>>;
        }[]
      | null;
  };
  readonly Internal: boolean;
  readonly Attachable: boolean;
  readonly Ingress: boolean;
  readonly ConfigFrom: { readonly Network: string };
  readonly ConfigOnly: boolean;
  readonly Containers: Readonly<Record<string, unknown>>;
  readonly Options: Readonly<Record<string, string>>;
  readonly Labels: Readonly<Record<string, string>>;
}

export interface NetworkCreateRequest {
  readonly Name: string;
  readonly Driver?: string;
  readonly Internal?: boolean;
  readonly Attachable?: boolean;
  readonly Labels?: Readonly<Record<string, string>>;
  readonly Options?: Readonly<Record<string, string>>;
  readonly IPAM?: unknown;
  readonly CheckDuplicate?: boolean;
}

export interface SystemDf {
  readonly LayersSize: number;
  readonly Images: readonly (ImageSummary & { readonly Containers: number })[];
  readonly Containers: readonly ContainerSummary[];
  readonly Volumes: readonly Volume[];
  readonly BuildCache: readonly unknown[] | null;
  readonly BuilderSize?: number;
}

/** One event of `GET /events` (moby `events.Message`). `timeNano` exceeds 2^53: kept as bigint. */
export interface EventMessage {
  readonly status?: string;
  readonly id?: string;
  readonly from?: string;
  readonly Type:
    | "container"
    | "image"
    | "volume"
    | "network"
    | "daemon"
    | "plugin"
    | "node"
    | "service"
    | "secret"
    | "config";
  readonly Action: string;
  readonly Actor: { readonly ID: string; readonly Attributes: Readonly<Record<string, string>> };
  readonly scope: "local" | "swarm";
  readonly time: number;
  readonly timeNano: bigint;
}

export interface AuthConfig {
  readonly username?: string;
  readonly password?: string;
  readonly auth?: string;
  readonly email?: string;
  readonly serveraddress?: string;
  readonly identitytoken?: string;
  readonly registrytoken?: string;
}

export interface AuthResponse {
  readonly Status: string;
  readonly IdentityToken: string;
}
