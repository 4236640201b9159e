import {
  type CompressedLayerCache,
  PROCESS_COMPRESSED_LAYERS,
} from "../../daemon/distribution/compressed-layer-cache.ts";
import type { Digest } from "../../digest/digest.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import { configBytes, configDescriptor } from "../../image/image.ts";
import { createManifest, encodeManifest } from "../../image/manifest.ts";
import type { OfflineImage } from "../../runtime/offline-images.ts";
import type { MemRegistry } from "./mem-registry.ts";

/** One image to put into a registry: where, under which tag. */
export interface SeedImage {
  /** `library/busybox`. */
  readonly repository: string;
  readonly tag: string;
  readonly image: OfflineImage;
}

/** What seeding put: the manifest digest of each image, in order. */
export interface SeededImage {
  readonly repository: string;
  readonly tag: string;
  readonly manifestDigest: Digest;
}

/**
 * Puts images into a registry as `docker push` would leave them: each layer gzip-compressed by
 * the process-wide `CompressedLayerCache` (so a daemon pushing the same layer later produces
 * identical blobs and finds them present), the config blob, and a Docker schema 2 manifest
 * indented as dockerd writes it, put under the tag. No trace events: the registry was simply
 * there before the world started.
 */
export async function seedImages(
  registry: MemRegistry,
  images: readonly SeedImage[],
  options: { layers?: CompressedLayerCache } = {},
): Promise<SeededImage[]> {
  const cache = options.layers ?? PROCESS_COMPRESSED_LAYERS;
  const seeded: SeededImage[] = [];
  for (const { repository, tag, image } of images) {
    const descriptors = [];
    for (const layer of image.layers) {
      const compressed = await cache.compress(layer.diffId, async () => layer.tar);
      registry.importBlob(repository, compressed.bytes);
      descriptors.push(compressed.descriptor);
    }
    const configDigest = registry.importBlob(repository, configBytes(image.image));
    if (configDigest !== image.image.id)
      throw new DrydockError("Internal", `config of ${image.reference} does not hash to its ID`);
    const manifest = encodeManifest(
      createManifest({
        dialect: "docker",
        config: configDescriptor(image.image),
        layers: descriptors,
      }),
    );
    const manifestDigest = registry.importManifest(repository, tag, manifest);
    seeded.push({ repository, tag, manifestDigest });
  }
  return seeded;
}
