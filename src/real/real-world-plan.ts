/**
 * How a `WorldSpec` maps onto one Linux machine, worked out before anything starts: a loopback
 * address per host↔registry pair where that link's proxy listens, each dockerd's private hosts
 * entries, registry mirror and insecure registries, what to seed, and what of the spec the real
 * world does not reproduce.
 */
import {
  DEFAULT_LINK,
  type LinkShapeSpec,
  type OfflineImageName,
  type WorldSpec,
} from "../world/world-spec.ts";

/** One host↔registry link: where its proxy listens and how it is shaped. */
export interface PairPlan {
  readonly host: string;
  readonly registry: string;
  readonly listen: { readonly host: string; readonly port: number };
  readonly shape: LinkShapeSpec;
}

/** What one dockerd is started with. */
export interface HostPlan {
  readonly name: string;
  /** Registry domain → its pair's address, for the daemon's private /etc/hosts. */
  readonly hostsEntries: Readonly<Record<string, string>>;
  readonly registryMirrors: readonly string[];
  readonly insecureRegistries: readonly string[];
  /** Whether the daemon has `busybox:latest` from the start. */
  readonly busybox: boolean;
}

/** One registry and the repository its offline busybox is seeded under, if any. */
export interface RegistryPlan {
  readonly name: string;
  /** `library/busybox` on docker.io, `busybox` elsewhere (as the simulator names them). */
  readonly busyboxRepository?: string;
}

/** The whole mapping; `limitations` lists, one line each, what the real world leaves out. */
export interface RealWorldPlan {
  readonly hosts: readonly HostPlan[];
  readonly registries: readonly RegistryPlan[];
  readonly pairs: readonly PairPlan[];
  readonly limitations: readonly string[];
}

/** The most hosts, and registries, one real world runs (each costs a process or two). */
export const REAL_WORLD_MEMBERS_MAX = 16;

const REGISTRY_NAME = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/;
const HUB = "docker.io";

/** A registry name's domain and port (80 when it names none: these registries speak plain HTTP). */
function parseRegistryName(name: string): { domain: string; port: number } | undefined {
  const match = REGISTRY_NAME.exec(name);
  const port = Number(match?.[3] ?? "80");
  if (match?.[1] === undefined || port < 1 || port > 65_535) return undefined;
  return { domain: match[1], port };
}

/** The link shape of a pair: its `links` entry, else `defaultLink`, else {@link DEFAULT_LINK}. */
function shapeOf(spec: WorldSpec, host: string, registry: string): LinkShapeSpec {
  const link = spec.links?.find((l) => l.host === host && l.registry === registry);
  if (link !== undefined) return { latencyMs: link.latencyMs, bandwidthMbps: link.bandwidthMbps };
  return spec.defaultLink ?? DEFAULT_LINK;
}

/**
 * The plan for `spec`, or why it cannot run on the real side. `subnet` is the second octet of
 * the world's loopback addresses (`127.<subnet>.<host>.<registry>`): worlds running at the same
 * time on one machine (two test processes, a bench beside a test) need different ones.
 */
export function planRealWorld(spec: WorldSpec, subnet = 77): RealWorldPlan | string {
  const registries = spec.registries ?? [];
  if (spec.hosts.length > REAL_WORLD_MEMBERS_MAX || registries.length > REAL_WORLD_MEMBERS_MAX)
    return `a real world runs at most ${REAL_WORLD_MEMBERS_MAX} hosts and ${REAL_WORLD_MEMBERS_MAX} registries`;
  const pairs: PairPlan[] = [];
  const hosts: HostPlan[] = [];
  for (const [hostIndex, host] of spec.hosts.entries()) {
    const hostsEntries: Record<string, string> = {};
    const registryMirrors: string[] = [];
    const insecureRegistries: string[] = [];
    for (const [registryIndex, registry] of registries.entries()) {
      const parsed = parseRegistryName(registry.name);
      if (parsed === undefined) return `registry name ${registry.name} is not a domain[:port]`;
      // Each pair gets its own loopback address, so one proxy (one link) serves one pair only.
      const pairAddress = `127.${subnet}.${hostIndex + 1}.${registryIndex + 1}`;
      let listen = { host: pairAddress, port: parsed.port };
      if (registry.name === HUB) {
        listen = { host: pairAddress, port: 80 };
        registryMirrors.push(`http://${pairAddress}`);
      } else if (parsed.domain === "localhost" || parsed.domain === "127.0.0.1") {
        // localhost must stay 127.0.0.1 (containers and the CLI mean this machine by it).
        if (spec.hosts.length > 1)
          return `registry ${registry.name} is this machine's own loopback address, which only one host can reach over its own link; the docker backend needs a domain name (registry.local:5000) for a registry shared by ${spec.hosts.length} hosts`;
        listen = { host: "127.0.0.1", port: parsed.port };
      } else if (/^[0-9.]+$/.test(parsed.domain)) {
        return `registry ${registry.name}: an IP address other than 127.0.0.1 cannot be given to a local proxy; use a domain name`;
      } else {
        hostsEntries[parsed.domain] = pairAddress;
        insecureRegistries.push(registry.name);
      }
      pairs.push({
        host: host.name,
        registry: registry.name,
        listen,
        shape: shapeOf(spec, host.name, registry.name),
      });
    }
    const busybox = host.baseImages?.includes("busybox") === true;
    hosts.push({ name: host.name, hostsEntries, registryMirrors, insecureRegistries, busybox });
  }
  return {
    hosts,
    registries: registries.map((registry) => ({
      name: registry.name,
      ...(registry.images?.includes("busybox") === true
        ? { busyboxRepository: registry.name === HUB ? "library/busybox" : "busybox" }
        : {}),
    })),
    pairs,
    limitations: limitationsOf(spec),
  };
}

function limitationsOf(spec: WorldSpec): string[] {
  const lines: string[] = [];
  const alpine = (images: readonly OfflineImageName[] | undefined) =>
    images?.includes("alpine") === true;
  for (const host of spec.hosts) {
    if (alpine(host.baseImages))
      lines.push(`host ${host.name}: alpine has no offline real image; the daemon lacks it`);
    if (host.uplinkMbps !== undefined)
      lines.push(`host ${host.name}: its uplink is not modelled, only host↔registry links`);
    if (host.clientLink !== undefined)
      lines.push(`host ${host.name}: the client link is not shaped (a local unix socket)`);
  }
  for (const registry of spec.registries ?? []) {
    if (alpine(registry.images))
      lines.push(`registry ${registry.name}: alpine has no offline real image; not seeded`);
    if (registry.uplinkMbps !== undefined)
      lines.push(`registry ${registry.name}: its uplink is not modelled, only host↔registry links`);
    if (registry.auth !== undefined)
      lines.push(
        `registry ${registry.name}: token auth is not reproduced; anyone may push and pull`,
      );
    if (registry.name === HUB)
      lines.push(
        "registry docker.io: reached as a --registry-mirror, so it serves pulls only; a push to docker.io is not served (dockerd sends it to the real Docker Hub)",
      );
  }
  return lines;
}
