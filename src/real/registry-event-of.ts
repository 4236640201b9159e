/**
 * Registry trace events read off the HTTP exchanges a link proxy forwards, with the kinds and
 * data the simulated registry emits (`src/registry/server/*-handlers.ts`), so the walkthrough
 * describes a real run as it describes a simulated one.
 */
import type { TraceValue, WorkflowStep } from "../trace/trace-event.ts";
import type { LinkExchange } from "./link-exchange.ts";

/** A registry trace event without its sequence number and instant. */
export interface RegistryEventBody {
  readonly kind: string;
  readonly component: "registry";
  /** The registry's name, as the simulated registry's events carry it. */
  readonly host?: string;
  readonly step?: WorkflowStep;
  /** `client` (the host that asked) first, then what the simulator's event carries. */
  readonly data: Record<string, TraceValue>;
}

/** Uploads {@link UploadSizes} remembers at once; the oldest is forgotten past it. */
export const UPLOAD_SIZES_COUNT_MAX = 4_096;

/**
 * Bytes received so far per upload session, from the `Range` of `PATCH` answers, so that the
 * closing `PUT` (whose body is empty when dockerd streamed the blob in a `PATCH`) can say the
 * blob's size. One per link, or per registry.
 */
export class UploadSizes {
  readonly #bytes = new Map<string, number>();

  /** Remembers that upload `uuid` holds `sizeBytes`. */
  set(uuid: string, sizeBytes: number): void {
    this.#bytes.delete(uuid);
    if (this.#bytes.size >= UPLOAD_SIZES_COUNT_MAX)
      this.#bytes.delete(this.#bytes.keys().next().value!);
    this.#bytes.set(uuid, sizeBytes);
  }

  /** Forgets upload `uuid`, returning what it held. */
  take(uuid: string): number | undefined {
    const sizeBytes = this.#bytes.get(uuid);
    this.#bytes.delete(uuid);
    return sizeBytes;
  }
}

/** What a registry API path names. */
type Route =
  | { readonly what: "blob"; readonly repository: string; readonly digest: string }
  | { readonly what: "manifest"; readonly repository: string; readonly reference: string }
  | { readonly what: "uploads"; readonly repository: string }
  | { readonly what: "upload"; readonly repository: string; readonly uuid: string };

const ROUTE = /^\/v2\/(.+?)\/(?:blobs\/uploads\/([^/]*)|blobs\/([^/]+)|manifests\/([^/]+))$/;

/** The route of an origin-form path with query, or undefined for other paths (`/v2/`, catalog). */
function routeOf(path: string): { route: Route; query: URLSearchParams } | undefined {
  const queryAt = path.indexOf("?");
  const bare = queryAt < 0 ? path : path.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? "" : path.slice(queryAt + 1));
  const match = ROUTE.exec(bare);
  if (match === null) return undefined;
  const [, repository, uuid, digest, reference] = match as unknown as [
    string,
    string,
    string | undefined,
    string | undefined,
    string | undefined,
  ];
  const decode = (text: string) => safeDecode(text);
  if (uuid === "") return { route: { what: "uploads", repository }, query };
  if (uuid !== undefined)
    return { route: { what: "upload", repository, uuid: decode(uuid) }, query };
  if (digest !== undefined)
    return { route: { what: "blob", repository, digest: decode(digest) }, query };
  return { route: { what: "manifest", repository, reference: decode(reference!) }, query };
}

/**
 * The event the simulated registry would have emitted for `exchange`, or undefined for
 * exchanges it does not trace (`GET /v2/`, failures, answers without an event such as 404s).
 * `host` is the client host, `registry` the registry's name. Sizes the exchange cannot show are
 * left out: a commit's `sizeBytes` needs `uploads`, fed by every exchange of that registry.
 */
export function registryEventOf(
  exchange: LinkExchange,
  options: { host: string; registry: string; uploads?: UploadSizes },
): RegistryEventBody | undefined {
  if (exchange.error !== undefined || exchange.status === undefined) return undefined;
  const parsed = routeOf(exchange.path);
  if (parsed === undefined) return undefined;
  const found = eventOf(exchange, parsed.route, parsed.query, options.uploads);
  if (found === undefined) return undefined;
  return {
    kind: found.kind,
    component: "registry",
    host: options.registry,
    ...(found.step === undefined ? {} : { step: found.step }),
    data: { client: options.host, ...found.data },
  };
}

type Found = { kind: string; step?: WorkflowStep; data: Record<string, TraceValue> } | undefined;

function eventOf(
  exchange: LinkExchange,
  route: Route,
  query: URLSearchParams,
  uploads: UploadSizes | undefined,
): Found {
  const { method, status } = exchange;
  const response = exchange.responseHeaders;
  const { repository } = route;
  switch (route.what) {
    case "blob":
      return blobEvent(exchange, route);
    case "manifest":
      if ((method === "GET" || method === "HEAD") && status === 200)
        return {
          kind: "registry.manifest.get",
          step: 6,
          data: {
            repository,
            reference: route.reference,
            ...text("digest", response["docker-content-digest"]),
            ...text("mediaType", response["content-type"]),
            method,
          },
        };
      if (method === "PUT" && status === 201)
        return {
          kind: "registry.manifest.put",
          step: 5,
          data: {
            repository,
            reference: route.reference,
            ...text("digest", response["docker-content-digest"]),
            ...text("mediaType", exchange.requestHeaders["content-type"]),
            sizeBytes: exchange.requestBytes,
          },
        };
      if (method === "DELETE" && status === 202)
        return { kind: "registry.manifest.delete", data: { repository, digest: route.reference } };
      return undefined;
    case "uploads":
      return uploadsEvent(exchange, repository, query);
    case "upload":
      return uploadEvent({ exchange, repository, uuid: route.uuid, query, uploads });
  }
}

function blobEvent(exchange: LinkExchange, route: Route & { what: "blob" }): Found {
  const { method, status } = exchange;
  const { repository, digest } = route;
  if (method === "DELETE")
    return status === 202
      ? { kind: "registry.blob.delete", data: { repository, digest } }
      : undefined;
  if (method !== "GET" && method !== "HEAD") return undefined;
  // The simulator says the blob's whole size, also for a range.
  const total = /\/(\d+)$/.exec(exchange.responseHeaders["content-range"] ?? "")?.[1];
  const length = exchange.responseHeaders["content-length"];
  const sizeBytes = status === 206 ? total : status === 200 ? length : undefined;
  if (sizeBytes === undefined) return undefined;
  const exists = method === "HEAD";
  return {
    kind: exists ? "registry.blob.exists" : "registry.blob.get",
    step: exists ? 5 : 6,
    data: { repository, digest, sizeBytes: Number(sizeBytes) },
  };
}

function uploadsEvent(exchange: LinkExchange, repository: string, query: URLSearchParams): Found {
  if (exchange.method !== "POST") return undefined;
  const mount = query.get("mount");
  if (exchange.status === 201 && mount !== null)
    return {
      kind: "registry.blob.mount",
      step: 5,
      data: { repository, from: query.get("from") ?? "", digest: mount },
    };
  const uuid = exchange.responseHeaders["docker-upload-uuid"];
  if (exchange.status === 202 && uuid !== undefined)
    return { kind: "registry.blob.upload.start", step: 5, data: { repository, uuid } };
  return undefined;
}

function uploadEvent(options: {
  exchange: LinkExchange;
  repository: string;
  uuid: string;
  query: URLSearchParams;
  uploads: UploadSizes | undefined;
}): Found {
  const { exchange, repository, uuid, query, uploads } = options;
  const { method, status } = exchange;
  if (method === "PATCH" && status === 202) {
    // `Range: 0-N` counts the bytes received so far (N + 1), as 2.8.2 answers.
    const last = /^0-(\d+)$/.exec(exchange.responseHeaders.range ?? "")?.[1];
    if (last !== undefined) uploads?.set(uuid, Number(last) + 1);
    return undefined;
  }
  if (method === "DELETE" && status === 204) {
    uploads?.take(uuid);
    return { kind: "registry.blob.upload.cancel", data: { repository, uuid } };
  }
  if (method !== "PUT" || status !== 201) return undefined;
  const earlierBytes = uploads?.take(uuid);
  const digest = query.get("digest") ?? exchange.responseHeaders["docker-content-digest"] ?? "";
  return {
    kind: "registry.blob.upload.commit",
    step: 5,
    data: {
      repository,
      digest,
      ...(earlierBytes === undefined && exchange.requestBytes === 0
        ? {}
        : { sizeBytes: (earlierBytes ?? 0) + exchange.requestBytes }),
    },
  };
}

/** `{ [key]: value }` when there is a value. */
function text(key: string, value: string | undefined): Record<string, string> {
  return value === undefined ? {} : { [key]: value };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
