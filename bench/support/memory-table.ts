/**
 * The memory part of the workflow bench: one `memory-probe.ts` process per host count (with
 * `--expose-gc`, so heap figures are after a full collection, and so each peak RSS is its own),
 * turned into a table with bytes per host and the blob pool against a copy per host.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { formatBytes, formatTable } from "./stats.ts";

/** What a probe prints. */
export interface MemoryProbeResult {
  readonly hosts: number;
  /** heapUsed + arrayBuffers after GC, with modules loaded, before the world is made. */
  readonly baselineBytes: number;
  /** The same once `dev` built and pushed and every other host pulled. */
  readonly afterBytes: number;
  readonly peakRssBytes: number;
  readonly pool: { blobCount: number; totalSizeBytes: number; referenceCount: number };
  /** `docker image inspect`'s Size of the app image on a pulling host. */
  readonly imageSizeBytes: number;
  readonly gc: boolean;
}

/** Runs one probe; throws with its stderr on failure. */
export function runMemoryProbe(options: {
  repo: string;
  hosts: number;
  payloadMib: number;
}): MemoryProbeResult {
  const result = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      "--import",
      "tsx",
      join(options.repo, "bench/support/memory-probe.ts"),
      String(options.hosts),
      String(options.payloadMib),
    ],
    { cwd: options.repo, encoding: "utf8" },
  );
  if (result.status !== 0)
    throw new Error(`memory probe (${options.hosts} hosts): ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as MemoryProbeResult;
}

/** The table's lines, from probes already run (in increasing host count). */
export function memoryTable(results: readonly MemoryProbeResult[]): string[] {
  const rows: string[][] = [
    [
      "hosts pulling",
      "heap+buffers",
      "growth",
      "per host",
      "per added host",
      "peak RSS",
      "pool blobs",
      "pool bytes",
      "pool refs",
      "a copy per host",
    ],
  ];
  let previous: { hosts: number; growth: number } | undefined;
  for (const result of results) {
    const growth = result.afterBytes - result.baselineBytes;
    // Growth between two host counts leaves out one-off costs of the first pull (shared trees).
    const added =
      previous === undefined
        ? undefined
        : (growth - previous.growth) / (result.hosts - previous.hosts);
    rows.push([
      String(result.hosts),
      formatBytes(result.afterBytes),
      formatBytes(growth),
      formatBytes(growth / result.hosts),
      formatBytes(added),
      formatBytes(result.peakRssBytes),
      String(result.pool.blobCount),
      formatBytes(result.pool.totalSizeBytes),
      String(result.pool.referenceCount),
      formatBytes(result.imageSizeBytes * result.hosts),
    ]);
    previous = { hosts: result.hosts, growth };
  }
  return formatTable(rows);
}

/** Runs the probes for each host count and returns the report's lines. */
export function measureMemory(options: {
  repo: string;
  hostCounts: readonly number[];
  payloadMib?: number;
}): string[] {
  const payloadMib = options.payloadMib ?? 4;
  const results = options.hostCounts.map((hosts) =>
    runMemoryProbe({ repo: options.repo, hosts, payloadMib }),
  );
  const first = results[0];
  const gc = first?.gc === true ? "after a full GC (--expose-gc)" : "without a forced GC";
  return [
    `memory: app image ${formatBytes(first?.imageSizeBytes)} (workflow context + ${payloadMib} MiB random payload); ` +
      `dev builds and pushes it, then N hosts each pull it; heap+buffers = heapUsed + arrayBuffers ${gc}; ` +
      "growth = from before the world was made (dev's build and push included); per added host = " +
      "growth between two host counts / hosts added; 'a copy per host' = image size × N",
    ...memoryTable(results),
  ];
}
