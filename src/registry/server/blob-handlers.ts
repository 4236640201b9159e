import { type Digest, isDigest } from "../../digest/digest.ts";
import type { RepositoryRouteHandler } from "./registry-context.ts";
import { errorOf, OPAQUE_DETAIL, reply } from "./registry-reply.ts";

/** Headers 2.8.2 sends with every blob it serves. */
function blobHeaders(digest: Digest): Record<string, string> {
  return {
    "accept-ranges": "bytes",
    "cache-control": "max-age=31536000",
    "content-type": "application/octet-stream",
    "docker-content-digest": digest,
    etag: `"${digest}"`,
  };
}

/** `GET`/`HEAD /v2/<name>/blobs/<digest>`, with single `Range` requests as Go's `ServeContent`. */
export const serveBlob: RepositoryRouteHandler = (context, request, name, digestText) => {
  const req = request.request;
  if (!isDigest(digestText)) return errorOf(req, "DIGEST_INVALID", OPAQUE_DETAIL);
  const digest = digestText;
  const linked = context.store.repository(name)?.layers.has(digest) ?? false;
  const info = linked ? context.store.blobs.get(digest) : undefined;
  if (info === undefined) return errorOf(req, "BLOB_UNKNOWN", digest);
  const exists = req.method === "HEAD";
  context.tracer.emit({
    kind: exists ? "registry.blob.exists" : "registry.blob.get",
    step: exists ? 5 : 6,
    data: { repository: name, digest, sizeBytes: info.sizeBytes },
  });
  const range = parseRange(req.headers.range, info.sizeBytes);
  if (range === "unsatisfiable") {
    // Go 1.19's http.Error keeps the Content-Length ServeContent's caller set, so the
    // message is cut to the blob's size: what 2.8.2 really sends.
    const message = new TextEncoder().encode("invalid range: failed to overlap\n");
    const { "accept-ranges": _, ...headers } = blobHeaders(digest);
    return reply(req, 416, {
      headers: {
        ...headers,
        "content-type": "text/plain; charset=utf-8",
        "x-content-type-options": "nosniff",
        "content-range": `bytes */${info.sizeBytes}`,
      },
      body: message.subarray(0, info.sizeBytes),
    });
  }
  // HEAD needs only the length for its headers and drops the body: the pooled bytes serve
  // without a copy (GET gets its own copy, so nobody can write into the pool).
  const bytes = exists ? context.store.pool.bytesOf(digest)! : context.store.blobBytes(digest)!;
  if (range === undefined) return reply(req, 200, { headers: blobHeaders(digest), body: bytes });
  return reply(req, 206, {
    headers: {
      ...blobHeaders(digest),
      "content-range": `bytes ${range.start}-${range.end}/${info.sizeBytes}`,
    },
    body: bytes.subarray(range.start, range.end + 1),
  });
};

/**
 * One `bytes=a-b`, `a-` or `-n` range; undefined to serve everything (no header, or forms this
 * registry does not split, such as several ranges: a whole answer is valid HTTP for those).
 */
function parseRange(
  header: string | undefined,
  sizeBytes: number,
): { start: number; end: number } | "unsatisfiable" | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null) return undefined;
  const [, first, last] = match as unknown as [string, string, string];
  if (first === "" && last === "") return undefined;
  if (first === "") {
    const suffix = Math.min(Number(last), sizeBytes);
    if (suffix === 0) return "unsatisfiable";
    return { start: sizeBytes - suffix, end: sizeBytes - 1 };
  }
  const start = Number(first);
  if (start >= sizeBytes) return "unsatisfiable";
  const end = last === "" ? sizeBytes - 1 : Math.min(Number(last), sizeBytes - 1);
  if (end < start) return undefined;
  return { start, end };
}

/** `DELETE /v2/<name>/blobs/<digest>`: unlinks the blob from the repository (202). */
export const deleteBlob: RepositoryRouteHandler = (context, request, name, digestText) => {
  const req = request.request;
  if (!context.deleteEnabled) return errorOf(req, "UNSUPPORTED");
  if (!isDigest(digestText)) return errorOf(req, "DIGEST_INVALID", OPAQUE_DETAIL);
  const repository = context.store.repository(name);
  if (repository === undefined || !repository.layers.delete(digestText))
    return errorOf(req, "BLOB_UNKNOWN");
  context.tracer.emit({
    kind: "registry.blob.delete",
    data: { repository: name, digest: digestText },
  });
  return reply(req, 202);
};
