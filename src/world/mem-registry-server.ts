import { parseNormalizedNamed } from "../image/reference.ts";
import { registryEndpoint } from "../registry/client/registry-endpoint.ts";
import type {
  RegistryHandler,
  RegistryRequest,
  RegistryResponse,
} from "../registry/registry-http.ts";
import { AccessPolicy } from "../registry/server/access-policy.ts";
import { MemRegistry } from "../registry/server/mem-registry.ts";
import type { MemRegistrySnapshot } from "../registry/server/registry-snapshot.ts";
import { TokenServer } from "../registry/server/token-server.ts";
import { LazySeeds, type PendingSeed } from "./lazy-seeds.ts";
import type { RegistryServer, RegistryServerOptions } from "./registry-server.ts";

/** What a restart carries from one incarnation to the next. */
interface Carried {
  readonly snapshot: MemRegistrySnapshot;
  readonly previous: MemRegistry;
  readonly tokenServer: TokenServer | undefined;
  /** Offline images no request has needed yet: still seeded on demand after the restart. */
  readonly unseeded: readonly PendingSeed[];
}

/**
 * The world's standard registry server: a `MemRegistry` (docker-registry 2.8.2's answers) over
 * the world's blob pool, seeded with the spec's offline images under their Docker Hub names
 * (`library/busybox:latest` on `docker.io`, `busybox:latest` elsewhere) when a request first
 * names their repository (`LazySeeds`: a world that never pulls alpine never builds it), and
 * with `auth` a `TokenServer` beside it at `auth.docker.io` (Docker Hub) or `auth.<registry host>`. A restart
 * restores blobs, manifests and tags (upload sessions are lost, as 2.8.2's are) and keeps the
 * token server, so tokens issued before stay valid.
 */
export async function memRegistryServer(options: RegistryServerOptions): Promise<RegistryServer> {
  const carried = options.restore as Carried | undefined;
  const tokenServer = carried?.tokenServer ?? tokenServerOf(options);
  const registryOptions = {
    name: options.name,
    clock: options.clock,
    rng: options.rng,
    tracer: options.tracer,
    pool: options.pool,
    scheme: registryEndpoint(options.name).scheme,
    ...(tokenServer === undefined ? {} : { auth: tokenServer }),
  };
  const registry =
    carried === undefined
      ? new MemRegistry(registryOptions)
      : MemRegistry.restore(carried.snapshot, {
          ...registryOptions,
          content: (digest) => carried.previous.blobBytes(digest),
        });
  const seeds = new LazySeeds(
    registry,
    carried?.unseeded ??
      options.images.map((source) => {
        const named = parseNormalizedNamed(source.reference);
        const repository =
          options.name === "docker.io" ? named.path : named.path.replace(/^library\//, "");
        return { repository, tag: named.tag ?? "latest", source };
      }),
  );
  return serverOf(registry, tokenServer, seeds);
}

function serverOf(
  registry: MemRegistry,
  tokenServer: TokenServer | undefined,
  seeds: LazySeeds,
): RegistryServer {
  return {
    handle: (request: RegistryRequest): Promise<RegistryResponse> => {
      const due = seeds.due(request.target);
      return due === undefined
        ? registry.handle(request)
        : due.then(() => registry.handle(request));
    },
    snapshot: (): Carried => ({
      snapshot: registry.snapshot(),
      previous: registry,
      tokenServer,
      unseeded: seeds.remaining(),
    }),
    ...(tokenServer === undefined
      ? {}
      : { tokenServer: tokenServer as TokenServer & RegistryHandler }),
  };
}

function tokenServerOf(options: RegistryServerOptions): TokenServer | undefined {
  if (options.auth === undefined) return undefined;
  const endpoint = registryEndpoint(options.name);
  const hub = options.name === "docker.io";
  return new TokenServer({
    name: hub ? "auth.docker.io" : `auth.${endpoint.host}`,
    service: hub ? "registry.docker.io" : options.name,
    policy: new AccessPolicy(options.auth),
    clock: options.clock,
    rng: options.rng.fork("token-server"),
    scheme: endpoint.scheme,
    tracer: options.tracer.with({ component: "auth" }),
  });
}
