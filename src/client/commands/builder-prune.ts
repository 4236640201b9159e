import type { CommandSpec } from "../command-spec.ts";
import { parseMemoryBytes } from "../flags/memory-bytes.ts";
import { humanSize } from "../format/units.ts";
import { BANNER_DEFAULT, BANNER_DISABLED } from "./build.ts";
import { filtersOf, out } from "./common.ts";
import { confirm } from "./confirm.ts";
import { PRUNE_FORCE_FLAG } from "./shared-flags.ts";

/**
 * `docker builder prune` (the CLI without buildx, as docker CLI 28.2 runs it against dockerd
 * 20.10): the legacy builder's notice on stderr, a one-line prompt, `Deleted build cache
 * objects:` when any went, and `Total reclaimed space:`.
 */
export const builderPruneCommand: CommandSpec = {
  name: "prune",
  useArgs: "",
  short: "Remove build cache",
  args: { kind: "none" },
  flags: [
    {
      name: "all",
      short: "a",
      type: "bool",
      usage: "Remove all unused build cache, not just\ndangling ones",
    },
    { name: "filter", type: "filter", usage: 'Provide filter values (e.g. "until=24h")' },
    PRUNE_FORCE_FLAG,
    {
      name: "keep-storage",
      type: "string",
      valueName: "bytes",
      usage: "Amount of disk space to keep for cache",
      validate: (value) => {
        const parsed = parseMemoryBytes(value);
        return typeof parsed === "number" ? undefined : parsed.error;
      },
    },
  ],
  async run(engine, args, io) {
    const buildkit = io.env.DOCKER_BUILDKIT;
    io.stderr.write(buildkit === "0" || buildkit === "false" ? BANNER_DISABLED : BANNER_DEFAULT);
    const all = args.bool("all");
    const warning = all
      ? "WARNING! This will remove all build cache."
      : "WARNING! This will remove all dangling build cache.";
    if (!args.bool("force") && !(await confirm(io, warning, { sameLine: true }))) return 0;
    const report = await engine.buildPrune({ all, filters: filtersOf(args.strings("filter")) });
    const deleted = report.CachesDeleted ?? [];
    const listing =
      deleted.length === 0 ? "" : `Deleted build cache objects:\n${deleted.join("\n")}\n\n`;
    out(io, `${listing}Total reclaimed space: ${humanSize(report.SpaceReclaimed)}\n`);
    return 0;
  },
};
