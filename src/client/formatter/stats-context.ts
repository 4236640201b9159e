import type { ContainerStats } from "../../engine/container-stats.ts";
import { truncateId } from "../format/text.ts";
import { bytesSize, humanSizeWithPrecision } from "../format/units.ts";
import { formatGoFloat } from "../go-template/go-float.ts";
import type { GoStruct } from "../go-template/go-value.ts";
import { contextStruct, headerStruct } from "./context-struct.ts";

/** `docker stats`'s default table. */
export const STATS_TABLE =
  "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

/** Column headers of the stats context. */
export const STATS_HEADER: GoStruct = headerStruct({
  Container: "CONTAINER",
  ID: "CONTAINER ID",
  Name: "NAME",
  CPUPerc: "CPU %",
  MemUsage: "MEM USAGE / LIMIT",
  MemPerc: "MEM %",
  NetIO: "NET I/O",
  BlockIO: "BLOCK I/O",
  PIDs: "PIDS",
});

/** The numbers the docker CLI derives from one sample (cgroup v1 rules). */
export interface StatsFigures {
  readonly cpuPercent: number;
  readonly memoryBytes: number;
  readonly memoryLimitBytes: number;
  readonly memoryPercent: number;
  readonly networkRxBytes: number;
  readonly networkTxBytes: number;
  readonly blockReadBytes: number;
  readonly blockWriteBytes: number;
  readonly pids: number;
}

/**
 * CPU % from the change since `precpu_stats` (scaled by the online CPUs), memory without the
 * inactive page cache, network and block I/O summed, as the docker CLI computes them.
 */
export function statsFigures(stats: ContainerStats): StatsFigures {
  const cpuDelta = stats.cpu_stats.cpu_usage.total_usage - stats.precpu_stats.cpu_usage.total_usage;
  const systemDelta =
    (stats.cpu_stats.system_cpu_usage ?? 0) - (stats.precpu_stats.system_cpu_usage ?? 0);
  const cpus = stats.cpu_stats.online_cpus ?? stats.cpu_stats.cpu_usage.percpu_usage?.length ?? 0;
  const cpuPercent = systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
  const usage = stats.memory_stats.usage ?? 0;
  const inactive = stats.memory_stats.stats?.total_inactive_file ?? 0;
  const memoryBytes = inactive < usage ? usage - inactive : usage;
  const limit = stats.memory_stats.limit ?? 0;
  const interfaces = Object.values(stats.networks ?? {});
  const blocks = (stats.blkio_stats.io_service_bytes_recursive ?? []) as readonly {
    op?: string;
    value?: number;
  }[];
  const blockSum = (op: string): number =>
    blocks
      .filter((entry) => entry.op?.toLowerCase() === op)
      .reduce((sum, entry) => sum + (entry.value ?? 0), 0);
  return {
    cpuPercent,
    memoryBytes,
    memoryLimitBytes: limit,
    memoryPercent: limit === 0 ? 0 : (memoryBytes / limit) * 100,
    networkRxBytes: interfaces.reduce((sum, network) => sum + network.rx_bytes, 0),
    networkTxBytes: interfaces.reduce((sum, network) => sum + network.tx_bytes, 0),
    blockReadBytes: blockSum("read"),
    blockWriteBytes: blockSum("write"),
    pids: stats.pids_stats.current ?? 0,
  };
}

function percent(value: number): string {
  return `${formatGoFloat(value, "f", 2)}%`;
}

/** The CLI's `*container.statsContext` for one container's latest sample. */
export function statsContext(
  stats: ContainerStats,
  options: { container: string; trunc: boolean },
): GoStruct {
  const figures = statsFigures(stats);
  const name = stats.name.replace(/^\//, "");
  return contextStruct({
    typeName: "container.statsContext",
    getters: {
      BlockIO: () =>
        `${humanSizeWithPrecision(figures.blockReadBytes, 3)} / ${humanSizeWithPrecision(figures.blockWriteBytes, 3)}`,
      CPUPerc: () => percent(figures.cpuPercent),
      Container: () => options.container,
      ID: () => (options.trunc ? truncateId(stats.id) : stats.id),
      MemPerc: () => percent(figures.memoryPercent),
      MemUsage: () => `${bytesSize(figures.memoryBytes)} / ${bytesSize(figures.memoryLimitBytes)}`,
      Name: () => (name === "" ? "--" : name),
      NetIO: () =>
        `${humanSizeWithPrecision(figures.networkRxBytes, 3)} / ${humanSizeWithPrecision(figures.networkTxBytes, 3)}`,
      PIDs: () => String(figures.pids),
    },
  });
}
