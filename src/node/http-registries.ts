import { DrydockError } from "../errors/drydock-error.ts";
import { registryEndpoint } from "../registry/client/registry-endpoint.ts";
import type { RegistryResolver } from "../registry/client/registry-resolver.ts";
import { HttpRegistryTransport } from "./http-registry-transport.ts";

/** Real HTTP registries by reference domain, and the resolver over them. */
export interface HttpRegistries {
  /** Reference domains, sorted, with the URL each is reached at. */
  readonly entries: readonly { readonly domain: string; readonly origin: string }[];
  readonly resolver: RegistryResolver;
  /** Closes kept-alive connections. */
  close(): void;
}

/** Entries of a list, so a typo cannot grow it without end. */
const ENTRY_COUNT_MAX = 64;

/**
 * Reads `DRYDOCK_REGISTRIES`: a comma-separated list naming the registries the embedded daemon
 * reaches over real HTTP instead of the simulated ones, each as
 *
 * - `HOST:PORT`: that domain, at `http://HOST:PORT` on loopback, `https://HOST:PORT` elsewhere
 *   (dockerd's default for insecure loopback registries);
 * - `http://HOST:PORT` or `https://HOST[:PORT]`: that domain, with the scheme given;
 * - `DOMAIN=URL`: references naming `DOMAIN` (`localhost:5000`) go to `URL`.
 *
 * A domain not listed stays the embedded world's (`docker.io`, `localhost:5000`).
 */
export function parseHttpRegistries(spec: string): HttpRegistries {
  const parts = spec
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (parts.length > ENTRY_COUNT_MAX) throw invalid(spec, `at most ${ENTRY_COUNT_MAX} registries`);
  const table = new Map<string, HttpRegistryTransport>();
  for (const part of parts) {
    const { domain, origin } = parseEntry(part);
    if (table.has(domain)) throw invalid(spec, `${domain} is listed twice`);
    table.set(domain, new HttpRegistryTransport({ origin }));
  }
  const entries = [...table]
    .map(([domain, transport]) => ({ domain, origin: transport.origin.origin }))
    .sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  return {
    entries,
    resolver: (domain) => table.get(domain),
    close: () => {
      for (const transport of table.values()) transport.close();
    },
  };
}

function parseEntry(part: string): { domain: string; origin: string } {
  const equals = part.indexOf("=");
  if (equals >= 0) {
    const domain = part.slice(0, equals);
    const origin = originOf(part.slice(equals + 1), part);
    if (!/^[A-Za-z0-9.[\]:-]+$/.test(domain)) throw invalid(part, "a domain is HOST[:PORT]");
    return { domain, origin };
  }
  const origin = originOf(part, part);
  return { domain: new URL(origin).host, origin };
}

/** `HOST:PORT` (scheme as dockerd picks it) or an `http(s)://` URL, as an origin. */
function originOf(text: string, part: string): string {
  const withScheme = /^https?:\/\//.test(text)
    ? text
    : `${registryEndpoint(text).scheme}://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid(part, "want HOST:PORT or a URL");
  }
  if (url.pathname !== "/" || url.search !== "" || url.username !== "")
    throw invalid(part, "a registry URL has no path, query or user");
  return url.origin;
}

function invalid(what: string, reason: string): DrydockError {
  return new DrydockError("InvalidArgument", `DRYDOCK_REGISTRIES: ${what}: ${reason}`, {
    data: { entry: what },
  });
}
