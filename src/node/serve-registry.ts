import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SystemClock } from "../clock/system-clock.ts";
import { SeededRng } from "../random/rng.ts";
import type { RegistryHandler } from "../registry/registry-http.ts";
import { AccessPolicy, type AccessPolicyOptions } from "../registry/server/access-policy.ts";
import type { RegistryLimits } from "../registry/server/registry-limits.ts";
import { DEFAULT_REGISTRY_LIMITS } from "../registry/server/registry-limits.ts";
import type { TokenVerifier } from "../registry/server/registry-token.ts";
import { TokenServer } from "../registry/server/token-server.ts";
import { PersistentRegistry } from "./persistent-registry.ts";
import { RegistryHttpServer } from "./registry-http-server.ts";

/** How `serveRegistry` serves. */
export interface ServeRegistryOptions {
  /** Interface to listen on: `127.0.0.1`, `::1`, `0.0.0.0`. */
  readonly host: string;
  /** 0: any free port (the answer says which). */
  readonly port: number;
  /** Where the registry's state lives (`<data-root>/registry` for the CLI). */
  readonly dir: string;
  /** Accept `DELETE` of manifests and blobs (2.8.2's `storage.delete.enabled`). */
  readonly deleteEnabled?: boolean;
  readonly limits?: Partial<RegistryLimits>;
  /**
   * Token auth: a token server on the same address (`/token`), users and grants as given; the
   * registry then wants a Bearer token for everything, as a registry with `auth.token` does.
   */
  readonly auth?: AccessPolicyOptions;
  readonly log?: (line: string) => void;
}

/** A registry being served. */
export interface RunningRegistry {
  readonly address: AddressInfo;
  /** `host:port` as clients name it (IPv6 in brackets). */
  readonly authority: string;
  readonly registry: PersistentRegistry;
  /** Stops listening, waits for open requests and the last save. */
  close(): Promise<void>;
}

/**
 * `drydock registry`: a `PersistentRegistry` on a directory, served over HTTP/1.1. Resolves
 * once it listens; its state was restored (and verified) from the directory first.
 */
export async function serveRegistry(options: ServeRegistryOptions): Promise<RunningRegistry> {
  const limits = { ...DEFAULT_REGISTRY_LIMITS, ...options.limits };
  const authority = (port: number): string =>
    `${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`;
  const auth = options.auth === undefined ? undefined : tokenAuth(options.auth);
  const registry = await PersistentRegistry.open({
    dir: options.dir,
    name: authority(options.port),
    deleteEnabled: options.deleteEnabled ?? false,
    limits,
    ...(auth === undefined ? {} : { auth: auth.verifier }),
  });
  const handler: RegistryHandler =
    auth === undefined
      ? registry
      : {
          handle: (request) =>
            /^\/token(\?|$)/.test(request.target)
              ? auth.tokens.handle(request)
              : registry.handle(request),
        };
  const server = new RegistryHttpServer({
    handler,
    blobSizeBytesMax: limits.blobSizeBytesMax,
    manifestSizeBytesMax: limits.manifestSizeBytesMax,
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const address = await server.listen({ host: options.host, port: options.port });
  // The realm names the port really bound; an unspecified address is reached on loopback.
  const unspecified = options.host === "0.0.0.0" || options.host === "::";
  const realmHost = unspecified ? `127.0.0.1:${address.port}` : authority(address.port);
  auth?.setRealm(`http://${realmHost}/token`);
  return {
    address,
    authority: authority(address.port),
    registry,
    close: async () => {
      await server.close();
      await registry.flush();
    },
  };
}

/** A token server for a policy, and the registry's view of it, whose realm is set once bound. */
function tokenAuth(policy: AccessPolicyOptions): {
  tokens: TokenServer;
  verifier: TokenVerifier;
  setRealm(realm: string): void;
} {
  const tokens = new TokenServer({
    name: "drydock-registry",
    service: "drydock-registry",
    policy: new AccessPolicy(policy),
    clock: new SystemClock(),
    rng: SeededRng.fromSeed(randomBytes(16).toString("hex")),
    scheme: "http",
  });
  let realm = "";
  return {
    tokens,
    verifier: {
      get realm() {
        return realm;
      },
      service: tokens.service,
      verify: (token, nowUs) => tokens.verify(token, nowUs),
    },
    setRealm: (value) => {
      realm = value;
    },
  };
}
