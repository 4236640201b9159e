/**
 * What a container's processes can learn about its network namespace: its interfaces, its
 * default gateway, the sockets listening in it, and a few questions only the daemon's network
 * model can answer (who answers at an address, what dockerd's embedded DNS says about a name).
 * The daemon implements it per started container; the network applets (`ip`, `ping`,
 * `nslookup`, …) read it. Read-only except for the neighbour (ARP) cache that traffic fills.
 */
export interface NetworkView {
  /** The namespace's interfaces in ifindex order (`lo` first). */
  readonly interfaces: readonly NetInterface[];
  /** The default route, when the namespace has one. */
  readonly gateway?: { readonly address: string; readonly dev: string };
  /** Sockets listening in the namespace (dockerd's embedded DNS on user networks). */
  readonly listeners: readonly NetSocket[];
  /** True when `127.0.0.11` runs dockerd's embedded DNS (user-defined networks). */
  readonly embeddedDns: boolean;
  /**
   * The embedded DNS's own answer for a name (container name, short ID, `name.network`), or
   * undefined when the name is not Docker's and would be forwarded upstream.
   */
  resolve(name: string): readonly string[] | undefined;
  /** The embedded DNS's PTR answer for an address (`web.net1`), if Docker knows it. */
  reverse(address: string): string | undefined;
  /** Who answers an ICMP echo to this address from here, or undefined when nothing does. */
  peer(address: string): NetPeer | undefined;
  /** The neighbour (ARP) cache: directly connected addresses this namespace has talked to. */
  neighbours(): readonly NetNeighbour[];
  /** Records a packet exchanged with a directly connected address (fills the ARP cache). */
  touch(address: string): void;
}

/** One network interface, with what `ip link`/`ip addr`/`ifconfig` show of it. */
export interface NetInterface {
  /** The ifindex in the namespace (`lo` is 1). */
  readonly index: number;
  readonly name: string;
  /** A veth end inside a container shows its host peer's ifindex (`eth0@if27`). */
  readonly peerIndex?: number;
  readonly kind: "loopback" | "veth" | "bridge" | "ether";
  readonly mac: string;
  readonly mtu: number;
  /** The transmit queue length; veth ends have none (`ip` prints no `qlen`, `ifconfig` 0). */
  readonly qlen?: number;
  /** The queueing discipline (`noqueue`, `pfifo_fast`). */
  readonly qdisc: string;
  readonly ipv4?: { readonly address: string; readonly prefixLen: number };
  /** False for a bridge without ports (`NO-CARRIER`). */
  readonly carrier: boolean;
}

/** What answers at an address: this namespace, its gateway (the host), or another container. */
export interface NetPeer {
  readonly kind: "self" | "host" | "container";
  /** The answering interface's MAC, for the ARP cache (loopback: none). */
  readonly mac?: string;
}

/** A socket listening in the namespace, as `netstat -l` lists it. */
export interface NetSocket {
  readonly proto: "tcp" | "udp";
  readonly address: string;
  readonly port: number;
}

/** One entry of the neighbour cache. */
export interface NetNeighbour {
  readonly address: string;
  readonly mac: string;
  readonly dev: string;
}

/** Every namespace's `lo`, as the kernel creates it (index 1, 127.0.0.1/8, MTU 65536). */
export const LOOPBACK_INTERFACE: NetInterface = {
  index: 1,
  name: "lo",
  kind: "loopback",
  mac: "00:00:00:00:00:00",
  mtu: 65536,
  qlen: 1000,
  qdisc: "noqueue",
  ipv4: { address: "127.0.0.1", prefixLen: 8 },
  carrier: true,
};

/** The view of a namespace with nothing but `lo` (`--network none`, or no daemon behind). */
export const LOOPBACK_ONLY: NetworkView = {
  interfaces: [LOOPBACK_INTERFACE],
  listeners: [],
  embeddedDns: false,
  resolve: () => undefined,
  reverse: () => undefined,
  peer: (address) => (address.startsWith("127.") ? { kind: "self" } : undefined),
  neighbours: () => [],
  touch: () => {},
};
