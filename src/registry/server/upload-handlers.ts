import { formatRfc3339Nano } from "../../clock/time-format.ts";
import { type Digest, digestOf, isDigest } from "../../digest/digest.ts";
import { goQueryEscape } from "../client/go-query.ts";
import type { RegistryResponse } from "../registry-http.ts";
import {
  absoluteUrl,
  type RegistryContext,
  type RepositoryRouteHandler,
  type RequestContext,
} from "./registry-context.ts";
import { errorOf, OPAQUE_DETAIL, reply } from "./registry-reply.ts";
import type { UploadSession } from "./registry-store.ts";
import { packUploadState, unpackUploadState } from "./upload-state.ts";
import { newUuid } from "./uuid.ts";

/** Whether the caller may read `from` (auth); mounts from unreadable repositories start uploads. */
export type MountCheck = (from: string) => boolean;

/**
 * `POST /v2/<name>/blobs/uploads/`: a cross-repository mount when `mount` and `from` name a
 * blob `from` holds (201), otherwise a new session (202). As in 2.8.2, `?digest=` with a body
 * is not a monolithic upload: it opens a session like any POST.
 */
export function startUpload(
  context: RegistryContext,
  request: RequestContext,
  name: string,
): RegistryResponse {
  const req = request.request;
  const mount = request.query.get("mount");
  const from = request.query.get("from");
  if (mount !== null && from !== null && isDigest(mount)) {
    const source = context.store.repository(from);
    if (source?.layers.has(mount) === true && context.store.blobs.has(mount)) {
      context.store.ensureRepository(name).layers.add(mount);
      context.tracer.emit({
        kind: "registry.blob.mount",
        step: 5,
        data: {
          repository: name,
          from,
          digest: mount,
          sizeBytes: context.store.blobs.get(mount)!.sizeBytes,
        },
      });
      return blobCreated(context, request, name, mount);
    }
  }
  if (context.store.uploads.size >= context.limits.uploadSessionCountMax) {
    return errorOf(req, "TOOMANYREQUESTS", {
      uploadSessionCountMax: context.limits.uploadSessionCountMax,
    });
  }
  const session: UploadSession = {
    uuid: newUuid(context.rng),
    repository: name,
    startedUs: context.clock.nowUs(),
    chunks: [],
    sizeBytes: 0,
  };
  context.store.uploads.set(session.uuid, session);
  context.tracer.emit({
    kind: "registry.blob.upload.start",
    step: 5,
    data: { repository: name, uuid: session.uuid },
  });
  return uploadAnswer(context, request, session, { status: 202, first: true });
}

/** 201 for a stored or mounted blob. */
function blobCreated(
  context: RegistryContext,
  request: RequestContext,
  name: string,
  digest: Digest,
): RegistryResponse {
  return reply(request.request, 201, {
    headers: {
      "docker-content-digest": digest,
      location: absoluteUrl(context, request, `/v2/${name}/blobs/${digest}`),
    },
  });
}

/** 2.8.2's `blobUploadResponse`: Location with a fresh state, `Range` (inclusive), UUID. */
function uploadAnswer(
  context: RegistryContext,
  request: RequestContext,
  session: UploadSession,
  options: { status: number; first?: boolean },
): RegistryResponse {
  const state = packUploadState(context.secret, {
    name: session.repository,
    uuid: session.uuid,
    offsetBytes: session.sizeBytes,
    // The first state carries the instant in full; later ones read it back from storage,
    // where 2.8.2 keeps whole seconds.
    startedAt: formatRfc3339Nano(
      options.first === true
        ? session.startedUs
        : session.startedUs - (session.startedUs % 1_000_000),
    ),
  });
  const path = `/v2/${session.repository}/blobs/uploads/${session.uuid}?_state=${goQueryEscape(state)}`;
  const headers = {
    location: absoluteUrl(context, request, path),
    range: `0-${Math.max(0, session.sizeBytes - 1)}`,
    "docker-upload-uuid": session.uuid,
  };
  const response = reply(request.request, options.status, { headers });
  return options.status === 204 ? withoutLength(response) : response;
}

/** Go's server sends no Content-Length with a 204. */
function withoutLength(response: RegistryResponse): RegistryResponse {
  const { "content-length": _, ...headers } = response.headers;
  return { ...response, headers };
}

/**
 * The checks 2.8.2 makes before touching an upload: a valid `_state` (else
 * `BLOB_UPLOAD_INVALID` with `{}`), for this repository and UUID, a session that exists
 * (`BLOB_UPLOAD_UNKNOWN`), and an offset equal to what was received (a stale Location).
 */
function resumeUpload(
  context: RegistryContext,
  request: RequestContext,
  name: string,
  uuid: string,
): UploadSession | RegistryResponse {
  const req = request.request;
  const state = unpackUploadState(context.secret, request.query.get("_state"));
  if (state === undefined) return errorOf(req, "BLOB_UPLOAD_INVALID", OPAQUE_DETAIL);
  if (state.name !== name || state.uuid !== uuid) return errorOf(req, "BLOB_UPLOAD_INVALID");
  const session = context.store.uploads.get(uuid);
  if (session === undefined || session.repository !== name)
    return errorOf(req, "BLOB_UPLOAD_UNKNOWN", OPAQUE_DETAIL);
  if (session.sizeBytes !== state.offsetBytes) return errorOf(req, "BLOB_UPLOAD_INVALID");
  return session;
}

/** Requests on `/v2/<name>/blobs/uploads/<uuid>`: PATCH, PUT, GET/HEAD (status), DELETE. */
export const continueUpload: RepositoryRouteHandler = (context, request, name, uuid) => {
  const req = request.request;
  const resumed = resumeUpload(context, request, name, uuid);
  if (!("uuid" in resumed)) return resumed;
  const session = resumed;
  switch (req.method) {
    case "GET":
    case "HEAD":
      return uploadAnswer(context, request, session, { status: 204 });
    case "DELETE":
      context.store.uploads.delete(uuid);
      context.tracer.emit({
        kind: "registry.blob.upload.cancel",
        data: { repository: name, uuid },
      });
      return withoutLength(reply(req, 204, { headers: { "docker-upload-uuid": uuid } }));
    case "PATCH": {
      const contentType = req.headers["content-type"];
      if (
        contentType !== undefined &&
        contentType !== "" &&
        contentType !== "application/octet-stream"
      )
        return errorOf(req, "UNKNOWN", OPAQUE_DETAIL);
      const refused = append(context, request, session);
      return refused ?? uploadAnswer(context, request, session, { status: 202 });
    }
    case "PUT":
      return commitUpload(context, request, session);
    default:
      return errorOf(req, "UNSUPPORTED");
  }
};

/** Adds a request body to a session, within the blob size limit. */
function append(
  context: RegistryContext,
  request: RequestContext,
  session: UploadSession,
): RegistryResponse | undefined {
  const body = request.request.body;
  if (body === undefined || body.length === 0) return undefined;
  const sizeBytes = session.sizeBytes + body.length;
  if (sizeBytes > context.limits.blobSizeBytesMax) {
    return errorOf(request.request, "SIZE_INVALID", {
      sizeBytes,
      limit: context.limits.blobSizeBytesMax,
    });
  }
  session.chunks.push(body.slice());
  session.sizeBytes = sizeBytes;
  return undefined;
}

/** `PUT <location>&digest=…`: the last chunk, then the digest check and the blob is stored. */
function commitUpload(
  context: RegistryContext,
  request: RequestContext,
  session: UploadSession,
): RegistryResponse {
  const req = request.request;
  const digestText = request.query.get("digest");
  if (digestText === null || digestText === "")
    return errorOf(req, "DIGEST_INVALID", "digest missing");
  if (!isDigest(digestText)) return errorOf(req, "DIGEST_INVALID", "digest parsing failed");
  const refused = append(context, request, session);
  if (refused !== undefined) return refused;
  const bytes = concat(session.chunks, session.sizeBytes);
  if (digestOf(bytes) !== digestText) {
    return errorOf(req, "DIGEST_INVALID", { Digest: digestText, Reason: OPAQUE_DETAIL });
  }
  context.store.uploads.delete(session.uuid);
  context.store.putBlob(digestText, bytes);
  context.store.ensureRepository(session.repository).layers.add(digestText);
  context.tracer.emit({
    kind: "registry.blob.upload.commit",
    step: 5,
    data: { repository: session.repository, digest: digestText, sizeBytes: bytes.length },
  });
  return blobCreated(context, request, session.repository, digestText);
}

function concat(chunks: readonly Uint8Array[], sizeBytes: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(sizeBytes);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
