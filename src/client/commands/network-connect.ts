import type { CommandSpec } from "../command-spec.ts";
import { filtersOf, out } from "./common.ts";
import { confirm } from "./confirm.ts";
import { PRUNE_FORCE_FLAG } from "./shared-flags.ts";

/** pflag's `StringSlice`: every value split at commas. */
function sliceValues(values: readonly string[]): string[] {
  return values.flatMap((value) => (value === "" ? [] : value.split(",")));
}

function optionMap(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    values.map((value) => {
      const equals = value.indexOf("=");
      return equals < 0 ? [value, ""] : [value.slice(0, equals), value.slice(equals + 1)];
    }),
  );
}

/** `docker network connect`: prints nothing when it works. */
export const networkConnectCommand: CommandSpec = {
  name: "connect",
  useArgs: "[OPTIONS] NETWORK CONTAINER",
  short: "Connect a container to a network",
  args: { kind: "exact", count: 2 },
  flags: [
    {
      name: "alias",
      type: "stringArray",
      valueName: "strings",
      usage: "Add network-scoped alias for the container",
    },
    {
      name: "driver-opt",
      type: "stringArray",
      valueName: "strings",
      usage: "driver options for the network",
    },
    {
      name: "gw-priority",
      type: "int",
      usage:
        "Highest gw-priority provides the default\ngateway. Accepts positive and negative values.",
    },
    { name: "ip", type: "string", usage: 'IPv4 address (e.g., "172.30.100.104")' },
    { name: "ip6", type: "string", usage: 'IPv6 address (e.g., "2001:db8::33")' },
    { name: "link", type: "list", usage: "Add link to another container" },
    {
      name: "link-local-ip",
      type: "stringArray",
      valueName: "strings",
      usage: "Add a link-local address for the container",
    },
  ],
  async run(engine, args) {
    const [network, container] = args.positional as [string, string];
    const ipv4 = args.string("ip");
    const ipv6 = args.string("ip6");
    const linkLocal = sliceValues(args.strings("link-local-ip"));
    await engine.networkConnect(network, {
      Container: container,
      EndpointConfig: {
        IPAMConfig: {
          ...(ipv4 === "" ? {} : { IPv4Address: ipv4 }),
          ...(ipv6 === "" ? {} : { IPv6Address: ipv6 }),
          ...(linkLocal.length === 0 ? {} : { LinkLocalIPs: linkLocal }),
        },
        Aliases: sliceValues(args.strings("alias")),
        DriverOpts: optionMap(sliceValues(args.strings("driver-opt"))),
      },
    });
    return 0;
  },
};

/** `docker network disconnect`: prints nothing when it works. */
export const networkDisconnectCommand: CommandSpec = {
  name: "disconnect",
  useArgs: "[OPTIONS] NETWORK CONTAINER",
  short: "Disconnect a container from a network",
  args: { kind: "exact", count: 2 },
  flags: [
    {
      name: "force",
      short: "f",
      type: "bool",
      usage: "Force the container to disconnect from a network",
    },
  ],
  async run(engine, args) {
    const [network, container] = args.positional as [string, string];
    await engine.networkDisconnect(network, { Container: container, Force: args.bool("force") });
    return 0;
  },
};

/** `docker network prune`: `Deleted Networks:` and the names, or nothing. */
export const networkPruneCommand: CommandSpec = {
  name: "prune",
  useArgs: "[OPTIONS]",
  short: "Remove all unused networks",
  args: { kind: "none" },
  flags: [
    { name: "filter", type: "filter", usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    PRUNE_FORCE_FLAG,
  ],
  async run(engine, args, io) {
    const warning =
      "WARNING! This will remove all custom networks not used by at least one container.";
    if (!args.bool("force") && !(await confirm(io, warning))) return 0;
    const report = await engine.networkPrune({ filters: filtersOf(args.strings("filter")) });
    const names = report.deleted as readonly string[];
    out(io, names.length === 0 ? "" : `Deleted Networks:\n${names.join("\n")}\n\n`);
    return 0;
  },
};
