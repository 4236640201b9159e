import type { EventLoop } from "../clock/event-loop.ts";
import type { BlobPool } from "../content/blob-pool.ts";
import type { Link } from "../net/link.ts";
import type { NetEndpoint } from "../net/net-endpoint.ts";
import type { Network } from "../net/network.ts";
import type { Rng } from "../random/rng.ts";
import type { RegistryHandler } from "../registry/registry-http.ts";
import type { Tracer } from "../trace/tracer.ts";
import type {
  RegistryServer,
  RegistryServerFactory,
  RegistryServerOptions,
  SeedImageSource,
} from "./registry-server.ts";
import { registryDomains } from "./world-addresses.ts";
import type { RegistryAuthSpec } from "./world-spec.ts";

/** How a `WorldRegistry` is made (by `World.create`). */
export interface WorldRegistryOptions {
  readonly name: string;
  readonly loop: EventLoop;
  readonly network: Network;
  readonly endpoint: NetEndpoint;
  readonly uplink: Link | undefined;
  readonly rng: Rng;
  readonly tracer: Tracer;
  readonly pool: BlobPool;
  readonly auth: RegistryAuthSpec | undefined;
  readonly images: readonly SeedImageSource[];
  readonly factory: RegistryServerFactory;
}

/** A registry of a world: its server, its place on the network, and its faults. */
export class WorldRegistry {
  readonly name: string;
  /** Where hosts dial it; `down()` makes it refuse. */
  readonly endpoint: NetEndpoint;
  /** Its access link, shared by every host's traffic (undefined: unlimited). */
  readonly uplink: Link | undefined;
  readonly #options: WorldRegistryOptions;
  #server: RegistryServer;
  #bootCount = 0;
  #restarting = false;
  readonly #tokenDomain: string | undefined;

  private constructor(options: WorldRegistryOptions, server: RegistryServer) {
    this.name = options.name;
    this.endpoint = options.endpoint;
    this.uplink = options.uplink;
    this.#options = options;
    this.#server = server;
    this.#tokenDomain = server.tokenServer?.name;
  }

  static async create(options: WorldRegistryOptions): Promise<WorldRegistry> {
    const server = await options.factory(serverOptions(options, options.rng, undefined));
    return new WorldRegistry(options, server);
  }

  /** The server now answering (a restart may replace it). */
  get server(): RegistryServer {
    return this.#server;
  }

  /**
   * The domains it answers to: its name, its API host (`registry-1.docker.io`) and its token
   * server's domain (`auth.docker.io`), all over the same links.
   */
  get domains(): string[] {
    return registryDomains(this.name, this.#tokenDomain === undefined ? [] : [this.#tokenDomain]);
  }

  /** The handler behind `domain` now: the token server for its domain, else the registry. */
  handlerFor(domain: string): RegistryHandler {
    if (domain === this.#tokenDomain && this.#server.tokenServer !== undefined)
      return this.#server.tokenServer;
    return this.#server;
  }

  get isUp(): boolean {
    return this.endpoint.isUp;
  }

  /** Refuses connections from now on; requests in flight are reset. */
  down(): void {
    this.#options.network.setUp(this.endpoint, false);
  }

  up(): void {
    this.#options.network.setUp(this.endpoint, true);
  }

  /**
   * Stops the server (connections reset), waits `downUs`, and starts a new instance from the
   * old one's snapshot (or keeps the old one when it has none), then accepts connections.
   */
  async restart(downUs: number): Promise<void> {
    const { loop, tracer } = this.#options;
    if (this.#restarting) return;
    this.#restarting = true;
    this.down();
    tracer.emit({ kind: "registry.server.stop", data: { downUs } });
    if (downUs > 0) await loop.sleep(downUs);
    const snapshot = this.#server.snapshot?.();
    if (snapshot !== undefined) {
      const rng = this.#options.rng.fork(`boot-${++this.#bootCount}`);
      this.#server = await this.#options.factory(serverOptions(this.#options, rng, snapshot));
    }
    tracer.emit({ kind: "registry.server.start", data: { restored: snapshot !== undefined } });
    this.#restarting = false;
    this.up();
  }
}

function serverOptions(
  options: WorldRegistryOptions,
  rng: Rng,
  restore: unknown,
): RegistryServerOptions {
  return {
    name: options.name,
    clock: options.loop.clock,
    scheduler: options.loop,
    rng,
    tracer: options.tracer,
    pool: options.pool,
    images: restore === undefined ? options.images : [],
    ...(options.auth === undefined ? {} : { auth: options.auth }),
    ...(restore === undefined ? {} : { restore }),
  };
}
