import type { SystemDf } from "../../engine/api-types.ts";
import { humanSize } from "../format/units.ts";
import type { GoStruct } from "../go-template/go-value.ts";
import { contextStruct, headerStruct } from "./context-struct.ts";

/** `docker system df`'s default table. */
export const DISK_USAGE_TABLE =
  "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";

/** Column headers of the disk usage summary. */
export const DISK_USAGE_HEADER: GoStruct = headerStruct({
  Type: "TYPE",
  TotalCount: "TOTAL",
  Active: "ACTIVE",
  Size: "SIZE",
  Reclaimable: "RECLAIMABLE",
});

function withPercent(reclaimable: number, total: number): string {
  if (total <= 0) return humanSize(reclaimable);
  return `${humanSize(reclaimable)} (${Math.trunc((reclaimable * 100) / total)}%)`;
}

function row(
  type: string,
  counts: { total: number; active: number; size: number; reclaimable: string },
): GoStruct {
  return contextStruct({
    typeName: "formatter.diskUsageContext",
    getters: {
      Active: () => String(counts.active),
      Reclaimable: () => counts.reclaimable,
      Size: () => humanSize(counts.size),
      TotalCount: () => String(counts.total),
      Type: () => type,
    },
  });
}

function isActive(state: string): boolean {
  return state.includes("running") || state.includes("paused") || state.includes("restarting");
}

/** The four summary rows of `docker system df` (images, containers, local volumes, build cache). */
export function diskUsageRows(df: SystemDf): GoStruct[] {
  const images = df.Images;
  let used = 0;
  for (const image of images) {
    if (image.Containers !== 0 && image.Size !== -1 && image.SharedSize !== -1)
      used += image.Size - image.SharedSize;
  }
  const layers = df.LayersSize;
  const containers = df.Containers;
  const containerSize = containers.reduce((sum, container) => sum + (container.SizeRw ?? 0), 0);
  const containerFree = containers
    .filter((container) => !isActive(container.State))
    .reduce((sum, container) => sum + (container.SizeRw ?? 0), 0);
  const volumes = df.Volumes;
  const volumeSize = volumes.reduce(
    (sum, volume) => sum + Math.max(volume.UsageData?.Size ?? 0, 0),
    0,
  );
  const volumeFree = volumes
    .filter((volume) => (volume.UsageData?.RefCount ?? 0) === 0)
    .reduce((sum, volume) => sum + Math.max(volume.UsageData?.Size ?? 0, 0), 0);
  const cache = (df.BuildCache ?? []) as readonly {
    InUse?: boolean;
    Shared?: boolean;
    Size?: number;
  }[];
  const cacheSize = cache
    .filter((item) => item.Shared !== true)
    .reduce((sum, item) => sum + (item.Size ?? 0), 0);
  const cacheFree = cache
    .filter((item) => item.Shared !== true && item.InUse !== true)
    .reduce((sum, item) => sum + (item.Size ?? 0), 0);
  return [
    row("Images", {
      total: images.length,
      active: images.filter((image) => image.Containers > 0).length,
      size: layers,
      reclaimable: withPercent(layers - used, layers),
    }),
    row("Containers", {
      total: containers.length,
      active: containers.filter((container) => isActive(container.State)).length,
      size: containerSize,
      reclaimable: withPercent(containerFree, containerSize),
    }),
    row("Local Volumes", {
      total: volumes.length,
      active: volumes.filter((volume) => (volume.UsageData?.RefCount ?? 0) > 0).length,
      size: volumeSize,
      reclaimable: withPercent(volumeFree, volumeSize),
    }),
    row("Build Cache", {
      total: cache.length,
      active: cache.filter((item) => item.InUse === true).length,
      size: cacheSize,
      reclaimable: humanSize(cacheFree),
    }),
  ];
}
