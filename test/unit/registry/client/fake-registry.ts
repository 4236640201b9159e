/**
 * A small registry double for the client's and the daemon's tests: the distribution API answers
 * of registry 2.8.2 that push and pull need (recorded in test/fixtures/push-pull/), optional
 * token auth with a token server of its own, a way to lie (corrupt blobs), and a log of every
 * request. The real server is `src/registry/`; this stays small on purpose.
 */
import { type Digest, digestOf } from "../../../../src/digest/digest.ts";
import { DrydockError } from "../../../../src/errors/drydock-error.ts";
import type {
  RegistryHandler,
  RegistryRequest,
  RegistryResponse,
  RegistryTransport,
  SendOptions,
} from "../../../../src/registry/registry-http.ts";

const encoder = new TextEncoder();

/** One exchange as a test sees it: which server answered which request, and how. */
export interface Exchange {
  readonly server: "registry" | "token";
  readonly request: RegistryRequest;
  readonly status: number;
}

interface Repository {
  readonly blobs: Set<Digest>;
  readonly manifests: Map<Digest, { bytes: Uint8Array; mediaType: string }>;
  readonly tags: Map<string, Digest>;
}

/** Who may do what: `grant(user, repository, wanted)` returns the actions allowed. */
export type AccessPolicy = (
  user: string,
  repository: string,
  wanted: readonly string[],
) => string[];

/** A token server: users with passwords, a policy, and the tokens it issued. */
export class FakeTokenServer implements RegistryHandler {
  readonly requests: RegistryRequest[] = [];
  readonly tokens = new Map<string, { user: string; access: Map<string, Set<string>> }>();
  readonly #users: ReadonlyMap<string, string>;
  readonly #policy: AccessPolicy;
  readonly #journal: Exchange[];

  constructor(options: {
    users: Record<string, string>;
    policy: AccessPolicy;
    journal?: Exchange[];
  }) {
    this.#users = new Map(Object.entries(options.users));
    this.#policy = options.policy;
    this.#journal = options.journal ?? [];
  }

  async handle(request: RegistryRequest): Promise<RegistryResponse> {
    const response = this.#answer(request);
    this.#journal.push({ server: "token", request, status: response.status });
    return response;
  }

  #answer(request: RegistryRequest): RegistryResponse {
    this.requests.push(request);
    const url = new URL(`http://token${request.target}`);
    let user = "";
    const authorization = request.headers.authorization ?? "";
    if (authorization.startsWith("Basic ")) {
      const [name, password] = atob(authorization.slice(6)).split(":");
      if (this.#users.get(name ?? "") !== password)
        return json(401, { details: "incorrect username or password" });
      user = name ?? "";
    }
    const access = new Map<string, Set<string>>();
    for (const scope of url.searchParams.getAll("scope")) {
      const [type, name, actions] = scope.split(":");
      if (type !== "repository" || name === undefined) continue;
      access.set(name, new Set(this.#policy(user, name, (actions ?? "").split(","))));
    }
    const token = `token-${this.tokens.size + 1}`;
    this.tokens.set(token, { user, access });
    return json(200, { token, access_token: token, expires_in: 300 });
  }
}

/** The registry double. `host` is how clients name it (Location URLs use it). */
export class FakeRegistry implements RegistryHandler {
  readonly requests: RegistryRequest[] = [];
  /** Digests whose bytes the registry serves with one bit flipped (a lying registry). */
  readonly corrupt = new Set<string>();
  readonly #blobs = new Map<Digest, Uint8Array>();
  readonly #repositories = new Map<string, Repository>();
  readonly #uploads = new Map<string, { repository: string; chunks: Uint8Array[] }>();
  readonly #host: string;
  readonly #auth: { realm: string; service: string; tokens: FakeTokenServer } | undefined;
  readonly #journal: Exchange[];

  constructor(options: {
    host: string;
    auth?: { realm: string; service: string; tokens: FakeTokenServer };
    journal?: Exchange[];
  }) {
    this.#host = options.host;
    this.#auth = options.auth;
    this.#journal = options.journal ?? [];
  }

  /** Every request as `METHOD target`, upload UUIDs and `_state` kept. */
  get log(): string[] {
    return this.requests.map((request) => `${request.method} ${request.target}`);
  }

  /** Puts an image manifest (and its blobs) in a repository, as if pushed earlier. */
  seed(
    repository: string,
    options: {
      tag: string;
      manifest: { bytes: Uint8Array; mediaType: string };
      blobs: readonly Uint8Array[];
    },
  ): Digest {
    const repo = this.#repository(repository);
    for (const bytes of options.blobs) {
      const digest = digestOf(bytes);
      this.#blobs.set(digest, bytes);
      repo.blobs.add(digest);
    }
    const digest = digestOf(options.manifest.bytes);
    repo.manifests.set(digest, options.manifest);
    repo.tags.set(options.tag, digest);
    return digest;
  }

  hasBlob(repository: string, digest: string): boolean {
    return this.#repositories.get(repository)?.blobs.has(digest as Digest) ?? false;
  }

  async handle(request: RegistryRequest): Promise<RegistryResponse> {
    const response = this.#answer(request);
    this.#journal.push({ server: "registry", request, status: response.status });
    return response;
  }

  #answer(request: RegistryRequest): RegistryResponse {
    this.requests.push(request);
    const url = new URL(`http://${this.#host}${request.target}`);
    if (url.pathname === "/v2/") return this.#check(request, undefined, []) ?? json(200, {});
    const match = /^\/v2\/(.+)\/(blobs|manifests)\/(uploads\/)?(.*)$/.exec(url.pathname);
    if (match === null)
      return json(404, { errors: [{ code: "UNSUPPORTED", message: "not here" }] });
    const [, name, kind, upload, rest] = match as unknown as [
      string,
      string,
      string,
      string | undefined,
      string,
    ];
    const push = request.method !== "GET" && request.method !== "HEAD";
    const denied = this.#check(request, name, push ? ["pull", "push"] : ["pull"]);
    if (denied !== undefined) return denied;
    if (kind === "manifests") return this.#manifest(request, name, rest);
    if (upload === undefined) return this.#blob(request, name, rest as Digest);
    return this.#upload(request, url, name, rest);
  }

  #blob(request: RegistryRequest, name: string, digest: Digest): RegistryResponse {
    const bytes = this.#repositories.get(name)?.blobs.has(digest)
      ? this.#blobs.get(digest)
      : undefined;
    if (bytes === undefined)
      return error(request, 404, "BLOB_UNKNOWN", "blob unknown to registry", digest);
    const served = this.corrupt.has(digest) ? flip(bytes) : bytes;
    return respond(request, 200, served, {
      "content-type": "application/octet-stream",
      "docker-content-digest": digest,
    });
  }

  #upload(request: RegistryRequest, url: URL, name: string, id: string): RegistryResponse {
    if (request.method === "POST") {
      const mount = url.searchParams.get("mount");
      const from = url.searchParams.get("from");
      if (
        mount !== null &&
        from !== null &&
        this.#repositories.get(from)?.blobs.has(mount as Digest)
      ) {
        const fromDenied = this.#check(request, from, ["pull"]);
        if (fromDenied === undefined) {
          this.#repository(name).blobs.add(mount as Digest);
          return respond(request, 201, new Uint8Array(), {
            location: `http://${this.#host}/v2/${name}/blobs/${mount}`,
            "docker-content-digest": mount,
          });
        }
      }
      const uuid = `upload-${this.#uploads.size + 1}`;
      this.#uploads.set(uuid, { repository: name, chunks: [] });
      return this.#uploadAnswer(request, name, uuid, 0);
    }
    const session = this.#uploads.get(id);
    if (session === undefined || session.repository !== name)
      return error(request, 404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry", id);
    if (request.method === "PATCH") {
      session.chunks.push(request.body ?? new Uint8Array());
      const size = session.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      return this.#uploadAnswer(request, name, id, size);
    }
    const digest = url.searchParams.get("digest") as Digest;
    const bytes = concat(session.chunks);
    if (digestOf(bytes) !== digest)
      return error(
        request,
        400,
        "DIGEST_INVALID",
        "provided digest did not match uploaded content",
        digest,
      );
    this.#uploads.delete(id);
    this.#blobs.set(digest, bytes);
    this.#repository(name).blobs.add(digest);
    return respond(request, 201, new Uint8Array(), {
      location: `http://${this.#host}/v2/${name}/blobs/${digest}`,
      "docker-content-digest": digest,
    });
  }

  #uploadAnswer(
    request: RegistryRequest,
    name: string,
    uuid: string,
    size: number,
  ): RegistryResponse {
    return respond(request, 202, new Uint8Array(), {
      location: `http://${this.#host}/v2/${name}/blobs/uploads/${uuid}?_state=s${size}`,
      range: `0-${Math.max(0, size - 1)}`,
      "docker-upload-uuid": uuid,
    });
  }

  #manifest(request: RegistryRequest, name: string, reference: string): RegistryResponse {
    const repo = this.#repository(name);
    if (request.method === "PUT") {
      const bytes = request.body ?? new Uint8Array();
      const digest = digestOf(bytes);
      repo.manifests.set(digest, { bytes, mediaType: request.headers["content-type"] ?? "" });
      if (!reference.startsWith("sha256:")) repo.tags.set(reference, digest);
      return respond(request, 201, new Uint8Array(), {
        location: `http://${this.#host}/v2/${name}/manifests/${digest}`,
        "docker-content-digest": digest,
      });
    }
    const digest = reference.startsWith("sha256:")
      ? (reference as Digest)
      : repo.tags.get(reference);
    const manifest = digest === undefined ? undefined : repo.manifests.get(digest);
    if (digest === undefined || manifest === undefined) {
      const detail = reference.startsWith("sha256:")
        ? { Name: name, Revision: reference }
        : { Tag: reference };
      return error(request, 404, "MANIFEST_UNKNOWN", "manifest unknown", detail);
    }
    const served = this.corrupt.has(digest) ? flipSpace(manifest.bytes) : manifest.bytes;
    return respond(request, 200, served, {
      "content-type": manifest.mediaType,
      "docker-content-digest": digest,
    });
  }

  /** Token auth as registry 2.8.2 checks it: a 401 challenge naming the missing scope. */
  #check(
    request: RegistryRequest,
    name: string | undefined,
    actions: readonly string[],
  ): RegistryResponse | undefined {
    const auth = this.#auth;
    if (auth === undefined) return undefined;
    const token = (request.headers.authorization ?? "").replace(/^Bearer /, "");
    const issued = auth.tokens.tokens.get(token);
    const scope = name === undefined ? "" : `repository:${name}:${actions.join(",")}`;
    const granted = name === undefined ? undefined : issued?.access.get(name);
    const ok =
      issued !== undefined &&
      (name === undefined || actions.every((action) => granted?.has(action)));
    if (ok) return undefined;
    const challenge =
      `Bearer realm="${auth.realm}",service="${auth.service}"` +
      (scope === "" ? "" : `,scope="${scope}"`) +
      (issued === undefined ? "" : `,error="insufficient_scope"`);
    return respond(
      request,
      401,
      body({
        errors: [{ code: "UNAUTHORIZED", message: "authentication required", detail: null }],
      }),
      {
        "content-type": "application/json; charset=utf-8",
        "www-authenticate": challenge,
      },
    );
  }

  #repository(name: string): Repository {
    let repo = this.#repositories.get(name);
    if (repo === undefined) {
      repo = { blobs: new Set(), manifests: new Map(), tags: new Map() };
      this.#repositories.set(name, repo);
    }
    return repo;
  }
}

/**
 * A transport straight to a handler: progress reported in `chunkBytes` steps, so the daemon's
 * progress lines have something to show; `down` makes it refuse connections.
 */
export function handlerTransport(
  handler: RegistryHandler,
  options: { chunkBytes?: number; down?: string } = {},
): RegistryTransport {
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  return {
    async send(request: RegistryRequest, sendOptions: SendOptions = {}): Promise<RegistryResponse> {
      if (options.down !== undefined)
        throw new DrydockError(
          "Unavailable",
          `dial tcp ${options.down}: connect: connection refused`,
        );
      report(request.body?.length ?? 0, chunkBytes, sendOptions.onUpload);
      const response = await handler.handle(request);
      report(response.body.length, chunkBytes, sendOptions.onDownload);
      return response;
    },
  };
}

function report(total: number, step: number, callback: SendOptions["onUpload"]): void {
  if (callback === undefined || total === 0) return;
  for (let done = Math.min(step, total); ; done = Math.min(done + step, total)) {
    callback({ doneBytes: done, totalBytes: total });
    if (done >= total) return;
  }
}

function respond(
  request: RegistryRequest,
  status: number,
  payload: Uint8Array,
  headers: Record<string, string>,
): RegistryResponse {
  return {
    status,
    headers: {
      "docker-distribution-api-version": "registry/2.0",
      "content-length": String(payload.length),
      ...headers,
    },
    body: request.method === "HEAD" ? new Uint8Array() : payload,
  };
}

function error(
  request: RegistryRequest,
  status: number,
  code: string,
  message: string,
  detail: unknown,
): RegistryResponse {
  return respond(request, status, body({ errors: [{ code, message, detail }] }), {
    "content-type": "application/json; charset=utf-8",
  });
}

function json(status: number, value: unknown): RegistryResponse {
  return { status, headers: { "content-type": "application/json" }, body: body(value) };
}

function body(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

function flip(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy[copy.length - 1]! ^= 1;
  return copy;
}

/** Changes one byte of indentation: still valid JSON, another digest (as recorded with dockerd). */
function flipSpace(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const at = copy.indexOf(0x20);
  if (at >= 0) copy[at] = 0x09;
  return copy;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
