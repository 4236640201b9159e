import {
  LOOPBACK_INTERFACE,
  LOOPBACK_ONLY,
  type NetInterface,
  type NetNeighbour,
  type NetPeer,
  type NetSocket,
  type NetworkView,
} from "../runtime/net/network-view.ts";
import type { Container } from "./container.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { formatIpv4 } from "./ipv4.ts";
import type { NetworkRecord, NetworkStore } from "./network-store.ts";

/**
 * The simulated host's own uplink, seen with `--network host`: the world gives hosts
 * 10.0.0.2, 10.0.0.3, … (see src/world/world-addresses.ts); the daemon does not know which, so
 * every host shows the first.
 */
const HOST_UPLINK = {
  address: "10.0.0.2",
  prefixLen: 24,
  gateway: "10.0.0.1",
  mac: "02:00:0a:00:00:02",
};

/** Neighbour cache entries kept per container (the kernel's gc_thresh3 is 1024). */
const NEIGHBOURS_MAX = 256;

/** Each container's view while it runs, so `docker exec` sees the same namespace. */
const views = new WeakMap<Container, NetworkView>();

/** The host's interface index counter, per daemon: veth pairs and bridges take the next ones. */
const ifIndexes = new WeakMap<NetworkStore, { next: number; bridges: Map<string, number> }>();

/**
 * The network view of a container that is starting (its endpoints have their addresses): its
 * veth ends numbered from the host's counter, its gateway, and live answers from the daemon's
 * networks. Kept for `docker exec` until the next start.
 */
export function startNetworkView(ctx: DaemonContext, container: Container): NetworkView {
  const mode = String(container.hostConfig.NetworkMode ?? "default");
  let view: NetworkView;
  if (mode.startsWith("container:")) {
    const target = ctx.containers.find(mode.slice("container:".length));
    view = (target === undefined ? undefined : views.get(target)) ?? LOOPBACK_ONLY;
  } else if (container.endpoints[0]?.network === "host") {
    view = new HostNetworkView(ctx);
  } else {
    view = new ContainerNetworkView(ctx, container);
  }
  views.set(container, view);
  return view;
}

/** The view a running container's processes share (`docker exec`). */
export function networkViewOf(container: Container): NetworkView | undefined {
  return views.get(container);
}

function counter(ctx: DaemonContext): { next: number; bridges: Map<string, number> } {
  let found = ifIndexes.get(ctx.networks);
  if (found === undefined) {
    // The host has lo (1), its uplink (2) and docker0 (3) before any container starts.
    found = { next: 4, bridges: new Map() };
    ifIndexes.set(ctx.networks, found);
  }
  return found;
}

function bridgeIndex(ctx: DaemonContext, network: NetworkRecord): number {
  if (network.name === "bridge") return 3;
  const state = counter(ctx);
  let index = state.bridges.get(network.id);
  if (index === undefined) {
    index = state.next++;
    state.bridges.set(network.id, index);
  }
  return index;
}

/** A bridge's MAC: dockerd lets the kernel draw one (`02:42:xx:…`); here from the network ID. */
function bridgeMac(network: NetworkRecord): string {
  const hex = network.id.padEnd(8, "0");
  return ["02", "42", hex.slice(0, 2), hex.slice(2, 4), hex.slice(4, 6), hex.slice(6, 8)].join(":");
}

function bridgeName(network: NetworkRecord): string {
  return network.options["com.docker.network.bridge.name"] ?? `br-${network.id.slice(0, 12)}`;
}

function mtuOf(network: NetworkRecord): number {
  const mtu = Number(network.options["com.docker.network.driver.mtu"] ?? "1500");
  return Number.isInteger(mtu) && mtu > 0 ? mtu : 1500;
}

function gatewayOf(network: NetworkRecord): string | undefined {
  return network.subnet === undefined ? undefined : formatIpv4(network.subnet.base + 1);
}

interface Attached {
  readonly container: Container;
  readonly networkId: string;
  readonly ip: string;
  readonly mac: string;
}

/** Every running container's addressed endpoints. */
function attachedEndpoints(ctx: DaemonContext): Attached[] {
  return ctx.containers
    .list()
    .filter((container) => container.state.running)
    .flatMap((container) =>
      container.endpoints
        .filter((endpoint) => endpoint.ipAddress !== "" && endpoint.endpointId !== "")
        .map((endpoint) => ({
          container,
          networkId: endpoint.networkId,
          ip: endpoint.ipAddress,
          mac: endpoint.macAddress,
        })),
    );
}

/** The host's addresses on its bridges (each bridge network's gateway). */
function hostBridgeAddresses(ctx: DaemonContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const network of ctx.networks.list()) {
    const gateway = gatewayOf(network);
    if (network.driver === "bridge" && gateway !== undefined) out.set(gateway, bridgeMac(network));
  }
  return out;
}

/** The shared neighbour cache behaviour of both views. */
abstract class BaseView implements NetworkView {
  abstract readonly interfaces: readonly NetInterface[];
  abstract readonly gateway?: { readonly address: string; readonly dev: string };
  abstract readonly listeners: readonly NetSocket[];
  abstract readonly embeddedDns: boolean;
  readonly #neighbours = new Map<string, NetNeighbour>();

  abstract resolve(name: string): readonly string[] | undefined;
  abstract reverse(address: string): string | undefined;
  abstract peer(address: string): NetPeer | undefined;

  neighbours(): readonly NetNeighbour[] {
    return [...this.#neighbours.values()];
  }

  touch(address: string): void {
    if (this.#neighbours.has(address) || this.#neighbours.size >= NEIGHBOURS_MAX) return;
    const peer = this.peer(address);
    const dev = this.#linkDev(address);
    if (peer?.mac === undefined || peer.kind === "self" || dev === undefined) return;
    this.#neighbours.set(address, { address, mac: peer.mac, dev });
  }

  #linkDev(address: string): string | undefined {
    const target = toNumber(address);
    for (const iface of this.interfaces) {
      if (iface.kind === "loopback" || iface.ipv4 === undefined) continue;
      const mask =
        iface.ipv4.prefixLen === 0 ? 0 : (0xffffffff << (32 - iface.ipv4.prefixLen)) >>> 0;
      if ((toNumber(iface.ipv4.address) & mask) >>> 0 === (target & mask) >>> 0) return iface.name;
    }
    return undefined;
  }
}

function toNumber(address: string): number {
  return address.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

/** A container on bridge networks (or on none): veth ends, Docker's isolation between networks. */
class ContainerNetworkView extends BaseView {
  readonly interfaces: readonly NetInterface[];
  readonly gateway?: { readonly address: string; readonly dev: string };
  readonly listeners: readonly NetSocket[];
  readonly embeddedDns: boolean;
  readonly #ctx: DaemonContext;
  readonly #container: Container;
  /** Network ID → its record, for the networks this container is on. */
  readonly #networks: Map<string, NetworkRecord>;

  constructor(ctx: DaemonContext, container: Container) {
    super();
    this.#ctx = ctx;
    this.#container = container;
    this.#networks = new Map();
    const interfaces: NetInterface[] = [LOOPBACK_INTERFACE];
    let gateway: { address: string; dev: string } | undefined;
    const state = counter(ctx);
    for (const endpoint of container.endpoints) {
      const network = ctx.networks.find(endpoint.networkId);
      if (network === undefined || endpoint.ipAddress === "") continue;
      this.#networks.set(network.id, network);
      const name = `eth${interfaces.length - 1}`;
      interfaces.push({
        index: state.next,
        peerIndex: state.next + 1,
        name,
        kind: "veth",
        mac: endpoint.macAddress,
        mtu: mtuOf(network),
        qdisc: "noqueue",
        ipv4: { address: endpoint.ipAddress, prefixLen: endpoint.ipPrefixLen },
        carrier: true,
      });
      state.next += 2;
      if (gateway === undefined && !network.internal && endpoint.gateway !== "")
        gateway = { address: endpoint.gateway, dev: name };
    }
    this.interfaces = interfaces;
    this.gateway = gateway;
    this.embeddedDns = [...this.#networks.values()].some((network) => !network.predefined);
    this.listeners = this.embeddedDns ? dnsListeners(container.id) : [];
  }

  resolve(name: string): readonly string[] | undefined {
    const linked = this.#resolveLink(name);
    if (linked !== undefined) return linked;
    const found = this.#userPeers().filter((peer) =>
      namesOf(peer.container, this.#networks.get(peer.networkId)!).includes(name),
    );
    return found.length === 0 ? undefined : found.map((peer) => peer.ip);
  }

  /**
   * `--link target:alias` on a user network: libnetwork's sandbox looks the alias up first,
   * for this container only, as `alias` or `alias.network`, and answers the target's address
   * on that network (recorded on dockerd 20.10: another container on the network does not
   * resolve it). dockerd matches the alias's case exactly (`ALIAS` fails); the runtime's
   * resolver lower-cases every query, so here any case matches.
   */
  #resolveLink(name: string): readonly string[] | undefined {
    for (const endpoint of this.#container.endpoints) {
      const network = this.#networks.get(endpoint.networkId);
      if (network === undefined || network.predefined) continue;
      for (const link of endpoint.links ?? []) {
        const colon = link.indexOf(":");
        const target = colon < 0 ? link : link.slice(0, colon);
        const alias = (colon < 0 ? link : link.slice(colon + 1)).toLowerCase();
        if (name !== alias && name !== `${alias}.${network.name.toLowerCase()}`) continue;
        const found = this.#userPeers().filter(
          (peer) =>
            peer.networkId === network.id &&
            namesOf(peer.container, network).includes(target.replace(/^\//, "").toLowerCase()),
        );
        if (found.length > 0) return found.map((peer) => peer.ip);
      }
    }
    return undefined;
  }

  reverse(address: string): string | undefined {
    const peer = this.#userPeers().find((candidate) => candidate.ip === address);
    if (peer === undefined) return undefined;
    return `${peer.container.name.replace(/^\//, "")}.${this.#networks.get(peer.networkId)!.name}`;
  }

  peer(address: string): NetPeer | undefined {
    if (
      address.startsWith("127.") ||
      this.interfaces.some((iface) => iface.ipv4?.address === address)
    )
      return { kind: "self" };
    if (this.#networks.size === 0) return undefined;
    const hostMac = hostBridgeAddresses(this.#ctx).get(address);
    if (hostMac !== undefined) return { kind: "host", mac: hostMac };
    if (address === HOST_UPLINK.address) return { kind: "host", mac: HOST_UPLINK.mac };
    // Docker's isolation rules drop traffic between different bridge networks.
    const peer = attachedEndpoints(this.#ctx).find(
      (candidate) => candidate.ip === address && this.#networks.has(candidate.networkId),
    );
    return peer === undefined ? undefined : { kind: "container", mac: peer.mac };
  }

  /** Running containers on this container's user-defined networks (the embedded DNS's records). */
  #userPeers(): Attached[] {
    return attachedEndpoints(this.#ctx).filter(
      (peer) => this.#networks.get(peer.networkId)?.predefined === false,
    );
  }
}

/** The names dockerd's embedded DNS answers for a container on a user network. */
function namesOf(container: Container, network: NetworkRecord): string[] {
  // The name, the short ID and the endpoint's aliases (`--network-alias`, `connect --alias`),
  // each also as `name.network`; case does not matter.
  const aliases =
    container.endpoints.find((endpoint) => endpoint.networkId === network.id)?.aliases ?? [];
  const names = [container.name.replace(/^\//, ""), container.id.slice(0, 12), ...aliases].map(
    (name) => name.toLowerCase(),
  );
  return [...names, ...names.map((name) => `${name}.${network.name.toLowerCase()}`)];
}

/**
 * The embedded DNS's sockets in the container's namespace: dockerd binds TCP and UDP on
 * 127.0.0.11 at ports the kernel picks from the ephemeral range; here from the container ID.
 */
function dnsListeners(id: string): NetSocket[] {
  const port = (offset: number) =>
    32768 + (Number.parseInt(id.slice(offset, offset + 4), 16) % 28232);
  return [
    { proto: "tcp", address: "127.0.0.11", port: port(0) },
    { proto: "udp", address: "127.0.0.11", port: port(4) },
  ];
}

/** `--network host`: the host's uplink and bridges; every container address is reachable. */
class HostNetworkView extends BaseView {
  readonly interfaces: readonly NetInterface[];
  readonly gateway: { readonly address: string; readonly dev: string };
  readonly listeners: readonly NetSocket[] = [];
  readonly embeddedDns = false;
  readonly #ctx: DaemonContext;

  constructor(ctx: DaemonContext) {
    super();
    this.#ctx = ctx;
    const running = attachedEndpoints(ctx);
    const bridges = ctx.networks
      .list()
      .filter((network) => network.driver === "bridge" && network.subnet !== undefined)
      .map(
        (network): NetInterface => ({
          index: bridgeIndex(ctx, network),
          name: bridgeName(network),
          kind: "bridge",
          mac: bridgeMac(network),
          mtu: mtuOf(network),
          qdisc: "noqueue",
          ipv4: { address: gatewayOf(network)!, prefixLen: network.subnet!.prefix },
          carrier: running.some((endpoint) => endpoint.networkId === network.id),
        }),
      )
      .sort((a, b) => a.index - b.index);
    this.interfaces = [
      LOOPBACK_INTERFACE,
      {
        index: 2,
        name: "eth0",
        kind: "ether",
        mac: HOST_UPLINK.mac,
        mtu: 1500,
        qlen: 1000,
        qdisc: "pfifo_fast",
        ipv4: { address: HOST_UPLINK.address, prefixLen: HOST_UPLINK.prefixLen },
        carrier: true,
      },
      ...bridges,
    ];
    this.gateway = { address: HOST_UPLINK.gateway, dev: "eth0" };
  }

  resolve(): undefined {
    return undefined;
  }

  reverse(): undefined {
    return undefined;
  }

  peer(address: string): NetPeer | undefined {
    if (
      address.startsWith("127.") ||
      this.interfaces.some((iface) => iface.ipv4?.address === address)
    )
      return { kind: "self" };
    const peer = attachedEndpoints(this.#ctx).find((candidate) => candidate.ip === address);
    return peer === undefined ? undefined : { kind: "container", mac: peer.mac };
  }
}
