import { alpineImage, busyboxImage, type OfflineImage } from "../runtime/offline-images.ts";
import type { OfflineImageName } from "./world-spec.ts";

const cache = new Map<OfflineImageName, OfflineImage>();

/**
 * The offline image of a spec's name, made once per process: images are immutable values, and
 * a hundred hosts holding busybox share one.
 */
export function offlineImage(name: OfflineImageName): OfflineImage {
  let image = cache.get(name);
  if (image === undefined) {
    image = name === "busybox" ? busyboxImage() : alpineImage();
    cache.set(name, image);
  }
  return image;
}
