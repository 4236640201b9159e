import type { Digest } from "../digest/digest.ts";
import { MemRegistry, type MemRegistryOptions } from "../registry/server/mem-registry.ts";
import type { MemRegistrySnapshot } from "../registry/server/registry-snapshot.ts";
import { seedImages } from "../registry/server/seed-images.ts";
import type {
  RegistryServer,
  RegistryServerFactory,
  RegistryServerOptions,
} from "../world/registry-server.ts";

/**
 * The registry server scenarios run: drydock's `MemRegistry` (docker-registry 2.8.2's answers),
 * seeded with the spec's offline images (`busybox:latest` as `library/busybox:latest` on Docker
 * Hub's domain, as a pull of `busybox` asks for it), restarted from its snapshot.
 * (Until `src/world` or `src/registry/server` ships such a factory; then this defers to it.)
 */
export const defaultRegistryServer: RegistryServerFactory = async (options) => {
  const memOptions: MemRegistryOptions = {
    name: options.name,
    clock: options.clock,
    rng: options.rng,
    tracer: options.tracer,
    pool: options.pool,
  };
  if (options.restore !== undefined) {
    const registry = MemRegistry.restore(options.restore as MemRegistrySnapshot, {
      ...memOptions,
      content: (digest: Digest) => options.pool.bytesOf(digest),
    });
    return asServer(registry);
  }
  const registry = new MemRegistry(memOptions);
  await seedImages(
    registry,
    options.images.map((image) => ({ ...repositoryOf(image.reference, options), image })),
  );
  return asServer(registry);
};

function asServer(registry: MemRegistry): RegistryServer {
  return { handle: (request) => registry.handle(request), snapshot: () => registry.snapshot() };
}

/** `busybox:latest` → `library/busybox` + `latest` on Docker Hub, the path elsewhere as is. */
function repositoryOf(
  reference: string,
  options: RegistryServerOptions,
): { repository: string; tag: string } {
  const colon = reference.lastIndexOf(":");
  const path = colon < 0 ? reference : reference.slice(0, colon);
  const tag = colon < 0 ? "latest" : reference.slice(colon + 1);
  const hub = options.name === "docker.io" && !path.includes("/");
  return { repository: hub ? `library/${path}` : path, tag };
}
