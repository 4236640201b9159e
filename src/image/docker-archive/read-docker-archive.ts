import { decompress, dockerdCompression } from "../../archive/decompress.ts";
import { sniffCompression } from "../../archive/sniff-compression.ts";
import type { TarEntry } from "../../archive/tar-entry.ts";
import { readTar } from "../../archive/tar-reader.ts";
import { isDrydockError } from "../../errors/drydock-error.ts";
import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";
import { CONTAINERD_IMAGE_NAME_ANNOTATION, OCI_INDEX_PATH } from "../oci-layout.ts";
import { readOciLayout } from "../oci-layout-reader.ts";
import { type NamedReference, parseNormalizedNamed } from "../reference.ts";
import { ARCHIVE_MANIFEST_PATH, parseArchiveManifest } from "./archive-manifest.ts";
import { ArchiveTree } from "./archive-tree.ts";
import { DockerArchiveError, missingFile } from "./docker-archive-error.ts";
import {
  archiveTarLimits,
  DEFAULT_DOCKER_ARCHIVE_LIMITS,
  type DockerArchiveLimits,
} from "./docker-archive-limits.ts";
import { REPOSITORIES_PATH } from "./repositories-file.ts";
import { stageManifestItems } from "./stage-manifest-items.ts";
import type { StagedImage, StagedLoad } from "./staged-load.ts";

/**
 * Reads and verifies a `docker load` archive without touching any store. Accepted forms:
 *
 * - the legacy layout dockerd 20.10 writes (`manifest.json`, `<hex>.json`, `<v1 id>/layer.tar`);
 * - Docker ≥ 25's (`manifest.json` pointing into `blobs/sha256/`, next to `index.json`);
 * - a bare OCI layout (`oci-layout`, `index.json`, no `manifest.json`), tagged by the
 *   `io.containerd.image.name` annotation;
 * - any of these gzip-compressed as a whole, and with gzip-compressed layer files inside.
 *
 * Refused, each with a clear error: a truncated or malformed tar, unsafe or duplicate entries,
 * paths outside the archive, missing files, any digest that does not match, layers whose count
 * differs from the config's, non-Linux images, pre-1.10 archives (no `manifest.json`).
 */
export function readDockerArchive(
  archive: Uint8Array,
  options: { limits?: Partial<DockerArchiveLimits> } = {},
): StagedLoad {
  const limits = { ...DEFAULT_DOCKER_ARCHIVE_LIMITS, ...options.limits };
  const tree = ArchiveTree.fromEntries(archiveEntries(archive, limits), limits);
  if (tree.hasFile(ARCHIVE_MANIFEST_PATH)) {
    const manifestBytes = tree.read(ARCHIVE_MANIFEST_PATH);
    const items = parseArchiveManifest(manifestBytes, {
      sizeBytesMax: limits.documentSizeBytesMax,
      itemCountMax: limits.imageCountMax,
    });
    return Object.freeze({ images: stageManifestItems(tree, items, limits) });
  }
  if (tree.hasFile(OCI_INDEX_PATH)) {
    const images = readOciLayout(tree, { limits }).map((found): StagedImage => {
      const name = found.descriptor.annotations?.[CONTAINERD_IMAGE_NAME_ANNOTATION];
      const tag = name === undefined ? undefined : taggedReference(name);
      return Object.freeze({
        image: found.image,
        layerTars: found.layerTars,
        tags: Object.freeze(tag === undefined ? [] : [tag]),
      });
    });
    return Object.freeze({ images: Object.freeze(images) });
  }
  throw legacyArchiveError(tree);
}

/**
 * The entries of the archive, decompressed first if it is gzip, bzip2 or xz (dockerd's `Untar`
 * does that; zstd it does not recognise, so those bytes fail as a tar).
 */
function archiveEntries(archive: Uint8Array, limits: DockerArchiveLimits): readonly TarEntry[] {
  if (archive.length > limits.archiveSizeBytesMax) {
    throw new LimitExceededError({
      what: "archive size in bytes",
      limit: limits.archiveSizeBytesMax,
      actual: archive.length,
    });
  }
  try {
    const tar = decompress(archive, {
      compression: dockerdCompression(sniffCompression(archive)),
      sizeBytesMax: limits.archiveSizeBytesMax,
    });
    return readTar(tar, archiveTarLimits(limits));
  } catch (cause) {
    if (
      !isDrydockError(cause) ||
      cause.code === "LimitExceeded" ||
      cause instanceof DockerArchiveError
    )
      throw cause;
    throw new DockerArchiveError({
      reason: "format",
      message: `Error processing tar file(exit status 1): ${cause.message}`,
      cause,
    });
  }
}

/** An `io.containerd.image.name`, if it is a tagged reference (a digest-only name tags nothing). */
function taggedReference(name: string): NamedReference | undefined {
  const reference = parseNormalizedNamed(name);
  return reference.tag === undefined ? undefined : reference;
}

/**
 * What dockerd's legacy (pre-1.10) loader says about an archive without `manifest.json`: it
 * wants a `json` in every top-level directory, then `repositories`. drydock reproduces the
 * first missing file's error, and refuses real pre-1.10 archives as unsupported.
 */
function legacyArchiveError(tree: ArchiveTree): DockerArchiveError {
  for (const name of tree.topLevelNames()) {
    if (!tree.isDirectory(name)) continue;
    if (!tree.hasFile(`${name}/json`)) return missingFile(`${name}/json`);
    return new DockerArchiveError({
      reason: "unsupported",
      path: name,
      message: "loading pre-1.10 image archives (no manifest.json) is not supported",
    });
  }
  return missingFile(REPOSITORIES_PATH);
}
