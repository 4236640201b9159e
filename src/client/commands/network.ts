import { isNotFound } from "../../errors/drydock-error.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseFormat, renderRows, resolveFormat } from "../formatter/format-writer.ts";
import { naturalCompare } from "../formatter/natural-less.ts";
import { NETWORK_HEADER, NETWORK_TABLE, networkContext } from "../formatter/network-context.ts";
import { filtersOf, forEachName, out } from "./common.ts";
import { typedInspectCommand } from "./inspect.ts";
import { consolidateIpam } from "./network-ipam-options.ts";
import { FORMAT_TABLE_FLAG, filterFlag, quietFlag } from "./shared-flags.ts";

function mapOf(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    values.map((value) => {
      const equals = value.indexOf("=");
      return equals < 0 ? [value, ""] : [value.slice(0, equals), value.slice(equals + 1)];
    }),
  );
}

/** `docker network create`. */
export const networkCreateCommand: CommandSpec = {
  name: "create",
  useArgs: "[OPTIONS] NETWORK",
  short: "Create a network",
  args: { kind: "exact", count: 1 },
  flags: [
    { name: "attachable", type: "bool", usage: "Enable manual container attachment" },
    {
      name: "aux-address",
      type: "list",
      valueName: "map",
      usage: "Auxiliary IPv4 or IPv6 addresses used by Network driver (default map[])",
    },
    {
      name: "driver",
      short: "d",
      type: "string",
      defaultValue: "bridge",
      usage: "Driver to manage the Network",
    },
    {
      name: "gateway",
      type: "stringArray",
      valueName: "strings",
      usage: "IPv4 or IPv6 Gateway for the master subnet",
    },
    { name: "internal", type: "bool", usage: "Restrict external access to the network" },
    {
      name: "ip-range",
      type: "stringArray",
      valueName: "strings",
      usage: "Allocate container ip from a sub-range",
    },
    { name: "label", type: "list", usage: "Set metadata on a network" },
    {
      name: "opt",
      short: "o",
      type: "list",
      valueName: "map",
      usage: "Set driver specific options (default map[])",
    },
    {
      name: "subnet",
      type: "stringArray",
      valueName: "strings",
      usage: "Subnet in CIDR format that represents a network segment",
    },
  ],
  async run(engine, args, io) {
    const config = consolidateIpam({
      subnets: args.strings("subnet"),
      ranges: args.strings("ip-range"),
      gateways: args.strings("gateway"),
      auxAddresses: mapOf(args.strings("aux-address")),
    });
    const { Id, Warning } = await engine.networkCreate({
      Name: args.positional[0]!,
      Driver: args.string("driver"),
      Internal: args.bool("internal"),
      Attachable: args.bool("attachable"),
      Labels: mapOf(args.strings("label")),
      Options: mapOf(args.strings("opt")),
      IPAM: { Driver: "default", Options: {}, Config: config },
      CheckDuplicate: true,
    });
    if (Warning !== "") io.stderr.write(`${Warning}\n`);
    out(io, `${Id}\n`);
    return 0;
  },
};

/** `docker network ls`. */
export const networkLsCommand: CommandSpec = {
  name: "ls",
  useArgs: "[OPTIONS]",
  short: "List networks",
  aliases: "docker network ls, docker network list",
  args: { kind: "none" },
  flags: [
    filterFlag('Provide filter values (e.g. "driver=bridge")'),
    FORMAT_TABLE_FLAG,
    { name: "no-trunc", type: "bool", usage: "Do not truncate the output" },
    quietFlag("Only display network IDs"),
  ],
  async run(engine, args, io) {
    const quiet = args.bool("quiet");
    const format = resolveFormat(
      quiet ? "" : args.string("format"),
      quiet ? "{{.ID}}" : NETWORK_TABLE,
    );
    const template = parseFormat(format.template);
    const networks = await engine.networkList({ filters: filtersOf(args.strings("filter")) });
    const trunc = !args.bool("no-trunc");
    const rows = [...networks]
      .sort((left, right) => naturalCompare(left.Name, right.Name))
      .map((network) => networkContext(network, { trunc }));
    out(io, renderRows({ format, rows, header: NETWORK_HEADER, template }));
    return 0;
  },
};

/** `docker network inspect`. */
export const networkInspectCommand: CommandSpec = typedInspectCommand("network", {
  useArgs: "[OPTIONS] NETWORK [NETWORK...]",
  short: "Display detailed information on one or more networks",
});

/** `docker network rm`. */
export const networkRmCommand: CommandSpec = {
  name: "rm",
  useArgs: "NETWORK [NETWORK...]",
  short: "Remove one or more networks",
  aliases: "docker network rm, docker network remove",
  args: { kind: "min", count: 1 },
  flags: [
    {
      name: "force",
      short: "f",
      type: "bool",
      usage: "Do not error if the network does not exist",
    },
  ],
  run(engine, args, io) {
    const force = args.bool("force");
    return forEachName(io, args.positional, async (name) => {
      try {
        await engine.networkInspect(name);
        await engine.networkRemove(name);
      } catch (error) {
        if (force && isNotFound(error)) return undefined;
        throw error;
      }
      return name;
    });
  },
};
