import type { Clock } from "../../clock/clock.ts";
import type { Rng } from "../../random/rng.ts";
import type { Tracer } from "../../trace/tracer.ts";
import type { RegistryRequest, RegistryResponse } from "../registry-http.ts";
import type { RegistryLimits } from "./registry-limits.ts";
import type { RegistryStore } from "./registry-store.ts";

/** What every request handler of a `MemRegistry` works with. */
export interface RegistryContext {
  readonly store: RegistryStore;
  readonly limits: RegistryLimits;
  readonly clock: Clock;
  readonly rng: Rng;
  /** Signs upload states. */
  readonly secret: Uint8Array;
  readonly tracer: Tracer;
  readonly deleteEnabled: boolean;
  /** OCI-spec `n`/`last` paging of `tags/list` (2.8.2 ignores both and lists every tag). */
  readonly tagsPagination: boolean;
  /** `http` unless the registry is served over TLS; Location URLs use it. */
  readonly scheme: string;
}

/** One request as a handler sees it. */
export interface RequestContext {
  readonly request: RegistryRequest;
  readonly query: URLSearchParams;
  /** How the client named the registry (its `Host`), for absolute Location URLs. */
  readonly host: string;
}

/**
 * A handler of a route under one repository: the repository's name and the route's last part
 * (a manifest reference, a blob digest, an upload UUID), as the path gave them.
 */
export type RepositoryRouteHandler = (
  context: RegistryContext,
  request: RequestContext,
  name: string,
  last: string,
) => RegistryResponse;

/** An absolute URL on this registry, as 2.8.2 builds Location headers from the request's Host. */
export function absoluteUrl(
  context: RegistryContext,
  request: RequestContext,
  path: string,
): string {
  return `${context.scheme}://${request.host}${path}`;
}
