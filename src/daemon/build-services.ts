import type { BuildHost } from "../builder/build-host.ts";
import type { BuildContextInput, ImageBuildOptions } from "../engine/engine.ts";
import type { JsonMessageStream } from "../engine/json-message.ts";

/**
 * The daemon's services to the Dockerfile builder: resolve (and later pull) a base image, get
 * an image's sealed layer trees, create/run/kill/remove build containers and read their diffs,
 * commit a layer and config as an image with a parent, tag, and list cache candidates (the
 * children of a parent). This is `src/builder`'s `BuildHost`, which the builder was written
 * against; the daemon implements it (`daemonBuildServices`). Kept stable for the builder.
 */
export type BuildServices = BuildHost;

/** The builder as the daemon calls it: `src/builder`'s `Builder` fits. */
export interface ImageBuilder {
  build(context: BuildContextInput, options: ImageBuildOptions): JsonMessageStream;
}

/**
 * Makes the daemon's builder from the daemon's build services; the daemon calls it once, when it
 * is constructed (the builder needs the daemon, the daemon the builder). For example
 * `(services) => new Builder({ host: services, clock, scheduler })`.
 */
export type BuilderFactory = (services: BuildServices) => ImageBuilder;
