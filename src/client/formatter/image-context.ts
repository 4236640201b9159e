import type { ImageSummary } from "../../engine/api-types.ts";
import { familiarName, parseNormalizedNamed } from "../../image/reference.ts";
import { goTimeString, truncateId } from "../format/text.ts";
import { humanDuration, humanSize, humanSizeWithPrecision } from "../format/units.ts";
import type { GoStruct } from "../go-template/go-value.ts";
import { contextStruct, headerStruct } from "./context-struct.ts";

/** `docker images`'s default tables. */
export const IMAGES_TABLE =
  "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
export const IMAGES_TABLE_DIGESTS =
  "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";

/** Column headers of the image context. */
export const IMAGE_HEADER: GoStruct = headerStruct({
  ID: "IMAGE ID",
  Repository: "REPOSITORY",
  Tag: "TAG",
  Digest: "DIGEST",
  CreatedSince: "CREATED",
  CreatedAt: "CREATED AT",
  Size: "SIZE",
  Containers: "CONTAINERS",
  VirtualSize: "VIRTUAL SIZE",
  SharedSize: "SHARED SIZE",
  UniqueSize: "UNIQUE SIZE",
});

/** One row of `docker images`: an image under one repository, tag and digest. */
export interface ImageRow {
  readonly image: ImageSummary;
  readonly repository: string;
  readonly tag: string;
  readonly digest: string;
}

function isDangling(image: ImageSummary): boolean {
  const tags = image.RepoTags ?? [];
  const digests = image.RepoDigests ?? [];
  if (tags.length === 0 && digests.length === 0) return true;
  return (
    tags.length === 1 &&
    tags[0] === "<none>:<none>" &&
    digests.length === 1 &&
    digests[0] === "<none>@<none>"
  );
}

function groupBy(refs: readonly string[], part: "tag" | "digest"): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const text of refs) {
    try {
      const reference = parseNormalizedNamed(text, { dialect: "cli" });
      const value = part === "tag" ? reference.tag : reference.digest;
      if (value === undefined) continue;
      const name = familiarName(reference);
      groups.set(name, [...(groups.get(name) ?? []), value]);
    } catch {
      // The CLI skips references it cannot parse.
    }
  }
  return groups;
}

/**
 * Expands images into `docker images` rows as the CLI does: a dangling image is one
 * `<none> <none>` row; otherwise one row per repository and tag (and per digest with
 * `--digests`), then rows for repositories known only by digest. Go iterates maps in random
 * order; drydock sorts repositories by name.
 */
export function imageRows(
  images: readonly ImageSummary[],
  options: { digests: boolean },
): ImageRow[] {
  const rows: ImageRow[] = [];
  for (const image of images) {
    if (isDangling(image)) {
      rows.push({ image, repository: "<none>", tag: "<none>", digest: "<none>" });
      continue;
    }
    const tags = groupBy(image.RepoTags ?? [], "tag");
    const digests = groupBy(image.RepoDigests ?? [], "digest");
    for (const repository of [...tags.keys()].sort()) {
      const repoDigests = options.digests ? (digests.get(repository) ?? []) : [];
      digests.delete(repository);
      for (const tag of tags.get(repository)!) {
        if (repoDigests.length === 0) rows.push({ image, repository, tag, digest: "<none>" });
        for (const digest of repoDigests) rows.push({ image, repository, tag, digest });
      }
    }
    for (const repository of [...digests.keys()].sort()) {
      if (!options.digests) {
        rows.push({ image, repository, tag: "<none>", digest: "" });
        continue;
      }
      for (const digest of digests.get(repository)!)
        rows.push({ image, repository, tag: "<none>", digest });
    }
  }
  return rows;
}

const US_PER_SECOND = 1_000_000;

/** `docker images`'s `*formatter.imageContext` for one row. */
export function imageContext(row: ImageRow, options: { trunc: boolean; nowUs: number }): GoStruct {
  const { image } = row;
  return contextStruct({
    typeName: "formatter.imageContext",
    getters: {
      Containers: () => (image.Containers === -1 ? "N/A" : String(image.Containers)),
      CreatedAt: () => goTimeString(image.Created * US_PER_SECOND),
      CreatedSince: () =>
        image.Created === 0
          ? "N/A"
          : `${humanDuration(options.nowUs - image.Created * US_PER_SECOND)} ago`,
      Digest: () => row.digest,
      ID: () => (options.trunc ? truncateId(image.Id) : image.Id),
      Repository: () => row.repository,
      SharedSize: () => (image.SharedSize === -1 ? "N/A" : humanSize(image.SharedSize)),
      Size: () => humanSizeWithPrecision(image.Size, 3),
      Tag: () => row.tag,
      UniqueSize: () =>
        image.SharedSize === -1 ? "N/A" : humanSize(image.Size - image.SharedSize),
      VirtualSize: () => humanSize(image.VirtualSize),
    },
  });
}
