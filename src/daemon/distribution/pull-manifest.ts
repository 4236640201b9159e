import { type Digest, digestOf } from "../../digest/digest.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import { parseImageIndex, requirePlatformManifest } from "../../image/image-index.ts";
import { checkImageManifest, type ImageManifest, parseManifest } from "../../image/manifest.ts";
import { isIndexMediaType } from "../../image/media-types.ts";
import type { Platform } from "../../image/platform.ts";
import type { RemoteRepository } from "../../registry/client/remote-repository.ts";
import type { CachedManifest, ManifestCache } from "./manifest-cache.ts";

/** The image a pull settled on: its manifest, and every manifest document fetched on the way. */
export interface PulledManifest {
  readonly manifest: ImageManifest;
  /** The digest of the image manifest itself (an index entry's, or the top one). */
  readonly manifestDigest: Digest;
  /** Documents by digest, to cache once the pull succeeds. */
  readonly documents: ReadonlyMap<Digest, CachedManifest>;
}

/**
 * Gets the manifest a tag or digest resolved to (`topDigest`): from the daemon's cache or with
 * `GET /manifests/<digest>`, verified against its digest. A manifest list or OCI index is
 * resolved to the entry for `platform` (linux/amd64 unless asked otherwise), fetched the same
 * way. The result must describe a runnable image.
 */
export async function fetchImageManifest(options: {
  repository: RemoteRepository;
  cache: ManifestCache;
  domain: string;
  topDigest: Digest;
  platform: Platform;
  sizeBytesMax: number;
}): Promise<PulledManifest> {
  const documents = new Map<Digest, CachedManifest>();
  const get = async (digest: Digest): Promise<CachedManifest> => {
    const cached = options.cache.get(options.domain, digest);
    const document =
      cached ??
      (await options.repository.fetchManifest(digest, { sizeBytesMax: options.sizeBytesMax }));
    if (digestOf(document.bytes) !== digest) {
      throw new DrydockError("DataLoss", `manifest verification failed for digest ${digest}`, {
        data: { digest },
      });
    }
    documents.set(digest, document);
    return document;
  };
  let digest = options.topDigest;
  let document = await get(digest);
  if (isIndex(document)) {
    const index = parseImageIndex(document.bytes, { contentType: document.mediaType });
    const entry = requirePlatformManifest(index, options.platform);
    digest = entry.digest;
    document = await get(digest);
  }
  const manifest = parseManifest(document.bytes, { contentType: contentTypeOf(document) });
  checkImageManifest(manifest);
  return { manifest, manifestDigest: digest, documents };
}

/** Whether a document is an index: by its media type, or by its members when none says. */
function isIndex(document: CachedManifest): boolean {
  if (isIndexMediaType(document.mediaType)) return true;
  if (contentTypeOf(document) !== undefined) return false;
  try {
    const value = JSON.parse(new TextDecoder().decode(document.bytes)) as Record<string, unknown>;
    return Array.isArray(value?.manifests) && value.config === undefined;
  } catch {
    return false;
  }
}

/** The Content-Type to check the document against; generic JSON types say nothing. */
function contentTypeOf(document: CachedManifest): string | undefined {
  const type = document.mediaType;
  return type === "" || type === "application/json" || type === "application/octet-stream"
    ? undefined
    : type;
}
