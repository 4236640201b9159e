import { type Digest, digestOf, isDigest } from "../../digest/digest.ts";
import { MediaType } from "../../image/media-types.ts";
import type { RegistryResponse } from "../registry-http.ts";
import { readManifestPayload } from "./manifest-payload.ts";
import {
  absoluteUrl,
  type RegistryContext,
  type RepositoryRouteHandler,
  type RequestContext,
} from "./registry-context.ts";
import { type ErrorEntry, errorOf, errorReply, OPAQUE_DETAIL, reply } from "./registry-reply.ts";
import type { RepositoryState, StoredManifest } from "./registry-store.ts";

/** The media types an `Accept` header (or several, comma-joined) lists, parameters dropped. */
function accepted(header: string | undefined): Set<string> {
  return new Set(
    (header ?? "")
      .split(",")
      .map((part) => part.split(";")[0]!.trim().toLowerCase())
      .filter((part) => part !== ""),
  );
}

/** The manifest a reference names, or the 404 2.8.2 gives (`{"Tag":…}` or `{"Name","Revision"}`). */
function lookup(
  request: RequestContext,
  repository: RepositoryState | undefined,
  name: string,
  reference: string,
): StoredManifest | RegistryResponse {
  const byDigest = isDigest(reference);
  const digest = byDigest ? reference : repository?.tags.get(reference);
  const manifest = digest === undefined ? undefined : repository?.manifests.get(digest);
  if (manifest !== undefined) return manifest;
  const detail = byDigest ? { Name: name, Revision: reference } : { Tag: reference };
  return errorOf(request.request, "MANIFEST_UNKNOWN", detail);
}

/**
 * `GET`/`HEAD /v2/<name>/manifests/<reference>` with 2.8.2's content negotiation: an OCI
 * manifest or index is refused to a client that does not accept it; by tag, a Docker schema 2
 * manifest would be converted to schema 1 for a client that does not accept schema 2 (2.8.2
 * has that conversion disabled: `MANIFEST_INVALID`), and a Docker manifest list is replaced by
 * its `linux/amd64` entry for a client that does not accept lists.
 */
export const serveManifest: RepositoryRouteHandler = (context, request, name, reference) => {
  const req = request.request;
  const repository = context.store.repository(name);
  let found = lookup(request, repository, name, reference);
  if (!("digest" in found)) return found;
  const supports = accepted(req.headers.accept);
  const byTag = !isDigest(reference);
  if (found.mediaType === MediaType.ociManifest && !supports.has(MediaType.ociManifest))
    return errorOf(
      req,
      "MANIFEST_UNKNOWN",
      undefined,
      "OCI manifest found, but accept header does not support OCI manifests",
    );
  if (found.mediaType === MediaType.ociIndex && !supports.has(MediaType.ociIndex))
    return errorOf(
      req,
      "MANIFEST_UNKNOWN",
      undefined,
      "OCI index found, but accept header does not support OCI indexes",
    );
  if (
    byTag &&
    found.mediaType === MediaType.dockerManifestList &&
    !supports.has(MediaType.dockerManifestList)
  ) {
    const entry = found.children.find(
      (child) => child.os === "linux" && child.architecture === "amd64",
    );
    if (entry === undefined)
      return errorOf(
        req,
        "MANIFEST_UNKNOWN",
        undefined,
        "Could not find a manifest for the default platform",
      );
    found = lookup(request, repository, name, entry.digest);
    if (!("digest" in found)) return found;
  }
  if (
    byTag &&
    found.mediaType === MediaType.dockerManifest &&
    !supports.has(MediaType.dockerManifest)
  )
    return errorOf(req, "MANIFEST_INVALID", OPAQUE_DETAIL);
  context.tracer.emit({
    kind: "registry.manifest.get",
    step: 6,
    data: {
      repository: name,
      reference,
      digest: found.digest,
      mediaType: found.mediaType,
      method: req.method,
    },
  });
  const body =
    req.method === "HEAD"
      ? new Uint8Array(found.sizeBytes)
      : context.store.blobBytes(found.digest)!;
  return reply(req, 200, {
    headers: {
      "content-type": found.mediaType,
      "docker-content-digest": found.digest,
      etag: `"${found.digest}"`,
    },
    body,
  });
};

/**
 * `PUT /v2/<name>/manifests/<reference>`: reads the manifest, checks that every blob (or, for
 * an index, every manifest) it names is in the repository (`MANIFEST_BLOB_UNKNOWN` for each
 * missing one, as 2.8.2 lists them), stores it and moves the tag.
 */
export const putManifest: RepositoryRouteHandler = (context, request, name, reference) => {
  const req = request.request;
  const bytes = req.body ?? new Uint8Array();
  if (bytes.length > context.limits.manifestSizeBytesMax)
    return errorOf(req, "MANIFEST_INVALID", "http: request body too large");
  const payload = readManifestPayload(bytes, req.headers["content-type"]);
  if ("errors" in payload) return errorReply(req, payload.errors);
  const digest = digestOf(bytes);
  if (isDigest(reference) ? reference !== digest : false) return errorOf(req, "DIGEST_INVALID");
  const repository = context.store.repository(name);
  const missing: ErrorEntry[] = [
    ...payload.blobs.filter((blob) => !(repository?.layers.has(blob) ?? false)),
    ...payload.children
      .map((child) => child.digest)
      .filter((child) => !(repository?.manifests.has(child) ?? false)),
  ].map((detail) => ({ code: "MANIFEST_BLOB_UNKNOWN", detail }));
  if (missing.length > 0 || repository === undefined) return errorReply(req, missing);
  const tag = isDigest(reference) ? undefined : reference;
  const refused = checkGrowth(context, request, repository, { digest, tag });
  if (refused !== undefined) return refused;
  context.store.putBlob(digest, bytes);
  repository.manifests.set(digest, {
    digest,
    mediaType: payload.mediaType,
    sizeBytes: bytes.length,
    blobs: payload.blobs,
    children: payload.children,
  });
  if (tag !== undefined) {
    repository.tags.set(tag, digest);
    repository.tagged = true;
  }
  context.tracer.emit({
    kind: "registry.manifest.put",
    step: 5,
    data: {
      repository: name,
      reference,
      digest,
      mediaType: payload.mediaType,
      sizeBytes: bytes.length,
    },
  });
  return reply(req, 201, {
    headers: {
      "docker-content-digest": digest,
      location: absoluteUrl(context, request, `/v2/${name}/manifests/${digest}`),
    },
  });
};

/** The manifest and tag limits of a repository. */
function checkGrowth(
  context: RegistryContext,
  request: RequestContext,
  repository: RepositoryState,
  added: { digest: Digest; tag: string | undefined },
): RegistryResponse | undefined {
  const { manifestCountMax, tagCountMax } = context.limits;
  if (!repository.manifests.has(added.digest) && repository.manifests.size >= manifestCountMax)
    return errorOf(
      request.request,
      "DENIED",
      { manifestCountMax },
      "manifest limit of the repository reached",
    );
  if (
    added.tag !== undefined &&
    !repository.tags.has(added.tag) &&
    repository.tags.size >= tagCountMax
  )
    return errorOf(
      request.request,
      "DENIED",
      { tagCountMax },
      "tag limit of the repository reached",
    );
  return undefined;
}

/**
 * `DELETE /v2/<name>/manifests/<digest>` (202): the manifest and every tag naming it. By tag:
 * `DIGEST_INVALID`, as 2.8.2 answers. Refused (`UNSUPPORTED`, 405) unless deletes are enabled.
 */
export const deleteManifest: RepositoryRouteHandler = (context, request, name, reference) => {
  const req = request.request;
  if (!context.deleteEnabled) return errorOf(req, "UNSUPPORTED");
  if (!isDigest(reference)) return errorOf(req, "DIGEST_INVALID");
  const repository = context.store.repository(name);
  if (repository === undefined || !repository.manifests.delete(reference))
    return errorOf(req, "MANIFEST_UNKNOWN");
  for (const [tag, digest] of [...repository.tags])
    if (digest === reference) repository.tags.delete(tag);
  context.tracer.emit({
    kind: "registry.manifest.delete",
    data: { repository: name, digest: reference },
  });
  return reply(req, 202);
};
