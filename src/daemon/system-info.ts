import { formatRfc3339Nano } from "../clock/time-format.ts";
import type { Digest } from "../digest/digest.ts";
import type { ImageSummary, SystemDf, SystemInfo, VersionInfo } from "../engine/api-types.ts";
import { chainIds } from "../image/chain-id.ts";
import { summarizeContainer } from "./container-inspect.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { listImages } from "./image-list.ts";
import { DOCKER_ROOT_DIR, volumeJson, volumeSizeBytes } from "./volume-store.ts";

/** The Docker version drydock's daemon models, with drydock's name in the build metadata. */
export const DAEMON_VERSION = "20.10.24+drydock";
/** The Engine API version the daemon speaks (dockerd 20.10's). */
export const API_VERSION = "1.41";
/** The oldest API version dockerd 20.10 accepts. */
export const MIN_API_VERSION = "1.12";
const KERNEL_VERSION = "6.1.0-drydock";
const GIT_COMMIT = "drydock";
const GO_VERSION = "go1.19.8";

/** `docker version`: dockerd 20.10's shape, naming drydock where dockerd names its build. */
export function versionInfo(): VersionInfo {
  const details = {
    ApiVersion: API_VERSION,
    Arch: "amd64",
    BuildTime: "2026-01-01T00:00:00.000000000+00:00",
    Experimental: "false",
    GitCommit: GIT_COMMIT,
    GoVersion: GO_VERSION,
    KernelVersion: KERNEL_VERSION,
    MinAPIVersion: MIN_API_VERSION,
    Os: "linux",
  };
  return {
    Platform: { Name: "drydock simulated engine" },
    Components: [
      { Name: "Engine", Version: DAEMON_VERSION, Details: details },
      { Name: "drydock-runtime", Version: "0.1.0", Details: { GitCommit: GIT_COMMIT } },
    ],
    Version: DAEMON_VERSION,
    ApiVersion: API_VERSION,
    MinAPIVersion: MIN_API_VERSION,
    GitCommit: GIT_COMMIT,
    GoVersion: GO_VERSION,
    Os: "linux",
    Arch: "amd64",
    KernelVersion: KERNEL_VERSION,
    BuildTime: details.BuildTime,
  };
}

/** `docker info`: counts from the daemon's stores, the rest in dockerd's shape. */
export function systemInfo(ctx: DaemonContext, options: { daemonId: string }): SystemInfo {
  const containers = ctx.containers.list();
  const running = containers.filter(
    (container) => container.state.running && !container.state.paused,
  ).length;
  const paused = containers.filter((container) => container.state.paused).length;
  return {
    ID: options.daemonId,
    Containers: containers.length,
    ContainersRunning: running,
    ContainersPaused: paused,
    ContainersStopped: containers.length - running - paused,
    Images: ctx.images.size,
    Driver: "overlay2",
    DriverStatus: [
      ["Backing Filesystem", "drydock"],
      ["Supports d_type", "true"],
      ["Native Overlay Diff", "true"],
      ["userxattr", "false"],
    ],
    Plugins: {
      Volume: ["local"],
      Network: ["bridge", "host", "null"],
      Authorization: null,
      Log: ["json-file"],
    },
    MemoryLimit: true,
    SwapLimit: true,
    Debug: false,
    SystemTime: formatRfc3339Nano(ctx.clock.nowUs()),
    LoggingDriver: "json-file",
    CgroupDriver: "cgroupfs",
    CgroupVersion: "1",
    KernelVersion: KERNEL_VERSION,
    OperatingSystem: "drydock (simulated)",
    OSVersion: "",
    OSType: "linux",
    Architecture: "x86_64",
    IndexServerAddress: "https://index.docker.io/v1/",
    NCPU: 2,
    MemTotal: 8 * 1024 ** 3,
    DockerRootDir: DOCKER_ROOT_DIR,
    Name: ctx.host,
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: DAEMON_VERSION,
    DefaultRuntime: "runc",
    LiveRestoreEnabled: false,
    Isolation: "",
    SecurityOptions: ["name=seccomp,profile=default"],
    Warnings: null,
  };
}

/**
 * `docker system df` as dockerd 20.10 answers it: the images `docker images` lists (tagged ones
 * and dangling leaves; intermediates are left out), each with its container count and shared
 * size (the layers, by chain ID, that another listed image also has); `LayersSize` counts every
 * layer of every image once.
 */
export function systemDf(ctx: DaemonContext): SystemDf {
  const containers = ctx.containers.list();
  return {
    LayersSize: layersSize(ctx),
    Images: dfImages(ctx, containers),
    Containers: containers.map((container) => summarizeContainer(ctx, container, { size: true })),
    Volumes: ctx.volumes.list().map((volume) => ({
      ...volumeJson(volume),
      UsageData: {
        RefCount: ctx.volumes.usersOf(volume.name).length,
        Size: volumeSizeBytes(volume),
      },
    })),
    BuildCache: null,
    BuilderSize: 0,
  };
}

/** Each layer of the store (a chain ID: the same diff on another base is another layer) once. */
function layersSize(ctx: DaemonContext): number {
  const layers = new Map<string, number>();
  for (const image of ctx.images.list()) {
    const diffIds = image.config.rootfs.diffIds;
    chainIds(diffIds).forEach((chain, index) => {
      if (!layers.has(chain)) layers.set(chain, ctx.layers.sizeOf(diffIds[index]!));
    });
  }
  return [...layers.values()].reduce((sum, size) => sum + size, 0);
}

function dfImages(
  ctx: DaemonContext,
  containers: ReturnType<DaemonContext["containers"]["list"]>,
): ImageSummary[] {
  const rows = listImages(ctx);
  const chains = new Map(
    rows.map((row) => [row.Id, chainIds(ctx.images.get(row.Id as Digest).config.rootfs.diffIds)]),
  );
  const refs = new Map<string, number>();
  for (const list of chains.values())
    for (const chain of list) refs.set(chain, (refs.get(chain) ?? 0) + 1);
  return rows.map((row) => {
    const diffIds = ctx.images.get(row.Id as Digest).config.rootfs.diffIds;
    const shared = (chains.get(row.Id) ?? []).reduce(
      (sum, chain, index) =>
        (refs.get(chain) ?? 0) > 1 ? sum + ctx.layers.sizeOf(diffIds[index]!) : sum,
      0,
    );
    const using = containers.filter((container) => container.imageId === row.Id).length;
    return { ...row, Containers: using, SharedSize: shared };
  });
}
