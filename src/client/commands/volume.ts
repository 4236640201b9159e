import type { CommandSpec } from "../command-spec.ts";
import { humanSize } from "../format/units.ts";
import { parseFormat, renderRows, resolveFormat } from "../formatter/format-writer.ts";
import { naturalCompare } from "../formatter/natural-less.ts";
import { VOLUME_HEADER, VOLUME_TABLE, volumeContext } from "../formatter/volume-context.ts";
import { filtersOf, forEachName, out } from "./common.ts";
import { confirm } from "./confirm.ts";
import { typedInspectCommand } from "./inspect.ts";
import { FORMAT_TABLE_FLAG, filterFlag, PRUNE_FORCE_FLAG, quietFlag } from "./shared-flags.ts";

function mapOf(values: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf("=");
    if (equals < 0) map[value] = "";
    else map[value.slice(0, equals)] = value.slice(equals + 1);
  }
  return map;
}

/** `docker volume create`. */
export const volumeCreateCommand: CommandSpec = {
  name: "create",
  useArgs: "[OPTIONS] [VOLUME]",
  short: "Create a volume",
  args: { kind: "max", count: 1 },
  flags: [
    {
      name: "driver",
      short: "d",
      type: "string",
      defaultValue: "local",
      usage: "Specify volume driver name",
    },
    { name: "label", type: "list", usage: "Set metadata for a volume" },
    {
      name: "opt",
      short: "o",
      type: "list",
      valueName: "map",
      usage: "Set driver specific options (default map[])",
    },
  ],
  async run(engine, args, io) {
    const volume = await engine.volumeCreate({
      Driver: args.string("driver"),
      DriverOpts: mapOf(args.strings("opt")),
      Labels: mapOf(args.strings("label")),
      ...(args.positional[0] === undefined ? {} : { Name: args.positional[0] }),
    });
    out(io, `${volume.Name}\n`);
    return 0;
  },
};

/** `docker volume ls`. */
export const volumeLsCommand: CommandSpec = {
  name: "ls",
  useArgs: "[OPTIONS]",
  short: "List volumes",
  aliases: "docker volume ls, docker volume list",
  args: { kind: "none" },
  flags: [
    filterFlag('Provide filter values (e.g. "dangling=true")'),
    FORMAT_TABLE_FLAG,
    quietFlag("Only display volume names"),
  ],
  async run(engine, args, io) {
    const quiet = args.bool("quiet");
    const format = resolveFormat(
      quiet ? "" : args.string("format"),
      quiet ? "{{.Name}}" : VOLUME_TABLE,
    );
    const template = parseFormat(format.template);
    const { Volumes } = await engine.volumeList({ filters: filtersOf(args.strings("filter")) });
    const sorted = [...Volumes].sort((left, right) => naturalCompare(left.Name, right.Name));
    out(
      io,
      renderRows({ format, rows: sorted.map(volumeContext), header: VOLUME_HEADER, template }),
    );
    return 0;
  },
};

/** `docker volume inspect`. */
export const volumeInspectCommand: CommandSpec = typedInspectCommand("volume", {
  useArgs: "[OPTIONS] VOLUME [VOLUME...]",
  short: "Display detailed information on one or more volumes",
});

/** `docker volume rm`. */
export const volumeRmCommand: CommandSpec = {
  name: "rm",
  useArgs: "[OPTIONS] VOLUME [VOLUME...]",
  short: "Remove one or more volumes",
  long: "Remove one or more volumes. You cannot remove a volume that is in use by a container.",
  aliases: "docker volume rm, docker volume remove",
  args: { kind: "min", count: 1 },
  flags: [
    { name: "force", short: "f", type: "bool", usage: "Force the removal of one or more volumes" },
  ],
  run(engine, args, io) {
    const force = args.bool("force");
    return forEachName(io, args.positional, async (name) => {
      await engine.volumeRemove(name, { force });
      return name;
    });
  },
};

/** `docker volume prune`. */
export const volumePruneCommand: CommandSpec = {
  name: "prune",
  useArgs: "[OPTIONS]",
  short: "Remove unused local volumes",
  args: { kind: "none" },
  flags: [
    { name: "filter", type: "filter", usage: 'Provide filter values (e.g. "label=<label>")' },
    PRUNE_FORCE_FLAG,
  ],
  async run(engine, args, io) {
    const warning =
      "WARNING! This will remove all local volumes not used by at least one container.";
    if (!args.bool("force") && !(await confirm(io, warning))) return 0;
    const report = await engine.volumePrune({ filters: filtersOf(args.strings("filter")) });
    const names = report.deleted as readonly string[];
    const deleted = names.length === 0 ? "" : `Deleted Volumes:\n${names.join("\n")}\n\n`;
    out(io, `${deleted}Total reclaimed space: ${humanSize(report.SpaceReclaimed)}\n`);
    return 0;
  },
};
