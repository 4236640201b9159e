import type { Filters, NetworkCreateRequest } from "../engine/api-types.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { cidrContains, parseGoIpv4 } from "../net/go-ipv4.ts";
import { allLabelsMatch, anyValue, checkFilterKeys } from "./filters.ts";
import { formatIpv4, parseCidr } from "./ipv4.ts";
import { NetworkError } from "./network-error.ts";
import {
  cidrSize,
  cidrsOverlap,
  type IpamConfigRequest,
  poolHosts,
  reservedHosts,
  type UserIpam,
  userIpamOf,
} from "./network-ipam.ts";

/** One network of the daemon. Addresses are allocated from its subnet as Docker's IPAM does. */
export interface NetworkRecord {
  readonly name: string;
  readonly id: string;
  readonly createdUs: number;
  /** `bridge`, `host` or `null` (the `none` network). */
  readonly driver: string;
  readonly internal: boolean;
  readonly attachable: boolean;
  readonly ipamOptions: Readonly<Record<string, string>> | null;
  /** The subnet's `Config` entry shows the gateway (user networks) or not (the default bridge). */
  readonly showGateway: boolean;
  readonly subnet?: { readonly base: number; readonly prefix: number };
  /** The gateway's address; the subnet's first address when absent (the automatic pools). */
  readonly gateway?: number;
  /** What `network create --subnet …` asked for; absent for the daemon's automatic pools. */
  readonly userIpam?: UserIpam;
  readonly options: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly predefined: boolean;
  /** Host numbers (offsets in the subnet) in use by endpoints. */
  readonly allocated: Set<number>;
}

const DEFAULT_BRIDGE_OPTIONS: Readonly<Record<string, string>> = {
  "com.docker.network.bridge.default_bridge": "true",
  "com.docker.network.bridge.enable_icc": "true",
  "com.docker.network.bridge.enable_ip_masquerade": "true",
  "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
  "com.docker.network.bridge.name": "docker0",
  "com.docker.network.driver.mtu": "1500",
};

/** The daemon's networks: the predefined `bridge`, `host` and `none`, and user-defined bridges. */
export class NetworkStore {
  readonly #networks = new Map<string, NetworkRecord>();
  readonly #countMax: number;

  constructor(options: { networkCountMax: number }) {
    this.#countMax = options.networkCountMax;
  }

  /** Adds the three networks every daemon starts with. */
  addPredefined(options: { nowUs: number; newId: () => string }): void {
    const base = {
      createdUs: options.nowUs,
      internal: false,
      attachable: false,
      labels: {},
      predefined: true,
    };
    this.restore({
      ...base,
      name: "none",
      id: options.newId(),
      driver: "null",
      ipamOptions: null,
      showGateway: false,
      options: {},
      allocated: new Set(),
    });
    this.restore({
      ...base,
      name: "host",
      id: options.newId(),
      driver: "host",
      ipamOptions: null,
      showGateway: false,
      options: {},
      allocated: new Set(),
    });
    this.restore({
      ...base,
      name: "bridge",
      id: options.newId(),
      driver: "bridge",
      ipamOptions: null,
      showGateway: false,
      subnet: parseCidr("172.17.0.0/16"),
      options: DEFAULT_BRIDGE_OPTIONS,
      allocated: new Set(),
    });
  }

  restore(network: NetworkRecord): void {
    this.#networks.set(network.id, network);
  }

  /** By name, full ID or unique ID prefix (dockerd's `FindNetwork`); `network x not found`. */
  get(term: string): NetworkRecord {
    const found = this.find(term);
    if (found === undefined) throw NetworkError.notFound(term);
    return found;
  }

  find(term: string): NetworkRecord | undefined {
    const all = [...this.#networks.values()];
    const exact = all.find((network) => network.name === term) ?? this.#networks.get(term);
    if (exact !== undefined) return exact;
    const matches = all.filter((network) => term !== "" && network.id.startsWith(term));
    if (matches.length > 1) {
      throw new NetworkError({
        code: "InvalidArgument",
        message: `network ${term} is ambiguous (${matches.length} matches found based on ID prefix)`,
        network: term,
      });
    }
    return matches[0];
  }

  /** Creates a user-defined bridge network with the next free 172.x subnet. */
  create(request: NetworkCreateRequest, options: { id: string; nowUs: number }): NetworkRecord {
    const driver =
      request.Driver === undefined || request.Driver === "" ? "bridge" : request.Driver;
    if (["bridge", "host", "none"].includes(request.Name)) {
      throw new NetworkError({
        code: "PermissionDenied",
        message: `operation is not permitted on predefined ${request.Name} network `,
        network: request.Name,
      });
    }
    if ([...this.#networks.values()].some((network) => network.name === request.Name)) {
      throw new NetworkError({
        code: "Conflict",
        message: `network with name ${request.Name} already exists`,
        network: request.Name,
      });
    }
    if (driver !== "bridge")
      throw new NetworkError({
        code: "NotFound",
        message: `plugin "${driver}" not found`,
        network: request.Name,
      });
    if (this.#networks.size >= this.#countMax)
      throw new LimitExceededError({ what: "networks", limit: this.#countMax });
    const userIpam = userIpamOf(request.Name, ipamConfigsOf(request.IPAM));
    if (userIpam !== undefined) this.#checkFree(request.Name, userIpam.subnet);
    const subnet = userIpam?.subnet ?? this.#nextSubnet();
    const gateway =
      userIpam === undefined
        ? subnet.base + 1
        : userIpam.gatewayText !== undefined
          ? parseGoIpv4(userIpam.gatewayText)!
          : firstFreeGateway(request.Name, userIpam);
    if (userIpam !== undefined) reservedHosts(request.Name, userIpam, gateway);
    const network: NetworkRecord = {
      name: request.Name,
      id: options.id,
      createdUs: options.nowUs,
      driver,
      internal: request.Internal ?? false,
      attachable: request.Attachable ?? false,
      ipamOptions: ipamOptionsOf(request.IPAM),
      showGateway: true,
      subnet: { base: subnet.base, prefix: subnet.prefix },
      gateway,
      ...(userIpam === undefined ? {} : { userIpam }),
      options: request.Options ?? {},
      labels: request.Labels ?? {},
      predefined: false,
      allocated: new Set(),
    };
    this.#networks.set(network.id, network);
    return network;
  }

  remove(network: NetworkRecord): void {
    if (network.predefined) {
      throw new NetworkError({
        code: "PermissionDenied",
        message: `${network.name} is a pre-defined network and cannot be removed`,
        network: network.name,
      });
    }
    if (network.allocated.size > 0) {
      throw new NetworkError({
        code: "PermissionDenied",
        message: `error while removing network: network ${network.name} id ${network.id} has active endpoints`,
        network: network.name,
      });
    }
    this.#networks.delete(network.id);
  }

  /** Networks sorted by name, filtered as `docker network ls --filter` does. */
  list(filters: Filters = {}): readonly NetworkRecord[] {
    checkFilterKeys(filters, ["driver", "id", "label", "name", "scope", "type", "dangling"]);
    return [...this.#networks.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .filter(
        (network) =>
          anyValue(filters, "driver", (value) => network.driver === value) &&
          anyValue(filters, "id", (value) => network.id.startsWith(value)) &&
          anyValue(filters, "name", (value) => network.name.includes(value)) &&
          anyValue(filters, "scope", (value) => value === "local") &&
          anyValue(filters, "type", (value) => (value === "builtin") === network.predefined) &&
          allLabelsMatch(filters, network.labels),
      );
  }

  /**
   * An address for an endpoint: the one asked for (`--ip`), else the first free one of the
   * pool — libnetwork's default IPAM hands out the lowest free address, not the next one.
   */
  allocate(
    network: NetworkRecord,
    requested?: string,
  ): { address: number; gateway: number; prefix: number } {
    const subnet = network.subnet;
    if (subnet === undefined) return { address: 0, gateway: 0, prefix: 0 };
    const gateway = network.gateway ?? subnet.base + 1;
    const reserved = network.userIpam
      ? reservedHosts(network.name, network.userIpam, gateway)
      : new Set([gateway - subnet.base]);
    const taken = (host: number): boolean => reserved.has(host) || network.allocated.has(host);
    const take = (host: number) => {
      network.allocated.add(host);
      return { address: subnet.base + host, gateway, prefix: subnet.prefix };
    };
    if (requested !== undefined) {
      const address = parseGoIpv4(requested);
      if (address === undefined)
        throw new NetworkError({
          code: "Internal",
          // dockerd's message has the stray parenthesis.
          message: `Invalid IPv4 address: ${requested})`,
          network: network.name,
        });
      if (!cidrContains(subnet, address))
        throw new NetworkError({
          code: "Internal",
          message: `Invalid address ${requested}: It does not belong to any of this network's subnets`,
          network: network.name,
        });
      const host = address - subnet.base;
      if (host === 0 || host === cidrSize(subnet) - 1 || taken(host))
        throw new NetworkError({
          code: "PermissionDenied",
          message: "Address already in use",
          network: network.name,
        });
      return take(host);
    }
    const [first, last] = poolHosts({ subnet, ...network.userIpam });
    for (let host = first; host <= last; host++) if (!taken(host)) return take(host);
    throw new LimitExceededError({
      what: `addresses of network ${network.name}`,
      limit: last - first + 1,
    });
  }

  release(network: NetworkRecord, address: number): void {
    if (network.subnet !== undefined) network.allocated.delete(address - network.subnet.base);
  }

  /** The next of the daemon's default pools that no network overlaps. */
  #nextSubnet(): { base: number; prefix: number } {
    const free = (pool: { base: number; prefix: number }): boolean =>
      ![...this.#networks.values()].some(
        (network) => network.subnet !== undefined && cidrsOverlap(network.subnet, pool),
      );
    for (let second = 18; second <= 31; second++) {
      const subnet = parseCidr(`172.${second}.0.0/16`)!;
      if (free(subnet)) return subnet;
    }
    for (let third = 0; third < 256; third += 16) {
      const subnet = parseCidr(`192.168.${third}.0/20`)!;
      if (free(subnet)) return subnet;
    }
    throw new LimitExceededError({ what: "network address pools", limit: 30 });
  }

  /** libnetwork refuses a user subnet that overlaps another network's pool. */
  #checkFree(name: string, subnet: { base: number; prefix: number }): void {
    for (const network of this.#networks.values()) {
      if (network.subnet !== undefined && cidrsOverlap(network.subnet, subnet))
        throw new NetworkError({
          code: "PermissionDenied",
          message: "Pool overlaps with other one on this address space",
          network: name,
        });
    }
  }
}

/** The subnet as `Config` shows it (a user's as written). */
export function subnetText(network: NetworkRecord): string | undefined {
  if (network.userIpam !== undefined) return network.userIpam.subnet.text;
  return network.subnet === undefined
    ? undefined
    : `${formatIpv4(network.subnet.base)}/${network.subnet.prefix}`;
}

/** Without `--gateway`, the bridge driver asks the pool for any address: its first free one. */
function firstFreeGateway(network: string, ipam: UserIpam): number {
  const reserved = new Set<number>();
  for (const text of Object.values(ipam.auxAddresses ?? {})) {
    const address = parseGoIpv4(text);
    if (address !== undefined) reserved.add(address - ipam.subnet.base);
  }
  const [first, last] = poolHosts(ipam);
  for (let host = first; host <= last; host++)
    if (!reserved.has(host)) return ipam.subnet.base + host;
  throw new NetworkError({
    code: "Internal",
    message: `failed to allocate gateway: no available IPv4 addresses on network ${network}`,
    network,
  });
}

function ipamConfigsOf(ipam: unknown): IpamConfigRequest[] | undefined {
  if (ipam === null || typeof ipam !== "object") return undefined;
  const configs = (ipam as { Config?: unknown }).Config;
  return Array.isArray(configs) ? (configs as IpamConfigRequest[]) : undefined;
}

function ipamOptionsOf(ipam: unknown): Readonly<Record<string, string>> | null {
  if (ipam === null || typeof ipam !== "object") return null;
  const options = (ipam as { Options?: unknown }).Options;
  return options !== null && typeof options === "object"
    ? (options as Record<string, string>)
    : null;
}
