import type { HostConfig } from "../engine/api-types.ts";
import type { ContainerUpdateRequest } from "../engine/engine.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { Container } from "./container.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logContainerEvent } from "./daemon-events.ts";
import { validateHostConfig } from "./host-config.ts";

/** dockerd's `linuxMinMemory`. */
const MEMORY_MIN_BYTES = 6 * 1024 * 1024;
/** The simulated host's CPUs (`docker info` NCPU). */
const HOST_CPUS = 2;

type Resources = Record<string, unknown>;

/**
 * `docker update` as dockerd 20.10's `ContainerUpdate`: the request is checked as at create
 * (400), then applied field by field (zero means unchanged) with the update-time conflicts
 * (409, `Cannot update container ID: …`); any failure leaves the container as it was. Logs an
 * `update` event. The new restart policy governs the next exit; resources are recorded only
 * (drydock's runtime does not limit memory or CPU).
 */
export function updateContainer(
  ctx: DaemonContext,
  container: Container,
  request: ContainerUpdateRequest,
): { Warnings: string[] | null } {
  verifyUpdate(request);
  const current = container.hostConfig as unknown as Resources;
  const next: Resources = { ...current };
  const failed = (message: string): DrydockError =>
    new DrydockError("Conflict", `Cannot update container ${container.id}: ${message}`, {
      data: { containerId: container.id },
    });
  const set = (key: keyof ContainerUpdateRequest): void => {
    const value = request[key];
    if (value !== undefined && value !== 0 && value !== "") next[key] = value;
  };
  if (container.state.removalInProgress || container.state.dead)
    throw failed('container is marked for removal and cannot be "update"');
  const nano = request.NanoCpus ?? 0;
  if (nano > 0 && num(current.CpuPeriod) > 0)
    throw failed(
      "Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set",
    );
  if (nano > 0 && num(current.CpuQuota) > 0)
    throw failed(
      "Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set",
    );
  if ((request.CpuPeriod ?? 0) > 0 && num(current.NanoCpus) > 0)
    throw failed(
      "Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set",
    );
  if ((request.CpuQuota ?? 0) > 0 && num(current.NanoCpus) > 0)
    throw failed(
      "Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set",
    );
  for (const key of ["BlkioWeight", "CpuShares", "NanoCpus", "CpuPeriod", "CpuQuota"] as const)
    set(key);
  for (const key of ["CpusetCpus", "CpusetMems"] as const) set(key);
  const memory = request.Memory ?? 0;
  if (memory !== 0) {
    // dockerd compares with the swap limit even when none is set (0): set both at once.
    if (memory > num(current.MemorySwap) && (request.MemorySwap ?? 0) === 0)
      throw failed(
        "Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time",
      );
    next.Memory = memory;
  }
  set("MemorySwap");
  set("MemoryReservation");
  if (request.PidsLimit !== undefined && request.PidsLimit !== null)
    next.PidsLimit = Math.max(0, request.PidsLimit);
  const policy = request.RestartPolicy;
  if (policy?.Name !== undefined && policy.Name !== "") {
    if (container.hostConfig.AutoRemove === true && policy.Name !== "no")
      throw failed(
        "Restart policy cannot be updated because AutoRemove is enabled for the container",
      );
    next.RestartPolicy = { Name: policy.Name, MaximumRetryCount: policy.MaximumRetryCount ?? 0 };
  }
  const shares = request.CpuShares ?? 0;
  if (container.state.running && !container.state.restarting && shares > 0 && shares < 2) {
    // runc refuses when it applies the change to the running container's cgroup.
    throw new DrydockError(
      "Internal",
      `Cannot update container ${container.id}: runc did not terminate successfully: exit status 1: the minimum allowed cpu-shares is 2\n: unknown`,
      { data: { containerId: container.id } },
    );
  }
  container.hostConfig = next as unknown as HostConfig;
  logContainerEvent(ctx, container, "update");
  return { Warnings: null };
}

/** dockerd's `verifyContainerSettings` for an update (400 InvalidArgument). */
function verifyUpdate(request: ContainerUpdateRequest): void {
  const invalid = (message: string): DrydockError =>
    new DrydockError("InvalidArgument", message, { data: {} });
  const memory = request.Memory ?? 0;
  const swap = request.MemorySwap ?? 0;
  const nano = request.NanoCpus ?? 0;
  if (memory !== 0 && memory < MEMORY_MIN_BYTES)
    throw invalid("Minimum memory limit allowed is 6MB");
  if (memory > 0 && swap > 0 && swap < memory)
    throw invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
  if (nano > 0 && (request.CpuPeriod ?? 0) > 0)
    throw invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
  if (nano > 0 && (request.CpuQuota ?? 0) > 0)
    throw invalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
  if (nano < 0 || (nano > 0 && nano < 1e6) || nano > HOST_CPUS * 1e9)
    throw invalid(
      `Range of CPUs is from 0.01 to ${HOST_CPUS.toFixed(2)}, as there are only ${HOST_CPUS} CPUs available`,
    );
  const policy = request.RestartPolicy;
  if (policy !== undefined)
    validateHostConfig({
      RestartPolicy: { Name: policy.Name ?? "", MaximumRetryCount: policy.MaximumRetryCount ?? 0 },
    } as HostConfig);
}

function num(value: unknown): number {
  return typeof value === "number" ? value : 0;
}
