import type { Filters, ImageSummary } from "../engine/api-types.ts";
import type { Image } from "../image/image.ts";
import { familiarName, familiarString } from "../image/reference.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { allLabelsMatch, booleanFilter, checkFilterKeys, filterValues } from "./filters.ts";
import { globMatch } from "./glob-match.ts";
import { createdUs, summarizeImage } from "./image-views.ts";

const IMAGE_FILTERS = ["before", "dangling", "label", "reference", "since"];

/**
 * `docker images` as dockerd 20.10 lists them: newest first; without `all`, images that other
 * images are built on and that have no name are hidden (intermediates); an untagged image
 * shows as `<none>:<none>`; filters `dangling`, `label`, `reference` (Go `path.Match` on the
 * familiar name or name:tag), `before`/`since` (by creation time).
 */
export function listImages(
  ctx: DaemonContext,
  options: { all?: boolean; filters?: Filters } = {},
): ImageSummary[] {
  const filters = options.filters ?? {};
  checkFilterKeys(filters, IMAGE_FILTERS);
  const dangling = booleanFilter(filters, "dangling");
  const before = boundary(ctx, filterValues(filters, "before"));
  const since = boundary(ctx, filterValues(filters, "since"));
  const patterns = filterValues(filters, "reference");
  const rows: ImageSummary[] = [];
  for (const image of ctx.images.list()) {
    const created = createdUs(image);
    if (before !== undefined && created >= before) continue;
    if (since !== undefined && created <= since) continue;
    if (!allLabelsMatch(filters, image.config.config?.labels ?? null)) continue;
    const references = ctx.images.references
      .referencesOf(image.id)
      .filter(
        (ref) =>
          patterns.length === 0 ||
          patterns.some(
            (pattern) =>
              globMatch(pattern, familiarName(ref)) || globMatch(pattern, familiarString(ref)),
          ),
      );
    const tags = references.filter((ref) => ref.digest === undefined).map(familiarString);
    const digests = references.filter((ref) => ref.digest !== undefined).map(familiarString);
    if (tags.length === 0 && digests.length === 0) {
      if (!(options.all === true || ctx.images.childrenOf(image.id).length === 0)) continue;
      if (dangling === false || patterns.length > 0) continue;
      rows.push(
        summarizeImage(ctx, image, { repoTags: ["<none>:<none>"], repoDigests: ["<none>@<none>"] }),
      );
      continue;
    }
    if (dangling === true && tags.length > 0) continue;
    rows.push(
      summarizeImage(ctx, image, {
        repoTags: tags.length === 0 ? null : tags,
        repoDigests: digests.length === 0 ? null : digests,
      }),
    );
  }
  // dockerd sorts by whole seconds (ties fall in Go map order); the full creation time keeps
  // the newest first within a second, and the ID makes the order total.
  const created = new Map(ctx.images.list().map((image) => [image.id as string, createdUs(image)]));
  return rows.sort(
    (a, b) =>
      (created.get(b.Id) ?? 0) - (created.get(a.Id) ?? 0) ||
      (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0),
  );
}

/** Creation instant of a `before`/`since` image; `No such image: …` if it does not exist. */
function boundary(ctx: DaemonContext, values: readonly string[]): number | undefined {
  const value = values[0];
  if (value === undefined) return undefined;
  const image: Image = ctx.images.resolve(value);
  return createdUs(image);
}
