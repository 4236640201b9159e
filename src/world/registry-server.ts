import type { Clock } from "../clock/clock.ts";
import type { Scheduler } from "../clock/event-loop.ts";
import type { BlobPool } from "../content/blob-pool.ts";
import type { Rng } from "../random/rng.ts";
import type { RegistryHandler } from "../registry/registry-http.ts";
import type { OfflineImage } from "../runtime/offline-images.ts";
import type { Tracer } from "../trace/tracer.ts";
import type { RegistryAuthSpec } from "./world-spec.ts";

/**
 * An offline image a registry holds from the start, named before it is made: building and
 * compressing an image costs milliseconds, so a server makes it only when a request needs it.
 */
export interface SeedImageSource {
  /** `busybox:latest`, as `load().reference` says. */
  readonly reference: string;
  load(): OfflineImage;
}

/** A registry server of a world: a request handler whose state can outlive a restart. */
export interface RegistryServer extends RegistryHandler {
  /**
   * Its whole state, for a restart: the factory gets it back as `restore`. Without it a restart
   * keeps the same server object (its state survives trivially).
   */
  snapshot?(): unknown;
  /**
   * A token server beside it, reached over the same links by its own domain (`auth.docker.io`):
   * its `name` is that domain. Read once, when the world is built.
   */
  readonly tokenServer?: RegistryHandler & { readonly name: string };
}

/** What a world gives the factory of each registry server. */
export interface RegistryServerOptions {
  /** The registry's domain (`docker.io`, `localhost:5000`). */
  readonly name: string;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Forked from the world's root as `registry/<name>` (a restart forks `…/boot-<n>`). */
  readonly rng: Rng;
  /** Fills in `host: <name>`, `component: registry`. */
  readonly tracer: Tracer;
  /** The world's blob pool: blobs held by hosts and registries are stored once. */
  readonly pool: BlobPool;
  readonly auth?: RegistryAuthSpec;
  /** Images to hold from the start (only when not restoring), made when first needed. */
  readonly images: readonly SeedImageSource[];
  /** A previous incarnation's `snapshot()`, when the registry restarts. */
  readonly restore?: unknown;
}

/**
 * Makes a registry server; `World.create` calls it once per registry and again at each restart.
 * The registry server of `src/registry/server/` (MemRegistry) plugs in here.
 */
export type RegistryServerFactory = (
  options: RegistryServerOptions,
) => RegistryServer | Promise<RegistryServer>;
