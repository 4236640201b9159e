import { assert } from "../errors/assert.ts";
import { alpineImage, busyboxImage, type OfflineImage } from "../runtime/offline-images.ts";
import type { SeedImageSource } from "./registry-server.ts";
import type { OfflineImageName } from "./world-spec.ts";

const cache = new Map<OfflineImageName, OfflineImage>();

/** The reference each offline image carries, known without making the image. */
const REFERENCES: Readonly<Record<OfflineImageName, string>> = {
  busybox: "busybox:latest",
  alpine: "alpine:latest",
};

/**
 * The offline image of a spec's name, made once per process: images are immutable values, and
 * a hundred hosts holding busybox share one.
 */
export function offlineImage(name: OfflineImageName): OfflineImage {
  let image = cache.get(name);
  if (image === undefined) {
    image = name === "busybox" ? busyboxImage() : alpineImage();
    assert(image.reference === REFERENCES[name], `offline image ${name} is ${image.reference}`);
    cache.set(name, image);
  }
  return image;
}

/** The offline image of a spec's name for a registry to seed, made only when loaded. */
export function offlineImageSource(name: OfflineImageName): SeedImageSource {
  return { reference: REFERENCES[name], load: () => offlineImage(name) };
}
