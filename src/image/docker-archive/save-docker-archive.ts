import { TarWriter } from "../../archive/tar-writer.ts";
import type { BlobProvider } from "../../content/content-store.ts";
import type { Digest } from "../../digest/digest.ts";
import type { ImageStore } from "../image-store.ts";
import { dockerSaveEntries } from "./docker-save-entries.ts";
import { selectImagesToSave } from "./save-selection.ts";

/** Options of `saveDockerArchive`. */
export interface SaveDockerArchiveOptions {
  readonly images: ImageStore;
  /** Holds every layer as its uncompressed tar under its diff ID (the daemon's convention). */
  readonly content: BlobProvider;
  /** What the user passed to `docker save`: names, tags, IDs or ID prefixes. */
  readonly names: readonly string[];
  /** The time of the save, from the daemon's clock (see `dockerSaveEntries`). */
  readonly nowUs: number;
  /** Largest archive to produce. Default: no limit beyond memory. */
  readonly sizeBytesMax?: number;
}

/**
 * `docker save`: the images `names` select, as the legacy (v1.2) tar dockerd 20.10 writes,
 * byte for byte. Every layer is read (and so verified) from the content store before anything
 * is written; a missing layer is the content store's `NotFound` error.
 *
 * @example
 * const tar = await saveDockerArchive({ images, content, names: ["busybox"], nowUs: clock.nowUs() });
 */
export async function saveDockerArchive(options: SaveDockerArchiveOptions): Promise<Uint8Array> {
  const selections = selectImagesToSave(options.images, options.names);
  const layers = new Map<Digest, Uint8Array>();
  for (const { image } of selections) {
    for (const { diffId } of image.layers) {
      if (!layers.has(diffId)) layers.set(diffId, await options.content.read(diffId));
    }
  }
  const entries = dockerSaveEntries({
    selections,
    layerTar: (diffId) => layers.get(diffId)!,
    nowUs: options.nowUs,
  });
  const writer = new TarWriter({ sizeBytesMax: options.sizeBytesMax });
  for (const entry of entries) writer.add(entry);
  return writer.finish();
}
