import { cidrContains, type GoCidr, parseGoCidr, parseGoIpv4 } from "../net/go-ipv4.ts";
import { NetworkError } from "./network-error.ts";

/**
 * A user-defined network's IPAM configuration (`network create --subnet/--ip-range/--gateway/
 * --aux-address`), checked as dockerd 20.10 and libnetwork's default IPAM check it, with their
 * messages and HTTP classes (recorded on dockerd 20.10.24). Addresses are 32-bit numbers.
 */
export interface UserIpam {
  readonly subnet: Cidr;
  /** The pool containers take addresses from: the whole subnet unless `--ip-range`. */
  readonly ipRange?: Cidr;
  /** The gateway as given; without one, the network's first free address serves. */
  readonly gatewayText?: string;
  readonly auxAddresses?: Readonly<Record<string, string>>;
}

/** A CIDR as written (`Config` shows `10.78.0.5/24` as given) with its network address. */
export type Cidr = Pick<GoCidr, "text" | "base" | "prefix">;

/** The IPAM `Config` entries a create request carries (Engine API names). */
export interface IpamConfigRequest {
  readonly Subnet?: string;
  readonly IPRange?: string;
  readonly Gateway?: string;
  readonly AuxiliaryAddresses?: Readonly<Record<string, string>>;
}

/** How many addresses a CIDR spans. */
export function cidrSize(cidr: { readonly prefix: number }): number {
  return 2 ** (32 - cidr.prefix);
}

/** Whether two pools share an address (libnetwork refuses such a pool). */
export function cidrsOverlap(
  a: { base: number; prefix: number },
  b: { base: number; prefix: number },
): boolean {
  return cidrContains(a, b.base) || cidrContains(b, a.base);
}

/**
 * Parses a create request's IPAM configs: none means an automatic pool (undefined); one
 * IPv4 config is checked field by field in dockerd's order; a second is refused, as the bridge
 * driver does. Overlaps with other networks are the store's check.
 */
export function userIpamOf(
  network: string,
  configs: readonly IpamConfigRequest[] | null | undefined,
): UserIpam | undefined {
  if (configs === null || configs === undefined || configs.length === 0) return undefined;
  const parsed = configs.map((config) => parseConfig(network, config));
  if (parsed.length > 1)
    throw new NetworkError({
      code: "PermissionDenied",
      message: "bridge driver doesn't support multiple subnets",
      network,
    });
  return parsed[0];
}

function parseConfig(network: string, config: IpamConfigRequest): UserIpam {
  const subnetText = config.Subnet ?? "";
  const subnet = cidrOf(subnetText);
  if (subnet === undefined)
    throw new NetworkError({
      code: "Internal",
      message: `Invalid subnet ${subnetText} : invalid CIDR address: ${subnetText}`,
      network,
    });
  const gatewayText = emptyToUndefined(config.Gateway);
  if (gatewayText !== undefined && parseGoIpv4(gatewayText) === undefined)
    throw new NetworkError({
      code: "Internal",
      message: `invalid gateway address ${gatewayText} in Ipam configuration`,
      network,
    });
  const rangeText = emptyToUndefined(config.IPRange);
  let ipRange: Cidr | undefined;
  if (rangeText !== undefined) {
    ipRange = cidrOf(rangeText);
    if (ipRange === undefined)
      throw new NetworkError({
        code: "Internal",
        message: `failed to parse pool request for address space "LocalDefault" pool "${subnetText}" subpool "${rangeText}": Invalid Address SubPool`,
        network,
      });
  }
  const aux = config.AuxiliaryAddresses ?? {};
  return {
    subnet,
    ...(ipRange === undefined ? {} : { ipRange }),
    ...(gatewayText === undefined ? {} : { gatewayText }),
    ...(Object.keys(aux).length === 0 ? {} : { auxAddresses: aux }),
  };
}

/**
 * The host numbers (offsets in the subnet) that containers never get: the gateway and the
 * auxiliary addresses. Checked when the network is made: an auxiliary address outside the
 * subnet or unparsable, a gateway outside it or on its network or broadcast address.
 */
export function reservedHosts(network: string, ipam: UserIpam, gateway: number): Set<number> {
  const { subnet } = ipam;
  const reserved = new Set<number>();
  for (const [name, text] of Object.entries(ipam.auxAddresses ?? {})) {
    const address = parseGoIpv4(text);
    if (address === undefined)
      throw new NetworkError({
        code: "Internal",
        message: `non parsable secondary ip address (${name}:${text}) passed for network ${network}`,
        network,
      });
    if (!cidrContains(subnet, address))
      throw new NetworkError({
        code: "PermissionDenied",
        message: `auxiliary address: (${name}:${text}) must belong to the master pool: ${subnet.text}`,
        network,
      });
    reserved.add(address - subnet.base);
  }
  if (ipam.gatewayText !== undefined) {
    const failed = (reason: string): NetworkError =>
      new NetworkError({
        code: "Internal",
        message: `failed to allocate gateway (${ipam.gatewayText}): ${reason}`,
        network,
      });
    if (!cidrContains(subnet, gateway)) throw failed("Requested address is out of range");
    const host = gateway - subnet.base;
    if (host === 0 || host === cidrSize(subnet) - 1 || reserved.has(host))
      throw failed("Address already in use");
  }
  reserved.add(gateway - subnet.base);
  return reserved;
}

/** The first and last host a pool hands out: the range within the subnet, less its ends. */
export function poolHosts(ipam: {
  subnet: { base: number; prefix: number };
  ipRange?: { base: number; prefix: number };
}): [first: number, last: number] {
  const lastOfSubnet = cidrSize(ipam.subnet) - 2;
  if (ipam.ipRange === undefined) return [1, lastOfSubnet];
  const first = ipam.ipRange.base - ipam.subnet.base;
  return [Math.max(1, first), Math.min(lastOfSubnet, first + cidrSize(ipam.ipRange) - 1)];
}

function emptyToUndefined(text: string | undefined): string | undefined {
  return text === undefined || text === "" ? undefined : text;
}

/** The parts of a parsed CIDR the network keeps (and saves). */
function cidrOf(text: string): Cidr | undefined {
  const parsed = parseGoCidr(text);
  return parsed === undefined
    ? undefined
    : { text: parsed.text, base: parsed.base, prefix: parsed.prefix };
}
