import { parseGoCidr, parseGoIpv4 } from "../../net/go-ipv4.ts";
import { CliError } from "../cli-error.ts";

/** One `IPAM.Config` entry of a `network create` request. */
export interface IpamConfigEntry {
  Subnet: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

/**
 * The CLI's `consolidateIpam`: pairs each `--ip-range`, `--gateway` and `--aux-address` with
 * the `--subnet` that contains it, refusing what cannot be paired with its messages (printed
 * without a prefix, exit 1). A single subnet is passed on unchecked; the daemon parses it.
 */
export function consolidateIpam(options: {
  subnets: readonly string[];
  ranges: readonly string[];
  gateways: readonly string[];
  auxAddresses: Readonly<Record<string, string>>;
}): IpamConfigEntry[] {
  const { subnets, ranges, gateways, auxAddresses } = options;
  if (subnets.length < ranges.length || subnets.length < gateways.length)
    throw refused("every ip-range or gateway must have a corresponding subnet");
  const entries = new Map<string, IpamConfigEntry>();
  for (const subnet of subnets) {
    for (const other of entries.keys()) {
      if (subnetMatches(subnet, other) || subnetMatches(other, subnet))
        throw refused("multiple overlapping subnet configuration is not supported");
    }
    entries.set(subnet, { Subnet: subnet });
  }
  const pair = (kind: "range" | "gateway" | "aux-address", value: string): IpamConfigEntry[] => {
    const matching = subnets.filter((subnet) => subnetMatches(subnet, value));
    if (matching.length === 0) throw refused(`no matching subnet for ${kind} ${value}`);
    return matching.map((subnet) => entries.get(subnet)!);
  };
  for (const range of ranges) {
    // A range must be a CIDR itself (an address alone is "invalid CIDR address").
    if (parseGoCidr(range) === undefined) throw refused(`invalid CIDR address: ${range}`);
    for (const entry of pair("range", range)) {
      if (entry.IPRange !== undefined)
        throw refused(
          `cannot configure multiple ranges (${range}, ${entry.IPRange}) on the same subnet (${entry.Subnet})`,
        );
      entry.IPRange = range;
    }
  }
  for (const gateway of gateways) {
    for (const entry of pair("gateway", gateway)) {
      if (entry.Gateway !== undefined)
        throw refused(
          `cannot configure multiple gateways (${gateway}, ${entry.Gateway}) for the same subnet (${entry.Subnet})`,
        );
      entry.Gateway = gateway;
    }
  }
  for (const [name, address] of Object.entries(auxAddresses)) {
    for (const entry of pair("aux-address", address))
      entry.AuxiliaryAddresses = { ...entry.AuxiliaryAddresses, [name]: address };
  }
  return [...entries.values()];
}

function refused(message: string): CliError {
  return new CliError({ status: message, exitCode: 1 });
}

/**
 * The CLI's `subnetMatches`: whether `subnet` (a CIDR, else "invalid subnet: …") contains the
 * address `data` or the address part of a CIDR `data` (else Go's ParseCIDR error).
 */
function subnetMatches(subnet: string, data: string): boolean {
  const network = parseGoCidr(subnet);
  if (network === undefined) throw refused(`invalid subnet: invalid CIDR address: ${subnet}`);
  let address: number | undefined;
  if (data.includes("/")) {
    address = parseGoCidr(data)?.address;
    if (address === undefined) throw refused(`invalid CIDR address: ${data}`);
  } else address = parseGoIpv4(data);
  if (address === undefined) return false;
  const size = 2 ** (32 - network.prefix);
  const base = address - (address % size);
  return network.address - (network.address % size) === base;
}
