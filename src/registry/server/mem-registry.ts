import type { Clock } from "../../clock/clock.ts";
import type { BlobPool } from "../../content/blob-pool.ts";
import { type Digest, digestOf } from "../../digest/digest.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import type { Rng } from "../../random/rng.ts";
import { NULL_TRACER, type Tracer } from "../../trace/tracer.ts";
import type { RegistryHandler, RegistryRequest, RegistryResponse } from "../registry-http.ts";
import { deleteBlob, serveBlob } from "./blob-handlers.ts";
import { listCatalog, listTags } from "./listing-handlers.ts";
import { deleteManifest, putManifest, serveManifest } from "./manifest-handlers.ts";
import { authorize, requiredAccess } from "./registry-auth.ts";
import type { RegistryContext, RequestContext } from "./registry-context.ts";
import { collectGarbage, type GarbageCollection } from "./registry-gc.ts";
import { DEFAULT_REGISTRY_LIMITS, type RegistryLimits } from "./registry-limits.ts";
import { errorOf, OPAQUE_DETAIL, reply, textReply } from "./registry-reply.ts";
import {
  matchRoute,
  NAME_LENGTH_MAX,
  type RegistryRoute,
  ROUTE_METHODS,
} from "./registry-route.ts";
import {
  type BlobContent,
  loadSnapshot,
  type MemRegistrySnapshot,
  writeSnapshot,
} from "./registry-snapshot.ts";
import { RegistryStore } from "./registry-store.ts";
import type { TokenVerifier } from "./registry-token.ts";
import { RequestRateLimiter } from "./request-rate-limiter.ts";
import { continueUpload, startUpload } from "./upload-handlers.ts";

/** Options of a `MemRegistry`. */
export interface MemRegistryOptions {
  /** The domain it serves (`localhost:5000`, `docker.io`); Location URLs use the request's Host, else this. */
  readonly name: string;
  readonly clock: Clock;
  /** Upload UUIDs and the upload-state key. */
  readonly rng: Rng;
  readonly tracer?: Tracer;
  /** Where blob bytes live (the process-wide pool, so they are held once); default: a pool of its own. */
  readonly pool?: BlobPool;
  /** Token auth (a `TokenServer`); none: an open registry, as `docker-registry` by default. */
  readonly auth?: TokenVerifier;
  readonly limits?: Partial<RegistryLimits>;
  /** `storage.delete.enabled`; default false, as 2.8.2 (DELETE answers `UNSUPPORTED`). */
  readonly deleteEnabled?: boolean;
  /** Page `tags/list` with `n`/`last` (the OCI spec); default false, as 2.8.2 ignores both. */
  readonly tagsPagination?: boolean;
  /** Scheme of Location URLs; default `http`. */
  readonly scheme?: "http" | "https";
  /**
   * Who a request comes from, for the request rate limit and as `client` in trace events;
   * default its `x-forwarded-for` (a world's link sets the host's name there), else `anonymous`.
   */
  readonly clientKey?: (request: RegistryRequest) => string;
}

/** Counters of a registry, for tests, benchmarks and checkers. */
export interface MemRegistryStats {
  readonly repositoryCount: number;
  readonly blobCount: number;
  readonly blobSizeBytes: number;
  readonly manifestCount: number;
  readonly tagCount: number;
  readonly uploadSessionCount: number;
  readonly requestCount: number;
}

const BASE_BODY = new TextEncoder().encode("{}");

/**
 * An OCI distribution registry in memory, answering as docker-registry 2.8.2 does (statuses,
 * headers, error bodies checked against the live one; see test/fixtures/registry-server/).
 * Requests are handled one at a time and each completely, so concurrent clients interleave at
 * request boundaries, as a registry with atomic storage operations behaves.
 */
export class MemRegistry implements RegistryHandler {
  readonly name: string;
  readonly #context: RegistryContext;
  readonly #options: MemRegistryOptions;
  readonly #limiter: RequestRateLimiter;
  #requestCount = 0;

  constructor(options: MemRegistryOptions) {
    this.name = options.name;
    this.#options = options;
    const limits = Object.freeze({ ...DEFAULT_REGISTRY_LIMITS, ...options.limits });
    this.#context = {
      store: new RegistryStore(options.pool === undefined ? {} : { pool: options.pool }),
      limits,
      clock: options.clock,
      rng: options.rng,
      secret: options.rng.fork("upload-state").bytes(32),
      tracer: (options.tracer ?? NULL_TRACER).with({ host: options.name, component: "registry" }),
      deleteEnabled: options.deleteEnabled ?? false,
      tagsPagination: options.tagsPagination ?? false,
      scheme: options.scheme ?? "http",
    };
    this.#limiter = new RequestRateLimiter({ perSecondMax: limits.requestsPerSecondMax });
  }

  /** The state the handlers share (snapshot, seeding and garbage collection use it). */
  get context(): RegistryContext {
    return this.#context;
  }

  async handle(request: RegistryRequest): Promise<RegistryResponse> {
    return this.answer(request);
  }

  /** The answer to one request, synchronously (the whole request is one atomic step). */
  answer(request: RegistryRequest): RegistryResponse {
    this.#requestCount++;
    const from = this.#options.clientKey?.(request) ?? request.headers["x-forwarded-for"];
    const client = from ?? "anonymous";
    if (!this.#limiter.admit(client, this.#context.clock.nowUs()))
      return errorOf(request, "TOOMANYREQUESTS", { client });
    const matched = matchRoute(request.target);
    if (matched === undefined) return textReply(request, 404, "404 page not found");
    const { route, query } = matched;
    const methods = ROUTE_METHODS[route.kind];
    if (!methods.includes(request.method))
      return textReply(request, 405, "Method not allowed", { allow: methods.join(", ") });
    if (this.#options.auth !== undefined) {
      const verdict = authorize({
        verifier: this.#options.auth,
        request,
        records: requiredAccess(route, request.method, query),
        nowUs: this.#context.clock.nowUs(),
      });
      if ("refused" in verdict) return verdict.refused;
    }
    if ("name" in route && route.name.length > NAME_LENGTH_MAX)
      return errorOf(request, "NAME_INVALID", OPAQUE_DETAIL);
    const context: RequestContext = { request, query, host: request.headers.host ?? this.name };
    return this.#route(route, context, from === undefined ? this.#context : this.#for(from));
  }

  /** The registry's context with a tracer that names the requesting client in every event. */
  #for(client: string): RegistryContext {
    return { ...this.#context, tracer: naming(this.#context.tracer, client) };
  }

  #route(
    route: RegistryRoute,
    request: RequestContext,
    context: RegistryContext,
  ): RegistryResponse {
    const method = request.request.method;
    switch (route.kind) {
      case "base":
        return reply(request.request, 200, {
          headers: { "content-type": "application/json; charset=utf-8" },
          body: BASE_BODY,
        });
      case "catalog":
        return listCatalog(context, request);
      case "tags":
        return listTags(context, request, route.name);
      case "manifest":
        if (method === "PUT") return putManifest(context, request, route.name, route.reference);
        if (method === "DELETE")
          return deleteManifest(context, request, route.name, route.reference);
        return serveManifest(context, request, route.name, route.reference);
      case "blob":
        if (method === "DELETE") return deleteBlob(context, request, route.name, route.digest);
        return serveBlob(context, request, route.name, route.digest);
      case "uploads":
        return this.#startUpload(context, request, route.name);
      case "upload":
        return continueUpload(context, request, route.name, route.uuid);
    }
  }

  #startUpload(context: RegistryContext, request: RequestContext, name: string): RegistryResponse {
    const store = context.store;
    const max = context.limits.repositoryCountMax;
    if (!store.repositories.has(name) && store.repositories.size >= max)
      return errorOf(
        request.request,
        "DENIED",
        { repositoryCountMax: max },
        "repository limit of the registry reached",
      );
    return startUpload(context, request, name);
  }

  /**
   * Mark and sweep, as `registry garbage-collect`: every blob no manifest of any repository
   * references is removed (bytes released), with its repository links. With `deleteUntagged`,
   * manifests no tag reaches are removed first. Like 2.8.2's, meant for a registry not being
   * pushed to: blobs uploaded for a manifest not yet put are collected too.
   */
  garbageCollect(options: { deleteUntagged?: boolean } = {}): GarbageCollection {
    const result = collectGarbage(this.#context.store, options);
    this.#context.tracer.emit({
      kind: "registry.gc",
      data: {
        removedBlobs: result.removedBlobs.length,
        removedManifests: result.removedManifests.length,
        freedBytes: result.freedBytes,
      },
    });
    return result;
  }

  /** The registry's contents as JSON; `blobs` lists the digests whose bytes a restore needs. */
  snapshot(): MemRegistrySnapshot {
    return writeSnapshot(this.#context.store, this.name);
  }

  /**
   * A registry restarted from a snapshot, blob bytes read from `content` and verified. Upload
   * sessions do not survive (a new upload-state key, as a 2.8.2 restart without a configured
   * secret); blobs, manifests and tags do.
   */
  static restore(
    snapshot: MemRegistrySnapshot,
    options: MemRegistryOptions & { content: BlobContent },
  ): MemRegistry {
    const { content, ...rest } = options;
    const registry = new MemRegistry(rest);
    loadSnapshot(registry.#context.store, snapshot, content);
    return registry;
  }

  /** Stores a blob and links it into a repository, as a finished upload would, without tracing. */
  importBlob(repository: string, bytes: Uint8Array): Digest {
    const digest = digestOf(bytes);
    const store = this.#context.store;
    store.putBlob(digest, bytes);
    store.ensureRepository(repository).layers.add(digest);
    return digest;
  }

  /**
   * Puts a manifest as `PUT /v2/<repository>/manifests/<reference>` would (same checks, same
   * refusals, as a `RegistryResponseError`-like `DrydockError`), without tracing.
   */
  importManifest(
    repository: string,
    reference: string,
    manifest: { bytes: Uint8Array; mediaType: string },
  ): Digest {
    const request: RegistryRequest = {
      method: "PUT",
      target: `/v2/${repository}/manifests/${reference}`,
      headers: { "content-type": manifest.mediaType },
      body: manifest.bytes,
    };
    const quiet = { ...this.#context, tracer: NULL_TRACER };
    const response = putManifest(
      quiet,
      { request, query: new URLSearchParams(), host: this.name },
      repository,
      reference,
    );
    if (response.status !== 201) {
      const body = new TextDecoder().decode(response.body).trim();
      throw new DrydockError(
        "InvalidArgument",
        `cannot import manifest into ${repository}: ${body}`,
        {
          data: { repository, reference, status: response.status },
        },
      );
    }
    return response.headers["docker-content-digest"] as Digest;
  }

  /** A copy of a blob's bytes (any blob the snapshot lists, manifests included), or undefined. */
  blobBytes(digest: Digest): Uint8Array | undefined {
    return this.#context.store.blobBytes(digest);
  }

  /** Repository names, sorted. */
  repositories(): string[] {
    return [...this.#context.store.repositories.keys()].sort();
  }

  /** A repository's tags and the manifest digests they name, sorted by tag. */
  tags(repository: string): [string, Digest][] {
    const tags = this.#context.store.repository(repository)?.tags ?? new Map<string, Digest>();
    return [...tags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Whether a repository holds a blob (as `HEAD /blobs/` would answer). */
  hasBlob(repository: string, digest: Digest): boolean {
    const store = this.#context.store;
    return (store.repository(repository)?.layers.has(digest) ?? false) && store.blobs.has(digest);
  }

  stats(): MemRegistryStats {
    const store = this.#context.store;
    let manifestCount = 0;
    let tagCount = 0;
    for (const repository of store.repositories.values()) {
      manifestCount += repository.manifests.size;
      tagCount += repository.tags.size;
    }
    let blobSizeBytes = 0;
    for (const blob of store.blobs.values()) blobSizeBytes += blob.sizeBytes;
    return {
      repositoryCount: store.repositories.size,
      blobCount: store.blobs.size,
      blobSizeBytes,
      manifestCount,
      tagCount,
      uploadSessionCount: store.uploads.size,
      requestCount: this.#requestCount,
    };
  }
}

/** A tracer that adds `client` (first) to the data of every event. */
function naming(tracer: Tracer, client: string): Tracer {
  return {
    emit: (record) => tracer.emit({ ...record, data: { client, ...record.data } }),
    with: (defaults) => naming(tracer.with(defaults), client),
  };
}
