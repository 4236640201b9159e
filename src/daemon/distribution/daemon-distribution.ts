import type { Clock } from "../../clock/clock.ts";
import type { AuthConfig } from "../../engine/api-types.ts";
import { RegistryClient } from "../../registry/client/registry-client.ts";
import {
  credentialsFromAuthConfig,
  type RegistryCredentials,
} from "../../registry/client/registry-credentials.ts";
import { registryEndpoint } from "../../registry/client/registry-endpoint.ts";
import type { RegistryResolver } from "../../registry/client/registry-resolver.ts";
import { type CompressedLayerCache, PROCESS_COMPRESSED_LAYERS } from "./compressed-layer-cache.ts";
import { DistributionMetadata } from "./distribution-metadata.ts";
import { ManifestCache } from "./manifest-cache.ts";

/** Registries a daemon knows credentials for, at most. */
const LOGIN_COUNT_MAX = 1000;

/**
 * What a daemon's push, pull and login share: the resolver that reaches registries, the
 * distribution metadata and manifest cache of this daemon, the process-wide layer codec cache,
 * and the credentials of `docker login`. dockerd keeps no credentials (the CLI sends them with
 * every push and pull); drydock's client has no credential store, so the daemon remembers the
 * last successful login per registry and uses it when a request carries none.
 */
export class DaemonDistribution {
  readonly resolver: RegistryResolver;
  readonly metadata: DistributionMetadata;
  readonly manifests: ManifestCache = new ManifestCache();
  readonly compressed: CompressedLayerCache;
  readonly #logins = new Map<string, RegistryCredentials>();

  constructor(
    options: {
      resolver?: RegistryResolver;
      compressed?: CompressedLayerCache;
      metadata?: DistributionMetadata;
    } = {},
  ) {
    this.resolver = options.resolver ?? (() => undefined);
    this.compressed = options.compressed ?? PROCESS_COMPRESSED_LAYERS;
    this.metadata = options.metadata ?? new DistributionMetadata();
  }

  /** Remembers credentials that logged in to `domain`. */
  remember(domain: string, credentials: RegistryCredentials): void {
    const key = registryEndpoint(domain).domain;
    this.#logins.delete(key);
    if (this.#logins.size >= LOGIN_COUNT_MAX)
      this.#logins.delete(this.#logins.keys().next().value!);
    this.#logins.set(key, credentials);
  }

  /** The credentials for a registry: the request's own, else the last login's. */
  credentialsFor(domain: string, auth: AuthConfig | undefined): RegistryCredentials | undefined {
    return credentialsFromAuthConfig(auth) ?? this.#logins.get(registryEndpoint(domain).domain);
  }

  /** A client for one operation on the registry of `domain`. */
  client(options: {
    domain: string;
    clock: Clock;
    credentials: RegistryCredentials | undefined;
  }): RegistryClient {
    return new RegistryClient({
      domain: options.domain,
      resolver: this.resolver,
      clock: options.clock,
      ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    });
  }
}
