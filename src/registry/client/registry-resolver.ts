import type { RegistryTransport } from "../registry-http.ts";

/**
 * Finds the transport that reaches a registry (or a token server) by the domain a reference or
 * a URL names: `localhost:5000`, `docker.io` (Docker Hub's role), `auth.example:443`.
 * Undefined means no such host: requests fail as Go's DNS lookup fails.
 */
export type RegistryResolver = (domain: string) => RegistryTransport | undefined;

/** A resolver over a fixed table of transports. */
export function staticResolver(
  transports: Readonly<Record<string, RegistryTransport>>,
): RegistryResolver {
  const table = new Map(Object.entries(transports));
  return (domain) => table.get(domain);
}
