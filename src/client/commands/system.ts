import type { ImageDeleteItem, SystemDf } from "../../engine/api-types.ts";
import { familiarName, parseNormalizedNamed } from "../../image/reference.ts";
import type { CommandSpec } from "../command-spec.ts";
import { humanSize } from "../format/units.ts";
import { CONTAINER_HEADER, containerContext } from "../formatter/container-context.ts";
import { DISK_USAGE_HEADER, DISK_USAGE_TABLE, diskUsageRows } from "../formatter/disk-usage.ts";
import { parseFormat, renderRows, resolveFormat } from "../formatter/format-writer.ts";
import { IMAGE_HEADER, imageContext } from "../formatter/image-context.ts";
import { VOLUME_HEADER, volumeContext } from "../formatter/volume-context.ts";
import { clientNowUs, filtersOf, out } from "./common.ts";
import { confirm } from "./confirm.ts";
import { FORMAT_TABLE_FLAG, PRUNE_FORCE_FLAG } from "./shared-flags.ts";

const IMAGES_VERBOSE =
  "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
const CONTAINERS_VERBOSE =
  "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}";
const VOLUMES_VERBOSE = "table {{.Name}}\t{{.Links}}\t{{.Size}}";
const CACHE_VERBOSE =
  "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}";

/** The repository and tag `system df -v` shows: the first tag only. */
function firstTag(tags: readonly string[] | null): { repository: string; tag: string } {
  const first = tags?.[0];
  if (first === undefined || first === "<none>:<none>")
    return { repository: "<none>", tag: "<none>" };
  try {
    const named = parseNormalizedNamed(first, { dialect: "cli" });
    if (named.tag !== undefined) return { repository: familiarName(named), tag: named.tag };
  } catch {
    // Left as <none>, as the CLI does.
  }
  return { repository: "<none>", tag: "<none>" };
}

function verbose(df: SystemDf, nowUs: number): string {
  const images = df.Images.map((image) =>
    imageContext({ image, ...firstTag(image.RepoTags), digest: "" }, { trunc: true, nowUs }),
  );
  const containers = df.Containers.map((container) =>
    containerContext(container, { trunc: true, nowUs, diskUsage: true }),
  );
  const volumes = df.Volumes.map(volumeContext);
  const table = (
    template: string,
    rows: readonly ReturnType<typeof volumeContext>[],
    header: ReturnType<typeof volumeContext>,
  ) => renderRows({ format: resolveFormat(template, template), rows, header });
  const cacheSize = ((df.BuildCache ?? []) as readonly { Size?: number }[]).reduce(
    (sum, item) => sum + (item.Size ?? 0),
    0,
  );
  return (
    `Images space usage:\n\n${table(IMAGES_VERBOSE, images, IMAGE_HEADER)}\n` +
    `Containers space usage:\n\n${table(CONTAINERS_VERBOSE, containers, CONTAINER_HEADER)}\n` +
    `Local Volumes space usage:\n\n${table(VOLUMES_VERBOSE, volumes, VOLUME_HEADER)}\n` +
    `Build cache usage: ${humanSize(cacheSize)}\n\n` +
    renderRows({
      format: resolveFormat(CACHE_VERBOSE, CACHE_VERBOSE),
      rows: [],
      header: CACHE_HEADER,
    })
  );
}

import { headerStruct } from "../formatter/context-struct.ts";

const CACHE_HEADER = headerStruct({
  ID: "CACHE ID",
  CacheType: "CACHE TYPE",
  Size: "SIZE",
  CreatedSince: "CREATED",
  LastUsedSince: "LAST USED",
  UsageCount: "USAGE",
  Shared: "SHARED",
});

/** `docker system df`. */
export const systemDfCommand: CommandSpec = {
  name: "df",
  useArgs: "[OPTIONS]",
  short: "Show docker disk usage",
  args: { kind: "none" },
  flags: [
    FORMAT_TABLE_FLAG,
    {
      name: "verbose",
      short: "v",
      type: "bool",
      usage: "Show detailed information on space usage",
    },
  ],
  async run(engine, args, io) {
    const format = resolveFormat(args.string("format"), DISK_USAGE_TABLE);
    const template = parseFormat(format.template);
    const df = await engine.systemDf();
    if (args.bool("verbose") && args.string("format") === "") {
      out(io, verbose(df, await clientNowUs(engine, io)));
      return 0;
    }
    out(io, renderRows({ format, rows: diskUsageRows(df), header: DISK_USAGE_HEADER, template }));
    return 0;
  },
};

const SYSTEM_PRUNE_WARNING = (all: boolean, volumes: boolean) =>
  [
    "WARNING! This will remove:",
    "  - all stopped containers",
    "  - all networks not used by at least one container",
    ...(volumes ? ["  - all anonymous volumes not used by at least one container"] : []),
    all
      ? "  - all images without at least one container associated to them"
      : "  - all dangling images",
    "  - unused build cache",
    "",
  ].join("\n");

function section(title: string, lines: readonly string[]): string {
  return lines.length === 0 ? "" : `${title}:\n${lines.join("\n")}\n\n`;
}

/** `docker system prune` (containers, images, and with `--volumes` volumes; networks are not pruned). */
export const systemPruneCommand: CommandSpec = {
  name: "prune",
  useArgs: "[OPTIONS]",
  short: "Remove unused data",
  args: { kind: "none" },
  flags: [
    {
      name: "all",
      short: "a",
      type: "bool",
      usage: "Remove all unused images not just dangling ones",
    },
    { name: "filter", type: "filter", usage: 'Provide filter values (e.g. "label=<key>=<value>")' },
    PRUNE_FORCE_FLAG,
    { name: "volumes", type: "bool", usage: "Prune anonymous volumes" },
  ],
  async run(engine, args, io) {
    const all = args.bool("all");
    const withVolumes = args.bool("volumes");
    if (!args.bool("force") && !(await confirm(io, SYSTEM_PRUNE_WARNING(all, withVolumes))))
      return 0;
    const filters = filtersOf(args.strings("filter"));
    const containers = await engine.containerPrune({ filters });
    const volumes = withVolumes ? await engine.volumePrune({ filters }) : undefined;
    const images = await engine.imagePrune({
      filters: { ...filters, dangling: [all ? "false" : "true"] },
    });
    const imageLines = (images.deleted as readonly ImageDeleteItem[]).map((item) =>
      "Untagged" in item ? `untagged: ${item.Untagged}` : `deleted: ${item.Deleted}`,
    );
    const total =
      containers.SpaceReclaimed + (volumes?.SpaceReclaimed ?? 0) + images.SpaceReclaimed;
    out(
      io,
      section("Deleted Containers", containers.deleted as readonly string[]) +
        section("Deleted Volumes", (volumes?.deleted ?? []) as readonly string[]) +
        section("Deleted Images", imageLines) +
        `Total reclaimed space: ${humanSize(total)}\n`,
    );
    return 0;
  },
};
