import type { Digest } from "../digest/digest.ts";
import { digestHex } from "../digest/digest.ts";
import type { Filters, ImageDeleteItem, PruneReport } from "../engine/api-types.ts";
import { isDrydockError } from "../errors/drydock-error.ts";
import { formatReference } from "../image/reference.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { allLabelsMatch, booleanFilter, checkFilterKeys, filterValues } from "./filters.ts";
import { removeImage } from "./image-remove.ts";
import { createdUs } from "./image-views.ts";
import { parseTimestamp } from "./timestamp.ts";

/**
 * `docker image prune` as dockerd 20.10 does it: by default the dangling images that nothing is
 * built on (untagged heads); with `dangling=false` every unused image. Each goes through the
 * ordinary `rmi` path (no force, parents pruned); images that refuse (in use) are skipped.
 */
export function pruneImages(ctx: DaemonContext, options: { filters?: Filters } = {}): PruneReport {
  const filters = options.filters ?? {};
  checkFilterKeys(filters, ["dangling", "label", "label!", "until"]);
  const danglingOnly = booleanFilter(filters, "dangling") ?? true;
  const until = filterValues(filters, "until")[0];
  const untilUs = until === undefined ? undefined : parseTimestamp(until, ctx.clock.nowUs());
  const sizes = new Map(
    ctx.images.layers
      .list()
      .map((layer) => [layer.chainId as string, ctx.layers.sizeOf(layer.diffId)]),
  );
  const candidates = ctx.images.list().filter((image) => {
    const references = ctx.images.references.referencesOf(image.id);
    const children = ctx.images.childrenOf(image.id);
    if (danglingOnly && children.length > 0) return false;
    if (references.length === 0 && children.length > 0) return false;
    if (untilUs !== undefined && createdUs(image) > untilUs) return false;
    return allLabelsMatch(filters, image.config.config?.labels ?? null);
  });
  const deleted: ImageDeleteItem[] = [];
  for (const image of candidates) {
    if (!ctx.images.has(image.id)) continue;
    const references = ctx.images.references.referencesOf(image.id);
    const names =
      references.length === 0
        ? [digestHex(image.id as Digest)]
        : danglingOnly && references.some((ref) => ref.digest === undefined)
          ? []
          : references.map(formatReference);
    for (const name of names) {
      try {
        deleted.push(...removeImage(ctx, name, { force: false, noprune: false }));
      } catch (error) {
        if (!isDrydockError(error)) throw error;
      }
    }
  }
  const reclaimed = deleted.reduce(
    (sum, item) => sum + ("Deleted" in item ? (sizes.get(item.Deleted) ?? 0) : 0),
    0,
  );
  return { deleted, SpaceReclaimed: reclaimed };
}
