import { type Digest, digestOf } from "../digest/digest.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { Descriptor } from "./descriptor.ts";
import { type ArchiveTree, assertArchivePath } from "./docker-archive/archive-tree.ts";
import { DockerArchiveError } from "./docker-archive/docker-archive-error.ts";
import {
  DEFAULT_DOCKER_ARCHIVE_LIMITS,
  type DockerArchiveLimits,
} from "./docker-archive/docker-archive-limits.ts";
import { uncompressedLayer } from "./docker-archive/layer-content.ts";
import { checkCompatibleOs, invalidDiffId } from "./docker-archive/stage-manifest-items.ts";
import { type Image, imageFromConfigBytes } from "./image.ts";
import { parseImageIndex, requirePlatformManifest } from "./image-index.ts";
import { decodeJsonDocument } from "./json-reader.ts";
import { checkImageManifest, type ImageManifest, parseManifest } from "./manifest.ts";
import { isImageManifestMediaType, isIndexMediaType } from "./media-types.ts";
import {
  OCI_INDEX_PATH,
  OCI_LAYOUT_PATH,
  OCI_LAYOUT_VERSION,
  OCI_REF_NAME_ANNOTATION,
  ociBlobPath,
} from "./oci-layout.ts";
import { DEFAULT_PLATFORM, type Platform } from "./platform.ts";

/** One image found in an OCI layout, verified from its index entry down to every layer. */
export interface OciLayoutImage {
  /** The entry of `index.json` that led to it (its annotations name it). */
  readonly descriptor: Descriptor;
  /** `org.opencontainers.image.ref.name`, if the entry has one. */
  readonly refName?: string;
  readonly manifestDigest: Digest;
  readonly manifest: ImageManifest;
  /** Built from the config blob's exact bytes (the ID is their digest). */
  readonly image: Image;
  /** Uncompressed layer tars, aligned with `image.layers`. */
  readonly layerTars: readonly Uint8Array[];
}

/** Nested indexes followed from `index.json` at most (index → index → manifest is 2). */
const INDEX_DEPTH_MAX = 4;

/**
 * Reads the images of an OCI image layout (skopeo's `oci:` directories, the inside of Docker ≥
 * 25 and containerd archives). Every blob must be at `blobs/sha256/<hex>`, hash to that name and
 * have the size its descriptor says; each layer (plain or gzip) must hash, uncompressed, to the
 * config's diff ID. An entry that is an index is resolved to `platform` (default linux/amd64);
 * entries that are neither images nor indexes (artifacts) are skipped.
 */
export function readOciLayout(
  tree: ArchiveTree,
  options: { limits?: Partial<DockerArchiveLimits>; platform?: Platform } = {},
): readonly OciLayoutImage[] {
  const limits = { ...DEFAULT_DOCKER_ARCHIVE_LIMITS, ...options.limits };
  checkLayoutVersion(tree, limits);
  const index = parseImageIndex(readDocument(tree, OCI_INDEX_PATH, limits), {
    limits: { sizeBytesMax: limits.documentSizeBytesMax },
  });
  if (index.manifests.length > limits.imageCountMax) {
    throw new LimitExceededError({
      what: "images in index.json",
      limit: limits.imageCountMax,
      actual: index.manifests.length,
    });
  }
  const images: OciLayoutImage[] = [];
  for (const entry of index.manifests) {
    const target = resolveIndexEntry(tree, entry, {
      limits,
      platform: options.platform ?? DEFAULT_PLATFORM,
    });
    if (target === undefined) continue;
    const image = readImage(tree, target, limits);
    const refName = entry.annotations?.[OCI_REF_NAME_ANNOTATION];
    images.push(
      Object.freeze({ descriptor: entry, ...(refName === undefined ? {} : { refName }), ...image }),
    );
  }
  return Object.freeze(images);
}

function checkLayoutVersion(tree: ArchiveTree, limits: DockerArchiveLimits): void {
  const text = decodeJsonDocument(readDocument(tree, OCI_LAYOUT_PATH, limits), {
    kind: "index",
    sizeBytesMax: limits.documentSizeBytesMax,
  }).value as { imageLayoutVersion?: unknown } | null;
  const version = text?.imageLayoutVersion;
  if (version !== OCI_LAYOUT_VERSION) {
    throw new DockerArchiveError({
      reason: "unsupported",
      path: OCI_LAYOUT_PATH,
      message: `unsupported OCI layout version ${JSON.stringify(version ?? null)} (want "${OCI_LAYOUT_VERSION}")`,
    });
  }
}

/** The image manifest an index entry stands for, following nested indexes; undefined to skip. */
function resolveIndexEntry(
  tree: ArchiveTree,
  entry: Descriptor,
  options: { limits: DockerArchiveLimits; platform: Platform },
): Descriptor | undefined {
  let current = entry;
  for (let depth = 0; depth < INDEX_DEPTH_MAX; depth++) {
    if (isImageManifestMediaType(current.mediaType)) return current;
    if (!isIndexMediaType(current.mediaType)) return undefined;
    const nested = parseImageIndex(readBlob(tree, current), {
      limits: { sizeBytesMax: options.limits.documentSizeBytesMax },
    });
    current = requirePlatformManifest(nested, options.platform);
  }
  throw new DockerArchiveError({
    reason: "format",
    path: OCI_INDEX_PATH,
    message: `index.json: indexes nested more than ${INDEX_DEPTH_MAX} deep`,
  });
}

function readImage(
  tree: ArchiveTree,
  target: Descriptor,
  limits: DockerArchiveLimits,
): Pick<OciLayoutImage, "manifestDigest" | "manifest" | "image" | "layerTars"> {
  const manifest = parseManifest(readBlob(tree, target), {
    contentType: target.mediaType,
    limits: { sizeBytesMax: limits.documentSizeBytesMax },
  });
  checkImageManifest(manifest);
  const image = imageFromConfigBytes(readBlob(tree, manifest.config));
  checkCompatibleOs(image.config.os);
  const diffIds = image.config.rootfs.diffIds;
  if (manifest.layers.length !== diffIds.length) {
    throw new DockerArchiveError({
      reason: "format",
      path: ociBlobPath(target.digest),
      message: "layers from manifest don't match image configuration",
      data: { manifestLayerCount: manifest.layers.length, diffIdCount: diffIds.length },
    });
  }
  const layerTars = manifest.layers.map((descriptor, position) => {
    const path = ociBlobPath(descriptor.digest);
    const layer = uncompressedLayer(readBlob(tree, descriptor), {
      path,
      sizeBytesMax: limits.layerSizeBytesMax,
    });
    if (layer.diffId !== diffIds[position])
      throw invalidDiffId(position, diffIds[position]!, layer.diffId);
    return layer.tar;
  });
  return { manifestDigest: target.digest, manifest, image, layerTars: Object.freeze(layerTars) };
}

/**
 * A blob a descriptor points at, checked against its digest and size. Documents among them are
 * bounded by the parsers' own size limits.
 */
function readBlob(tree: ArchiveTree, descriptor: Descriptor): Uint8Array {
  const path = ociBlobPath(descriptor.digest);
  const data = tree.read(path);
  const actual = digestOf(data);
  if (actual !== descriptor.digest || data.length !== descriptor.sizeBytes) {
    throw new DockerArchiveError({
      reason: "digest",
      path,
      message: `${path}: content does not match its descriptor: expected "${descriptor.digest}" (${descriptor.sizeBytes} bytes), got "${actual}" (${data.length} bytes)`,
      data: {
        expected: descriptor.digest,
        actual,
        expectedSizeBytes: descriptor.sizeBytes,
        sizeBytes: data.length,
      },
    });
  }
  return data;
}

function readDocument(tree: ArchiveTree, path: string, limits: DockerArchiveLimits): Uint8Array {
  assertArchivePath(path, "layout file");
  const data = tree.read(path);
  if (data.length > limits.documentSizeBytesMax) {
    throw new LimitExceededError({
      what: `${path} size in bytes`,
      limit: limits.documentSizeBytesMax,
      actual: data.length,
    });
  }
  return data;
}
