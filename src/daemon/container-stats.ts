import { formatRfc3339Nano } from "../clock/time-format.ts";
import type { ContainerStats, CpuStats, NetworkStats } from "../engine/container-stats.ts";
import { HOST_MEMORY_KB } from "../runtime/host-resources.ts";
import type { Container } from "./container.ts";
import type { DaemonContext } from "./daemon-context.ts";

/**
 * drydock's resource model for `docker stats` (deterministic, documented):
 * - CPU: the simulated processes use no CPU time, so `total_usage` never moves: 0.00%;
 *   `system_cpu_usage` is the host's CPUs × the virtual time.
 * - Memory: each process of the container holds 312 KiB (a busybox `sleep` on dockerd 20.10:
 *   `usage` 319488); the limit is `HostConfig.Memory` or the host's memory (8 GiB).
 * - PIDs: the runtime's process table. Network and block I/O: zero (nothing is counted).
 */
export const STATS_MODEL = {
  processMemoryBytes: 319_488,
  hostCpus: 2,
  intervalUs: 1_000_000,
} as const;

/** Samples a stream gives at most (one per virtual second): an hour. */
export const STATS_STREAM_SAMPLES_MAX = 3600;

const BLKIO_KEYS = [
  "io_service_bytes_recursive",
  "io_serviced_recursive",
  "io_queue_recursive",
  "io_service_time_recursive",
  "io_wait_time_recursive",
  "io_merged_recursive",
  "io_time_recursive",
  "sectors_recursive",
];

const ZERO_NETWORK: NetworkStats = {
  rx_bytes: 0,
  rx_packets: 0,
  rx_errors: 0,
  rx_dropped: 0,
  tx_bytes: 0,
  tx_packets: 0,
  tx_errors: 0,
  tx_dropped: 0,
};

function cpuStats(options: { systemNs?: number }): CpuStats {
  const running = options.systemNs !== undefined;
  return {
    cpu_usage: {
      total_usage: 0,
      ...(running ? { percpu_usage: Array(STATS_MODEL.hostCpus).fill(0) } : {}),
      usage_in_kernelmode: 0,
      usage_in_usermode: 0,
    },
    ...(running ? { system_cpu_usage: options.systemNs, online_cpus: STATS_MODEL.hostCpus } : {}),
    throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
  };
}

/** One sample now: a stopped container's is dockerd's zero sample (year-1 timestamps). */
export function statsSample(ctx: DaemonContext, container: Container): ContainerStats {
  const base = { num_procs: 0, storage_stats: {}, name: container.name, id: container.id };
  if (!container.state.running || container.state.restarting) {
    return {
      read: "0001-01-01T00:00:00Z",
      preread: "0001-01-01T00:00:00Z",
      pids_stats: {},
      blkio_stats: Object.fromEntries(BLKIO_KEYS.map((key) => [key, null])),
      ...base,
      cpu_stats: cpuStats({}),
      precpu_stats: cpuStats({}),
      memory_stats: {},
    };
  }
  const nowUs = ctx.clock.nowUs();
  const processes = ctx.runtime.processes(container.id).length;
  const usage = processes * STATS_MODEL.processMemoryBytes;
  const memoryLimit = Number(container.hostConfig.Memory ?? 0);
  const limit = memoryLimit > 0 ? memoryLimit : (HOST_MEMORY_KB.MemTotal ?? 0) * 1024;
  const systemNs = (nowUs: number): number => nowUs * 1000 * STATS_MODEL.hostCpus;
  const addressed = container.endpoints.some((endpoint) => endpoint.ipAddress !== "");
  return {
    read: formatRfc3339Nano(nowUs),
    preread: formatRfc3339Nano(nowUs - STATS_MODEL.intervalUs),
    pids_stats: { current: processes },
    blkio_stats: Object.fromEntries(BLKIO_KEYS.map((key) => [key, []])),
    ...base,
    cpu_stats: cpuStats({ systemNs: systemNs(nowUs) }),
    precpu_stats: cpuStats({ systemNs: systemNs(nowUs - STATS_MODEL.intervalUs) }),
    memory_stats: {
      usage,
      max_usage: usage,
      stats: { total_inactive_file: 0, hierarchical_memory_limit: limit },
      limit,
    },
    ...(addressed ? { networks: { eth0: ZERO_NETWORK } } : {}),
  };
}

/**
 * `GET /containers/{id}/stats`: one sample, or with `stream` one per virtual second until the
 * container stops (dockerd then sends a zero sample and ends) or the stream is closed; at most
 * `STATS_STREAM_SAMPLES_MAX` samples.
 */
export async function* containerStats(
  ctx: DaemonContext,
  find: () => Container,
  options: { stream?: boolean },
): AsyncGenerator<ContainerStats> {
  const container = find();
  yield statsSample(ctx, container);
  if (options.stream !== true) return;
  for (let count = 1; count < STATS_STREAM_SAMPLES_MAX; count++) {
    if (!container.state.running) return;
    await ctx.scheduler.sleep(STATS_MODEL.intervalUs);
    yield statsSample(ctx, container);
  }
}
