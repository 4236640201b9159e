import type { ContainerSummary } from "../../engine/api-types.ts";
import { CliError } from "../cli-error.ts";
import type { CommandSpec } from "../command-spec.ts";
import {
  CONTAINER_HEADER,
  containerContext,
  PS_TABLE,
  PS_TABLE_SIZE,
} from "../formatter/container-context.ts";
import { parseFormat, renderRows, resolveFormat } from "../formatter/format-writer.ts";
import { TemplateError } from "../go-template/template-error.ts";
import { clientNowUs, filtersOf, out } from "./common.ts";
import { FORMAT_TABLE_FLAG, filterFlag, NO_TRUNC_FLAG, quietFlag } from "./shared-flags.ts";

/** An empty container the CLI runs a `--format` on first, to validate it and see which fields it reads. */
const PROBE: ContainerSummary = {
  Id: "",
  Names: [],
  Image: "",
  ImageID: "",
  Command: "",
  Created: 0,
  Ports: [],
  Labels: {},
  State: "created",
  Status: "",
  HostConfig: { NetworkMode: "" },
  NetworkSettings: { Networks: {} },
  Mounts: [],
};

/** `docker ps` / `docker container ls`. */
export const psCommand: CommandSpec = {
  name: "ps",
  useArgs: "[OPTIONS]",
  short: "List containers",
  aliases: "docker container ls, docker container list, docker container ps, docker ps",
  args: { kind: "none" },
  flags: [
    {
      name: "all",
      short: "a",
      type: "bool",
      usage: "Show all containers (default shows just running)",
    },
    filterFlag("Filter output based on conditions provided"),
    FORMAT_TABLE_FLAG,
    {
      name: "last",
      short: "n",
      type: "int",
      defaultValue: -1,
      usage: "Show n last created containers (includes all states)",
    },
    {
      name: "latest",
      short: "l",
      type: "bool",
      usage: "Show the latest created container (includes all states)",
    },
    NO_TRUNC_FLAG,
    quietFlag("Only display container IDs"),
    { name: "size", short: "s", type: "bool", usage: "Display total file sizes" },
  ],
  async run(engine, args, io) {
    const quiet = args.bool("quiet");
    const userFormat = args.string("format");
    let size = args.bool("size");
    if (userFormat !== "" && !quiet) {
      const used = probeFields(userFormat);
      if (!args.has("size") && used.has("Size")) size = true;
    }
    const last = args.bool("latest") ? 1 : args.int("last");
    const containers = await engine.containerList({
      all: args.bool("all") || last > 0,
      ...(last > 0 ? { limit: last } : {}),
      size,
      filters: filtersOf(args.strings("filter")),
    });
    const defaultTable = quiet ? "{{.ID}}" : size ? PS_TABLE_SIZE : PS_TABLE;
    const format = resolveFormat(quiet ? "" : userFormat, defaultTable);
    const nowUs = await clientNowUs(engine, io);
    const trunc = !args.bool("no-trunc");
    const rows = containers.map((container) => containerContext(container, { trunc, nowUs }));
    out(io, renderRows({ format, rows, header: CONTAINER_HEADER }));
    return 0;
  },
};

/**
 * Runs the format on an empty container, as the CLI does before listing: a template error stops
 * here (`failed to parse template` / `failed to execute template`), and the fields read decide
 * whether sizes are requested.
 */
function probeFields(format: string): Set<string> {
  const used = new Set<string>();
  const template = parseFormat(format, "failed to parse template");
  const probe = containerContext(PROBE, {
    trunc: true,
    nowUs: 0,
    onField: (name) => used.add(name),
  });
  try {
    template.execute(probe);
  } catch (error) {
    if (error instanceof TemplateError) {
      throw new CliError({ status: `failed to execute template: ${error.message}`, exitCode: 1 });
    }
    throw error;
  }
  return used;
}
