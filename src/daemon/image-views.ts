import { formatRfc3339Nano, parseRfc3339 } from "../clock/time-format.ts";
import type { Digest } from "../digest/digest.ts";
import { digestHex } from "../digest/digest.ts";
import type { HistoryItem, ImageInspect, ImageSummary } from "../engine/api-types.ts";
import { chainIds } from "../image/chain-id.ts";
import { EMPTY_CONTAINER_CONFIG } from "../image/container-config.ts";
import type { Image } from "../image/image.ts";
import { GO_ZERO_TIME } from "../image/image-config.ts";
import { toApiConfig } from "./api-container-config.ts";
import { cacheId } from "./container-inspect.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { DOCKER_ROOT_DIR } from "./volume-store.ts";

/** An image's size as dockerd reports it: the sum of its layers' sizes. */
export function imageSizeBytes(ctx: DaemonContext, image: Image): number {
  return image.config.rootfs.diffIds.reduce((sum, diffId) => sum + ctx.layers.sizeOf(diffId), 0);
}

/** When the image was created, in microseconds (0 for Go's zero time). */
export function createdUs(image: Image): number {
  return Math.max(0, parseRfc3339(image.config.created ?? GO_ZERO_TIME) ?? 0);
}

/** `Created` in whole seconds, as the listing carries it. */
export function createdSeconds(image: Image): number {
  return Math.floor(createdUs(image) / 1_000_000);
}

/** One row of `docker images` (`Containers` and `SharedSize` are -1 outside `system df`). */
export function summarizeImage(
  ctx: DaemonContext,
  image: Image,
  options: { repoTags: readonly string[] | null; repoDigests: readonly string[] | null },
): ImageSummary {
  const size = imageSizeBytes(ctx, image);
  return {
    Containers: -1,
    Created: createdSeconds(image),
    Id: image.id,
    Labels: image.config.config?.labels ?? null,
    ParentId: ctx.images.parentOf(image.id) ?? "",
    RepoDigests: options.repoDigests,
    RepoTags: options.repoTags,
    SharedSize: -1,
    Size: size,
    VirtualSize: size,
  };
}

/** `docker image inspect`: the shape of `examples/image-inspect.response.json`. */
export function inspectImage(ctx: DaemonContext, image: Image): ImageInspect {
  const config = image.config;
  const size = imageSizeBytes(ctx, image);
  const lastTag = ctx.images.lastTagTimeUs(image.id);
  return {
    Id: image.id,
    RepoTags: ctx.images.repoTags(image.id),
    RepoDigests: ctx.images.repoDigests(image.id),
    Parent: ctx.images.parentOf(image.id) ?? "",
    Comment: config.comment ?? "",
    Created: config.created ?? GO_ZERO_TIME,
    Container: config.container ?? "",
    ContainerConfig: toApiConfig(config.containerConfig ?? EMPTY_CONTAINER_CONFIG),
    DockerVersion: config.dockerVersion ?? "",
    Author: config.author ?? "",
    Config: config.config === undefined ? null : toApiConfig(config.config),
    Architecture: config.architecture,
    ...(config.variant === undefined ? {} : { Variant: config.variant }),
    Os: config.os,
    Size: size,
    VirtualSize: size,
    GraphDriver: { Data: graphDriverData(config.rootfs.diffIds), Name: "overlay2" },
    RootFS:
      config.rootfs.diffIds.length === 0
        ? { Type: config.rootfs.type }
        : { Type: config.rootfs.type, Layers: config.rootfs.diffIds },
    Metadata: { LastTagTime: lastTag === undefined ? GO_ZERO_TIME : formatRfc3339Nano(lastTag) },
  };
}

function graphDriverData(diffIds: readonly Digest[]): Record<string, string> | null {
  const dirs = [...chainIds(diffIds)]
    .reverse()
    .map((chain) => `${DOCKER_ROOT_DIR}/overlay2/${cacheId(digestHex(chain))}`);
  const [top, ...lower] = dirs;
  if (top === undefined) return null;
  return {
    ...(lower.length === 0 ? {} : { LowerDir: lower.map((dir) => `${dir}/diff`).join(":") }),
    MergedDir: `${top}/merged`,
    UpperDir: `${top}/diff`,
    WorkDir: `${top}/work`,
  };
}

/**
 * `docker history`: one row per history entry, newest first. Rows are matched to the image and
 * its parents (one image per builder step); rows past the last known parent are `<missing>`.
 * Sizes are the layers' own sizes for entries that made a layer.
 */
export function imageHistory(ctx: DaemonContext, image: Image): HistoryItem[] {
  const diffIds = image.config.rootfs.diffIds;
  let layer = 0;
  const rows = (image.config.history ?? []).map((entry) => {
    const size =
      entry.emptyLayer === true || layer >= diffIds.length
        ? 0
        : ctx.layers.sizeOf(diffIds[layer++]!);
    return {
      Id: "<missing>",
      Created: Math.floor((parseRfc3339(entry.created ?? GO_ZERO_TIME) ?? 0) / 1_000_000),
      CreatedBy: entry.createdBy ?? "",
      Tags: null as readonly string[] | null,
      Size: size,
      Comment: entry.comment ?? "",
    };
  });
  rows.reverse();
  let current: Digest | undefined = image.id;
  for (const row of rows) {
    if (current === undefined || !ctx.images.has(current)) break;
    row.Id = current;
    const tags = ctx.images.repoTags(current);
    row.Tags = tags.length === 0 ? null : tags;
    current = ctx.images.parentOf(current);
  }
  return rows;
}
