import type { HostConfig } from "../engine/api-types.ts";
import { DrydockError } from "../errors/drydock-error.ts";

const MASKED_PATHS: readonly string[] = [
  "/proc/asound",
  "/proc/acpi",
  "/proc/kcore",
  "/proc/keys",
  "/proc/latency_stats",
  "/proc/timer_list",
  "/proc/timer_stats",
  "/proc/sched_debug",
  "/proc/scsi",
  "/sys/firmware",
];
const READONLY_PATHS: readonly string[] = [
  "/proc/bus",
  "/proc/fs",
  "/proc/irq",
  "/proc/sys",
  "/proc/sysrq-trigger",
];

/** `HostConfig` as dockerd 20.10 stores it when the client sent nothing: member order as inspect shows. */
const TEMPLATE: HostConfig = {
  Binds: null,
  ContainerIDFile: "",
  LogConfig: { Type: "json-file", Config: {} },
  NetworkMode: "default",
  PortBindings: {},
  RestartPolicy: { Name: "no", MaximumRetryCount: 0 },
  AutoRemove: false,
  VolumeDriver: "",
  VolumesFrom: null,
  CapAdd: null,
  CapDrop: null,
  CgroupnsMode: "host",
  Dns: [],
  DnsOptions: [],
  DnsSearch: [],
  ExtraHosts: null,
  GroupAdd: null,
  IpcMode: "private",
  Cgroup: "",
  Links: null,
  OomScoreAdj: 0,
  PidMode: "",
  Privileged: false,
  PublishAllPorts: false,
  ReadonlyRootfs: false,
  SecurityOpt: null,
  UTSMode: "",
  UsernsMode: "",
  ShmSize: 67108864,
  Runtime: "runc",
  ConsoleSize: [0, 0],
  Isolation: "",
  CpuShares: 0,
  Memory: 0,
  NanoCpus: 0,
  CgroupParent: "",
  BlkioWeight: 0,
  BlkioWeightDevice: [],
  BlkioDeviceReadBps: [],
  BlkioDeviceWriteBps: [],
  BlkioDeviceReadIOps: [],
  BlkioDeviceWriteIOps: [],
  CpuPeriod: 0,
  CpuQuota: 0,
  CpuRealtimePeriod: 0,
  CpuRealtimeRuntime: 0,
  CpusetCpus: "",
  CpusetMems: "",
  Devices: [],
  DeviceCgroupRules: null,
  DeviceRequests: null,
  KernelMemory: 0,
  KernelMemoryTCP: 0,
  MemoryReservation: 0,
  MemorySwap: 0,
  MemorySwappiness: null,
  OomKillDisable: false,
  PidsLimit: null,
  Ulimits: [],
  CpuCount: 0,
  CpuPercent: 0,
  IOMaximumIOps: 0,
  IOMaximumBandwidth: 0,
  MaskedPaths: MASKED_PATHS,
  ReadonlyPaths: READONLY_PATHS,
};

/**
 * The `HostConfig` dockerd keeps for a container: the request's members over dockerd's defaults,
 * then the daemon's own adjustments (empty network mode → `default`, log driver → `json-file`,
 * `ShmSize` 64 MiB, `Runtime` runc, swappiness -1 → null, masked paths unless privileged).
 */
export function normalizeHostConfig(request: HostConfig | undefined): HostConfig {
  const merged: Record<string, unknown> = { ...TEMPLATE };
  for (const [key, value] of Object.entries(request ?? {}))
    if (value !== undefined) merged[key] = value;
  const privileged = merged.Privileged === true;
  const log = (merged.LogConfig ?? {}) as { Type?: string; Config?: Record<string, string> };
  merged.LogConfig = {
    Type: log.Type === undefined || log.Type === "" ? "json-file" : log.Type,
    Config: log.Config ?? {},
  };
  if (merged.NetworkMode === "" || merged.NetworkMode === undefined) merged.NetworkMode = "default";
  const policy = (merged.RestartPolicy ?? {}) as { Name?: string; MaximumRetryCount?: number };
  merged.RestartPolicy = {
    Name: policy.Name === undefined || policy.Name === "" ? "no" : policy.Name,
    MaximumRetryCount: policy.MaximumRetryCount ?? 0,
  };
  if (merged.ShmSize === 0) merged.ShmSize = 67108864;
  if (merged.Runtime === "") merged.Runtime = "runc";
  if (merged.CgroupnsMode === "") merged.CgroupnsMode = "host";
  if (merged.IpcMode === "") merged.IpcMode = "private";
  if (merged.MemorySwappiness === -1) merged.MemorySwappiness = null;
  if (merged.PidsLimit === 0) merged.PidsLimit = null;
  // dockerd's default swap limit: twice the memory limit.
  if (typeof merged.Memory === "number" && merged.Memory > 0 && merged.MemorySwap === 0)
    merged.MemorySwap = merged.Memory * 2;
  // Fields Go writes with `omitempty`: a nil or empty value leaves them out of inspect.
  if (merged.Init === null) delete merged.Init;
  if (!Array.isArray(merged.Mounts) || merged.Mounts.length === 0) delete merged.Mounts;
  for (const key of ["StorageOpt", "Tmpfs", "Sysctls"]) {
    const value = merged[key];
    if (value === null || (typeof value === "object" && Object.keys(value).length === 0))
      delete merged[key];
  }
  if (merged.MaskedPaths === null) merged.MaskedPaths = privileged ? null : MASKED_PATHS;
  if (merged.ReadonlyPaths === null) merged.ReadonlyPaths = privileged ? null : READONLY_PATHS;
  return merged as HostConfig;
}

/** The restart policy rules dockerd checks at create (400 InvalidArgument otherwise). */
export function validateHostConfig(hostConfig: HostConfig): void {
  const policy = hostConfig.RestartPolicy ?? { Name: "no", MaximumRetryCount: 0 };
  const invalid = (message: string): DrydockError =>
    new DrydockError("InvalidArgument", message, { data: { restartPolicy: policy.Name } });
  switch (policy.Name) {
    case "always":
    case "unless-stopped":
    case "no":
      if (policy.MaximumRetryCount !== 0)
        throw invalid(`maximum retry count cannot be used with restart policy '${policy.Name}'`);
      break;
    case "on-failure":
      if (policy.MaximumRetryCount < 0) throw invalid("maximum retry count cannot be negative");
      break;
    case "":
      break;
    default:
      throw invalid(`invalid restart policy '${policy.Name}'`);
  }
  if (hostConfig.AutoRemove === true && policy.Name !== "no" && policy.Name !== "")
    throw invalid("can't create 'AutoRemove' container with restart policy");
}
