import type { EventLoop } from "../clock/event-loop.ts";
import type { BlobPool } from "../content/blob-pool.ts";
import type { DaemonLimits } from "../daemon/daemon-limits.ts";
import type { LayerTreeCache } from "../daemon/layer-tree-cache.ts";
import type { Link } from "../net/link.ts";
import { LinkTransport } from "../net/link-transport.ts";
import type { Network } from "../net/network.ts";
import type { Rng } from "../random/rng.ts";
import type { RegistryTransport } from "../registry/registry-http.ts";
import type { Tracer } from "../trace/tracer.ts";
import { offlineImage, offlineImageSource } from "./offline-catalog.ts";
import type { RegistryServerFactory } from "./registry-server.ts";
import type { RuntimeMaker } from "./runtime-maker.ts";
import { hostIp, registryAddress } from "./world-addresses.ts";
import { WorldHost } from "./world-host.ts";
import { WorldRegistry } from "./world-registry.ts";
import {
  bytesPerSecondOfMbps,
  DEFAULT_CLIENT_LINK,
  DEFAULT_LINK,
  type LinkShapeSpec,
  type WorldSpec,
} from "./world-spec.ts";

/**
 * A registry's own time per request: docker-registry 2.8.2 on its filesystem storage answers a
 * request in about 5 ms on the machine the time model was calibrated on (gaps between requests
 * of one layer's upload, seen by the link proxy, minus the round trips).
 */
export const REGISTRY_SERVICE_US = 5_000;

/** A world's machines and the links between them, by name. */
export interface WorldNetwork {
  readonly loop: EventLoop;
  readonly network: Network;
  readonly tracer: Tracer;
  readonly hosts: ReadonlyMap<string, WorldHost>;
  readonly registries: ReadonlyMap<string, WorldRegistry>;
  /** Keyed `host\nregistry`. */
  readonly pairLinks: ReadonlyMap<string, Link>;
}

/** What `buildNetwork` needs besides the spec. */
export interface BuildNetworkOptions {
  readonly loop: EventLoop;
  readonly network: Network;
  readonly tracer: Tracer;
  readonly rng: Rng;
  readonly pool: BlobPool;
  readonly layerTrees: LayerTreeCache;
  readonly runtime: RuntimeMaker | undefined;
  readonly registryServer: RegistryServerFactory | undefined;
  readonly daemonLimits: Partial<DaemonLimits> | undefined;
}

/**
 * Builds registries first (each with its endpoint and optional uplink), then every
 * host↔registry link, then hosts with a resolver that reaches each registry (by its name, its
 * API host and its aliases) over host uplink → pair link → registry uplink.
 */
export async function buildNetwork(
  spec: WorldSpec,
  options: BuildNetworkOptions,
): Promise<WorldNetwork> {
  const { loop, network, tracer, rng } = options;
  const registries = await buildRegistries(spec, options);
  const explicit = new Map(
    (spec.links ?? []).map((link) => [`${link.host}\n${link.registry}`, link]),
  );
  const pairLinks = new Map<string, Link>();
  const hosts = new Map<string, WorldHost>();
  for (const [index, host] of spec.hosts.entries()) {
    const hostRng = rng.fork(`host/${host.name}`);
    const hostUplink = uplink(network, `${host.name} uplink`, host.uplinkMbps);
    const transports = new Map<string, RegistryTransport>();
    for (const [registryIndex, registrySpec] of (spec.registries ?? []).entries()) {
      const key = `${host.name}\n${registrySpec.name}`;
      const shape = explicit.get(key) ?? spec.defaultLink ?? DEFAULT_LINK;
      const pair = link(network, `${host.name}<->${registrySpec.name}`, shape);
      pairLinks.set(key, pair);
      const registry = registries.get(registrySpec.name)!;
      const links = [hostUplink, pair, registry.uplink].filter((l): l is Link => l !== undefined);
      const localIp = registryAddress(registrySpec.name, registryIndex).clientIp ?? hostIp(index);
      const ports = hostRng.fork(`net/ports/${registrySpec.name}`);
      for (const domain of registry.domains) {
        const handler = () => registry.handlerFor(domain);
        transports.set(
          domain,
          new LinkTransport({
            network,
            links,
            endpoint: registry.endpoint,
            handler,
            localIp,
            clientName: host.name,
            rng: ports,
            serviceUs: REGISTRY_SERVICE_US,
          }),
        );
      }
    }
    hosts.set(
      host.name,
      await WorldHost.create({
        name: host.name,
        ip: hostIp(index),
        loop,
        network,
        rng: hostRng,
        tracer,
        pool: options.pool,
        layerTrees: options.layerTrees,
        registries: (domain) => transports.get(domain),
        clientLink: link(network, `${host.name} client`, host.clientLink ?? DEFAULT_CLIENT_LINK),
        uplink: hostUplink,
        baseImages: (host.baseImages ?? []).map(offlineImage),
        runtime: options.runtime,
        ...(options.daemonLimits === undefined ? {} : { limits: options.daemonLimits }),
      }),
    );
  }
  return { loop, network, tracer, hosts, registries, pairLinks };
}

async function buildRegistries(
  spec: WorldSpec,
  options: BuildNetworkOptions,
): Promise<Map<string, WorldRegistry>> {
  const { loop, network, tracer, rng } = options;
  const registries = new Map<string, WorldRegistry>();
  for (const [index, registry] of (spec.registries ?? []).entries()) {
    const { address } = registryAddress(registry.name, index);
    registries.set(
      registry.name,
      await WorldRegistry.create({
        name: registry.name,
        loop,
        network,
        endpoint: network.endpoint({ name: registry.name, address }),
        uplink: uplink(network, `${registry.name} uplink`, registry.uplinkMbps),
        rng: rng.fork(`registry/${registry.name}`),
        tracer: tracer.with({ host: registry.name, component: "registry" }),
        pool: options.pool,
        auth: registry.auth,
        images: (registry.images ?? []).map(offlineImageSource),
        factory: options.registryServer!,
      }),
    );
  }
  return registries;
}

function link(network: Network, name: string, shape: LinkShapeSpec): Link {
  return network.link({
    name,
    latencyUs: Math.round(shape.latencyMs * 1_000),
    bandwidthBytesPerSecond: bytesPerSecondOfMbps(shape.bandwidthMbps),
  });
}

function uplink(network: Network, name: string, mbps: number | undefined): Link | undefined {
  return mbps === undefined
    ? undefined
    : link(network, name, { latencyMs: 0, bandwidthMbps: mbps });
}
