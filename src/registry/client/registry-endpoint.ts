import { DEFAULT_DOMAIN } from "../../image/reference.ts";

/** Where a registry's API is, as dockerd names it in URLs, `Host` headers and messages. */
export interface RegistryEndpoint {
  /** The domain of image references: `localhost:5000`, `docker.io`. */
  readonly domain: string;
  readonly scheme: "http" | "https";
  /** The API host: `localhost:5000`, `registry-1.docker.io` for Docker Hub. */
  readonly host: string;
}

/** Docker Hub's API host (the `docker.io` domain of references is served there). */
export const HUB_API_HOST = "registry-1.docker.io";

/**
 * The endpoint dockerd talks to for a reference domain. Loopback registries are insecure by
 * default, so dockerd ends up on `http://` there (after a refused TLS attempt); every other
 * registry is reached over `https://`, and error messages name the URL that way.
 */
export function registryEndpoint(domain: string): RegistryEndpoint {
  if (domain === DEFAULT_DOMAIN || domain === "index.docker.io")
    return { domain: DEFAULT_DOMAIN, scheme: "https", host: HUB_API_HOST };
  return { domain, scheme: isLoopback(hostnameOf(domain)) ? "http" : "https", host: domain };
}

/** The absolute URL of a request target on an endpoint, as Go prints it in errors. */
export function endpointUrl(endpoint: RegistryEndpoint, target: string): string {
  return `${endpoint.scheme}://${endpoint.host}${target}`;
}

/** The host name of `host[:port]` (brackets of an IPv6 literal removed). */
export function hostnameOf(host: string): string {
  if (host.startsWith("[")) return host.slice(1, Math.max(1, host.indexOf("]")));
  const colon = host.lastIndexOf(":");
  return colon < 0 ? host : host.slice(0, colon);
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "::1" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
