import { type Digest, digestFromHex, digestOf } from "../../digest/digest.ts";
import { imageFromConfigBytes } from "../image.ts";
import { type NamedReference, parseNormalizedNamed } from "../reference.ts";
import type { ArchiveManifestItem } from "./archive-manifest.ts";
import { type ArchiveTree, assertArchivePath } from "./archive-tree.ts";
import { DockerArchiveError } from "./docker-archive-error.ts";
import type { DockerArchiveLimits } from "./docker-archive-limits.ts";
import { type UncompressedLayer, uncompressedLayer } from "./layer-content.ts";
import type { StagedImage } from "./staged-load.ts";

/** The host OS of the simulated daemon: dockerd on Linux. */
const HOST_OS = "linux";

/**
 * Reads and verifies the images manifest.json lists, in its order, as dockerd's `Load` does,
 * but checking everything before anything is stored: each config must parse, be a Linux image
 * and (when its file is named by a digest) hash to its name; each layer file (plain or gzip)
 * must unpack and hash to the config's diff ID at its position; OCI blob files must hash to
 * their names. A layer file shared by several images is read once.
 */
export function stageManifestItems(
  tree: ArchiveTree,
  items: readonly ArchiveManifestItem[],
  limits: DockerArchiveLimits,
): readonly StagedImage[] {
  const layers = new Map<string, UncompressedLayer>();
  const readLayer = (path: string): UncompressedLayer => {
    const resolved = tree.resolve(path);
    let layer = layers.get(resolved);
    if (layer === undefined) {
      const bytes = readNamedFile(tree, path);
      layer = uncompressedLayer(bytes, { path, sizeBytesMax: limits.layerSizeBytesMax });
      layers.set(resolved, layer);
    }
    return layer;
  };
  return Object.freeze(
    items.map((item) => {
      const image = imageFromConfigBytes(readNamedFile(tree, item.config));
      checkCompatibleOs(image.config.os);
      const diffIds = image.config.rootfs.diffIds;
      if (item.layers.length !== diffIds.length) {
        throw new DockerArchiveError({
          reason: "format",
          path: item.config,
          message: `invalid manifest, layers length mismatch: expected ${item.layers.length}, got ${diffIds.length}`,
        });
      }
      const layerTars = diffIds.map((diffId, index) => {
        const layer = readLayer(item.layers[index]!);
        if (layer.diffId !== diffId) throw invalidDiffId(index, diffId, layer.diffId);
        return layer.tar;
      });
      const staged: StagedImage = {
        image,
        layerTars: Object.freeze(layerTars),
        tags: Object.freeze((item.repoTags ?? []).map(parseRepoTag)),
      };
      return Object.freeze(item.parent === undefined ? staged : { ...staged, parent: item.parent });
    }),
  );
}

/** dockerd's message when a layer's content does not match the config. */
export function invalidDiffId(index: number, expected: Digest, actual: Digest): DockerArchiveError {
  return new DockerArchiveError({
    reason: "digest",
    message: `invalid diffID for layer ${index}: expected "${expected}", got "${actual}"`,
    data: { layer: index, expected, actual },
  });
}

/**
 * A file manifest.json names, checked against the digest in its name when it has one:
 * `blobs/sha256/<hex>` (Docker ≥ 25, OCI), `<hex>.json` (dockerd's configs) or
 * `sha256:<hex>` (go-containerregistry's).
 */
function readNamedFile(tree: ArchiveTree, path: string): Uint8Array {
  assertArchivePath(path, "manifest.json names a file");
  const bytes = tree.read(path);
  const expected = digestInName(path);
  if (expected !== undefined) {
    const actual = digestOf(bytes);
    if (actual !== expected) {
      throw new DockerArchiveError({
        reason: "digest",
        path,
        message: `${path}: digest mismatch: expected "${expected}", got "${actual}"`,
        data: { expected, actual },
      });
    }
  }
  return bytes;
}

const BLOB_PATH = /^blobs\/sha256\/([a-f0-9]{64})$/;
const DIGEST_NAME = /^(?:sha256:)?([a-f0-9]{64})(?:\.json)?$/;

function digestInName(path: string): Digest | undefined {
  const hex =
    BLOB_PATH.exec(path)?.[1] ?? DIGEST_NAME.exec(path.slice(path.lastIndexOf("/") + 1))?.[1];
  return hex === undefined ? undefined : digestFromHex(hex);
}

/** A `RepoTags` entry: a normalised reference that must carry a tag (`invalid tag "…"`). */
function parseRepoTag(text: string): NamedReference {
  const reference = parseNormalizedNamed(text);
  if (reference.tag === undefined) {
    throw new DockerArchiveError({
      reason: "format",
      message: `invalid tag ${JSON.stringify(text)}`,
    });
  }
  return reference;
}

/** dockerd's `checkCompatibleOS` on a Linux host: the image OS must be linux or empty. */
export function checkCompatibleOs(os: string): void {
  if (os === "" || os === HOST_OS) return;
  const detail = os === "windows" ? "" : `: unsupported os ${os}`;
  throw new DockerArchiveError({
    reason: "unsupported",
    message: `cannot load ${os} image on ${HOST_OS}${detail}`,
    data: { os },
  });
}
