import type { ExecResult } from "just-bash";
import { formatIpv4, parseIpv4, prefixMask } from "../net/ipv4-text.ts";
import type { NetInterface, NetworkView } from "../net/network-view.ts";
import { routesOf } from "../net/routes.ts";
import { type Applet, done, fail } from "./applet.ts";
import { showUsage } from "./bb-usage.ts";

/*
 * busybox 1.35 `ip` as a container shows its namespace. Formats recorded in real containers on
 * dockerd 20.10 (`docker run --rm --network net1 busybox ip a`, `ip -o a`, `ip r`, `ip link`,
 * `ip neigh`, `--network host`); see test/unit/runtime/applets/network-applets-info.test.ts.
 * Changing anything needs CAP_NET_ADMIN, which containers lack.
 */

interface IpOptions {
  readonly oneline: boolean;
  /** `inet` (-4), `inet6` (-6), `link` (-0) or every family. */
  readonly family: "inet" | "inet6" | "link" | undefined;
}

const OBJECTS: Readonly<Record<string, string>> = {
  address: "address",
  route: "route",
  link: "link",
  neighbor: "neigh",
  neighbour: "neigh",
  neigh: "neigh",
  tunnel: "tunnel",
  tunl: "tunnel",
  rule: "rule",
};

/** `ip [-4|-6|-0|-o|-f FAMILY] address|route|link|neigh …`: the container's namespace, read-only. */
export const ip: Applet = async (argv, _ctx, host) => {
  const args = argv.slice(1);
  let oneline = false;
  let family: IpOptions["family"];
  while (args[0]?.startsWith("-")) {
    const flag = args.shift()!;
    if (flag === "-o" || flag === "-oneline") oneline = true;
    else if (flag === "-4") family = "inet";
    else if (flag === "-6") family = "inet6";
    else if (flag === "-0") family = "link";
    else if (flag === "-f" || flag === "-family") {
      const value = args.shift();
      if (value !== "inet" && value !== "inet6" && value !== "link") return showUsage("ip");
      family = value;
    } else return showUsage("ip");
  }
  const word = args.shift();
  const object = word === undefined ? undefined : objectOf(word);
  if (object === undefined) return showUsage("ip");
  const options = { oneline, family };
  const view = host.network;
  if (object === "address") return showAddresses(view, args, options);
  if (object === "link") return showLinks(view, args, options);
  if (object === "route") return showRoutes(view, args);
  if (object === "neigh") return showNeighbours(view, args);
  return fail("ip", `${object} is not implemented in drydock`, 127);
};

/** busybox matches an object by any prefix of its keyword (`a`, `addr`, `r`, `li`). */
function objectOf(word: string): string | undefined {
  if (word === "r") return "route";
  const match = Object.keys(OBJECTS).find((keyword) => keyword.startsWith(word));
  return match === undefined ? undefined : OBJECTS[match];
}

/** `show`/`list` and an optional `[dev] NAME`; anything else would change the namespace. */
function selectDevices(view: NetworkView, args: string[]): readonly NetInterface[] | ExecResult {
  const verb = args[0];
  if (verb !== undefined && !["show", "list", "lst", "sh", "ls", "s", "l"].includes(verb)) {
    if (["flush", "f"].includes(verb) && args.length === 1)
      return fail("ip", "flush requires an argument");
    return fail("ip", "RTNETLINK answers: Operation not permitted", 2);
  }
  const rest = args.slice(1);
  if (rest[0] === "dev") rest.shift();
  if (args[1] === "dev" && rest.length === 0)
    return fail("ip", 'command line is not complete, try "help"');
  const name = rest[0];
  if (name === undefined) return view.interfaces;
  const found = view.interfaces.filter((iface) => iface.name === name);
  return found.length === 0 ? fail("ip", `can't find device '${name}'`) : found;
}

function showAddresses(view: NetworkView, args: string[], options: IpOptions): ExecResult {
  const devices = selectDevices(view, args);
  if ("exitCode" in devices) return devices;
  let out = "";
  for (const iface of devices) {
    const inet =
      iface.ipv4 === undefined || options.family === "inet6" || options.family === "link"
        ? ""
        : inetLine(iface);
    if (options.oneline) {
      if (inet !== "")
        out += `${iface.index}: ${iface.name}    ${inet.trim()}\\       valid_lft forever preferred_lft forever\n`;
      continue;
    }
    if (options.family === "inet6") continue;
    out += headerLine(iface);
    if (options.family === undefined || options.family === "link")
      out += `    ${linkLine(iface)}\n`;
    if (inet !== "") out += `${inet}       valid_lft forever preferred_lft forever\n`;
  }
  return done(out);
}

function showLinks(view: NetworkView, args: string[], options: IpOptions): ExecResult {
  const devices = selectDevices(view, args);
  if ("exitCode" in devices) return devices;
  const separator = options.oneline ? "\\" : "\n";
  return done(
    devices
      .map((iface) => `${headerLine(iface).slice(0, -1)}${separator}    ${linkLine(iface)}\n`)
      .join(""),
  );
}

function showRoutes(view: NetworkView, args: string[]): ExecResult {
  const verb = args[0];
  if (verb !== undefined && !["show", "list", "lst", "sh", "ls", "s", "l"].includes(verb)) {
    if (["flush", "f"].includes(verb) && args.length === 1)
      return fail("ip", "flush requires an argument");
    return fail("ip", "RTNETLINK answers: Operation not permitted", 2);
  }
  const rest = args.slice(1);
  const dev = rest[0] === "dev" ? rest[1] : undefined;
  if (dev !== undefined && !view.interfaces.some((iface) => iface.name === dev))
    return fail("ip", `can't find device '${dev}'`);
  let out = "";
  for (const route of routesOf(view)) {
    if (dev !== undefined && route.dev !== dev) continue;
    out +=
      route.gateway !== undefined
        ? `default via ${route.gateway} dev ${route.dev} \n`
        : `${route.destination}/${route.prefixLen} dev ${route.dev} scope link  src ${route.source} \n`;
  }
  return done(out);
}

function showNeighbours(view: NetworkView, args: string[]): ExecResult {
  const verb = args[0];
  if (verb !== undefined && !["show", "list", "lst", "sh", "ls", "s", "l"].includes(verb))
    return fail("ip", "RTNETLINK answers: Operation not permitted", 2);
  return done(
    view
      .neighbours()
      .map(
        (entry) =>
          `${entry.address} dev ${entry.dev} lladdr ${entry.mac} ref 1 used 0/0/0 probes 4 REACHABLE\n`,
      )
      .join(""),
  );
}

/** `62: eth0@if63: <BROADCAST,…> mtu 1500 qdisc noqueue ` (the space stays when there is no qlen). */
function headerLine(iface: NetInterface): string {
  const name = iface.peerIndex === undefined ? iface.name : `${iface.name}@if${iface.peerIndex}`;
  const qlen = iface.qlen === undefined ? "" : `qlen ${iface.qlen}`;
  return `${iface.index}: ${name}: <${linkFlags(iface)}> mtu ${iface.mtu} qdisc ${iface.qdisc} ${qlen}\n`;
}

function linkFlags(iface: NetInterface): string {
  if (iface.kind === "loopback") return "LOOPBACK,UP,LOWER_UP";
  if (!iface.carrier) return "NO-CARRIER,BROADCAST,MULTICAST,UP";
  // A veth end moved into a namespace shows its peer's operstate as M-DOWN.
  return iface.kind === "veth"
    ? "BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN"
    : "BROADCAST,MULTICAST,UP,LOWER_UP";
}

function linkLine(iface: NetInterface): string {
  const kind = iface.kind === "loopback" ? "loopback" : "ether";
  const broadcast = iface.kind === "loopback" ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff";
  return `link/${kind} ${iface.mac} brd ${broadcast}`;
}

function inetLine(iface: NetInterface): string {
  const { address, prefixLen } = iface.ipv4!;
  if (iface.kind === "loopback")
    return `    inet ${address}/${prefixLen} scope host ${iface.name}\n`;
  const broadcast = formatIpv4(((parseIpv4(address) ?? 0) | ~prefixMask(prefixLen)) >>> 0);
  return `    inet ${address}/${prefixLen} brd ${broadcast} scope global ${iface.name}\n`;
}
