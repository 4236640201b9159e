import { type Digest, digestOf, isDigest } from "../../digest/digest.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";
import { DOCKERD_MANIFEST_ACCEPT, MediaType } from "../../image/media-types.ts";
import type { RegistryResponse, TransferProgress } from "../registry-http.ts";
import { goQueryEscape } from "./go-query.ts";
import type { RegistryAuthorizer } from "./registry-authorizer.ts";
import type { RegistryClient } from "./registry-client.ts";
import { responseError } from "./registry-response-error.ts";

/** The `Accept` values of `GET /manifests/<digest>` in the order of the first recorded pull. */
export const FETCH_ACCEPT: readonly string[] = [
  MediaType.dockerManifest,
  MediaType.dockerManifestList,
  MediaType.ociIndex,
  MediaType.dockerSchema1SignedManifest,
  "application/json",
  MediaType.ociManifest,
];

/** What `HEAD /manifests/<reference>` says about a manifest. */
export interface ManifestHead {
  readonly digest: Digest;
  readonly mediaType: string;
  readonly sizeBytes: number;
}

/** A blob as the registry describes it. */
export interface RemoteBlob {
  readonly digest: Digest;
  readonly sizeBytes: number;
}

/** How `POST /blobs/uploads/` ended: the blob was mounted, or an upload session is open. */
export type UploadStart =
  | { readonly kind: "mounted"; readonly blob: RemoteBlob }
  | { readonly kind: "session"; readonly location: string };

/**
 * One repository of a registry, seen through one repository session (its token): the
 * operations push and pull are made of, each with the exact requests dockerd 20.10 sends.
 * Error answers become `RegistryResponseError`s worded as distribution's Go client words them.
 */
export class RemoteRepository {
  readonly client: RegistryClient;
  /** The repository path: `mini`, `library/busybox`. */
  readonly path: string;
  readonly authorizer: RegistryAuthorizer;

  constructor(options: { client: RegistryClient; path: string; scopes: readonly string[] }) {
    this.client = options.client;
    this.path = options.path;
    this.authorizer = options.client.authorizer(options.scopes);
  }

  /** The scope a repository session asks for: `repository:mini:push,pull` or `…:pull`. */
  static scope(path: string, push: boolean): string {
    return `repository:${path}:${push ? "push,pull" : "pull"}`;
  }

  /**
   * `HEAD /v2/<path>/manifests/<tag or digest>` with dockerd's six `Accept` values. A failing
   * HEAD has no body, so, as dockerd does, the same `GET` follows to read the error.
   */
  async resolveManifest(reference: string): Promise<ManifestHead> {
    const target = `/v2/${this.path}/manifests/${reference}`;
    const accept = DOCKERD_MANIFEST_ACCEPT.join(", ");
    const head = await this.#send("HEAD", target, { accept });
    if (head.status !== 200) {
      // distribution's client reads the descriptor from the GET when that one succeeds (a
      // registry without HEAD, or a tag pushed in between), its error otherwise.
      const get = await this.#send("GET", target, { accept });
      if (get.status !== 200) throw responseError(get);
      const digestText = get.headers["docker-content-digest"] ?? "";
      const digest = isDigest(digestText) ? digestText : digestOf(get.body);
      return { digest, mediaType: mediaTypeOf(get), sizeBytes: get.body.length };
    }
    const digestText = head.headers["docker-content-digest"] ?? "";
    const sizeBytes = Number(head.headers["content-length"] ?? "0");
    if (!isDigest(digestText)) {
      const body = await this.fetchManifest(reference, {
        sizeBytesMax: this.client.limits.manifestSizeBytesMax,
      });
      return {
        digest: digestOf(body.bytes),
        mediaType: body.mediaType,
        sizeBytes: body.bytes.length,
      };
    }
    return { digest: digestText, mediaType: mediaTypeOf(head), sizeBytes };
  }

  /** `GET /v2/<path>/manifests/<digest or tag>`: the bytes as sent and their media type. */
  async fetchManifest(
    reference: string,
    options: { sizeBytesMax: number },
  ): Promise<{ bytes: Uint8Array; mediaType: string }> {
    const target = `/v2/${this.path}/manifests/${reference}`;
    const response = await this.#send("GET", target, { accept: FETCH_ACCEPT.join(", ") });
    if (response.status !== 200) throw responseError(response);
    if (response.body.length > options.sizeBytesMax) {
      throw new LimitExceededError({
        what: "manifest size in bytes",
        limit: options.sizeBytesMax,
        actual: response.body.length,
      });
    }
    return { bytes: response.body, mediaType: mediaTypeOf(response) };
  }

  /** `HEAD /v2/<path>/blobs/<digest>`: the blob, or undefined when the registry says 404. */
  async statBlob(digest: Digest): Promise<RemoteBlob | undefined> {
    const response = await this.#send("HEAD", `/v2/${this.path}/blobs/${digest}`);
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw responseError(response);
    return { digest, sizeBytes: Number(response.headers["content-length"] ?? "0") };
  }

  /** `GET /v2/<path>/blobs/<digest>`: the bytes, unverified (the caller verifies). */
  async fetchBlob(
    digest: Digest,
    options: { onDownload?: (progress: TransferProgress) => void; sizeBytesMax?: number } = {},
  ): Promise<Uint8Array> {
    const response = await this.client.send(
      { method: "GET", target: `/v2/${this.path}/blobs/${digest}` },
      {
        authorizer: this.authorizer,
        ...(options.onDownload === undefined ? {} : { onDownload: options.onDownload }),
      },
    );
    if (response.status !== 200) throw responseError(response);
    const sizeBytesMax = options.sizeBytesMax ?? this.client.limits.blobSizeBytesMax;
    if (response.body.length > sizeBytesMax) {
      throw new LimitExceededError({
        what: "blob size in bytes",
        limit: sizeBytesMax,
        actual: response.body.length,
      });
    }
    return response.body;
  }

  /**
   * `POST /v2/<path>/blobs/uploads/`, or with `?from=<repo>&mount=<digest>` to mount a blob
   * from another repository: 201 means mounted (dockerd then HEADs the blob), 202 an upload
   * session (a refused mount opens one too, which dockerd uses).
   */
  async startUpload(
    options: { mountFrom?: { path: string; digest: Digest } } = {},
  ): Promise<UploadStart> {
    const mount = options.mountFrom;
    const query =
      mount === undefined
        ? ""
        : `?from=${goQueryEscape(mount.path)}&mount=${goQueryEscape(mount.digest)}`;
    const response = await this.#send("POST", `/v2/${this.path}/blobs/uploads/${query}`, {
      "content-length": "0",
    });
    if (mount !== undefined && response.status === 201) {
      const blob = await this.statBlob(mount.digest);
      if (blob === undefined) throw blobUnknown(mount.digest);
      return { kind: "mounted", blob };
    }
    if (response.status !== 202) throw responseError(response);
    return { kind: "session", location: this.#location(response) };
  }

  /** `PATCH <location>` with the whole blob, as dockerd streams it; returns the next location. */
  async uploadChunk(
    location: string,
    bytes: Uint8Array,
    options: { onUpload?: (progress: TransferProgress) => void } = {},
  ): Promise<string> {
    const response = await this.client.send(
      { method: "PATCH", target: location, body: bytes },
      {
        authorizer: this.authorizer,
        ...(options.onUpload === undefined ? {} : { onUpload: options.onUpload }),
      },
    );
    if (response.status !== 202) throw responseError(response);
    return this.#location(response);
  }

  /** `PUT <location>&digest=…` (no body), then the `HEAD` dockerd's client makes to confirm. */
  async commitUpload(location: string, digest: Digest): Promise<RemoteBlob> {
    const separator = location.includes("?") ? "&" : "?";
    const target = `${location}${separator}digest=${goQueryEscape(digest)}`;
    const response = await this.#send("PUT", target, { "content-length": "0" });
    if (response.status !== 201) throw responseError(response);
    const blob = await this.statBlob(digest);
    if (blob === undefined) throw blobUnknown(digest);
    return blob;
  }

  /** `PUT /v2/<path>/manifests/<tag>`: the digest the registry answers with. */
  async putManifest(
    reference: string,
    manifest: { bytes: Uint8Array; mediaType: string },
  ): Promise<Digest> {
    const response = await this.client.send(
      {
        method: "PUT",
        target: `/v2/${this.path}/manifests/${reference}`,
        headers: {
          "content-type": manifest.mediaType,
          "content-length": String(manifest.bytes.length),
        },
        body: manifest.bytes,
      },
      { authorizer: this.authorizer },
    );
    if (response.status !== 201) throw responseError(response);
    const answered = response.headers["docker-content-digest"] ?? "";
    return isDigest(answered) ? answered : digestOf(manifest.bytes);
  }

  async #send(
    method: "GET" | "HEAD" | "POST" | "PUT",
    target: string,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<RegistryResponse> {
    return this.client.send({ method, target, headers }, { authorizer: this.authorizer });
  }

  /** The `Location` of an upload as a request target (registries send absolute URLs). */
  #location(response: RegistryResponse): string {
    const location = response.headers.location ?? "";
    if (location.startsWith("/")) return location;
    try {
      const url = new URL(location);
      return `${url.pathname}${url.search}`;
    } catch {
      throw new DrydockError(
        "Internal",
        `registry sent an unusable upload location ${JSON.stringify(location)}`,
        {
          data: { location },
        },
      );
    }
  }
}

function mediaTypeOf(response: RegistryResponse): string {
  const contentType = response.headers["content-type"] ?? "";
  return contentType.split(";")[0]!.trim();
}

function blobUnknown(digest: Digest): DrydockError {
  return new DrydockError("NotFound", "blob unknown: blob unknown to registry", {
    data: { digest },
  });
}
