import type { ContentStore } from "../../content/content-store.ts";
import { writeBlob } from "../../content/write-blob.ts";
import type { Digest } from "../../digest/digest.ts";
import { configBytes } from "../image.ts";
import type { ImageStore } from "../image-store.ts";
import { familiarString, type NamedReference } from "../reference.ts";
import type { StagedLoad } from "./staged-load.ts";

/** One image `docker load` added (or found already present), with the tags it now has from the archive. */
export interface LoadedImage {
  readonly id: Digest;
  /** Familiar `name:tag` strings, in archive order. */
  readonly tags: readonly string[];
}

/** What a load did and what dockerd would have streamed back. */
export interface DockerLoadResult {
  readonly images: readonly LoadedImage[];
  /**
   * The texts dockerd writes to the response, one per write, each ending in `\n`:
   * `Loaded image: name:tag`, `The image … already exists, renaming the old one with ID … to
   * empty string`, and, when the archive's last image has no tag, one write with a
   * `Loaded image ID: sha256:…` line for every image. `loadResponseStream` frames them as JSON.
   */
  readonly messages: readonly string[];
}

interface Journal {
  readonly addedImages: Digest[];
  readonly tags: { reference: NamedReference; previous: Digest | undefined }[];
}

/**
 * Puts a verified archive into a daemon's stores, all or nothing. First the blobs: each layer
 * tar under its diff ID and each config under the image ID (content the store already has is
 * not written again). Then, without yielding, the images, their tags and parent links, in
 * archive order, producing dockerd's messages. If anything fails, tags are put back, added
 * images and newly written blobs removed, and the error is rethrown: the stores are as before.
 */
export async function commitLoad(options: {
  readonly staged: StagedLoad;
  readonly images: ImageStore;
  readonly content: ContentStore;
}): Promise<DockerLoadResult> {
  const written = await writeBlobs(options.staged, options.content);
  const journal: Journal = { addedImages: [], tags: [] };
  try {
    return applyImages({ ...options, journal });
  } catch (error) {
    rollBack(options.images, journal);
    for (const digest of written.reverse()) await options.content.delete(digest);
    throw error;
  }
}

async function writeBlobs(staged: StagedLoad, content: ContentStore): Promise<Digest[]> {
  const blobs = new Map<Digest, Uint8Array>();
  for (const { image, layerTars } of staged.images) {
    image.layers.forEach((layer, index) => {
      blobs.set(layer.diffId, layerTars[index]!);
    });
    blobs.set(image.id, configBytes(image));
  }
  const written: Digest[] = [];
  try {
    for (const [digest, bytes] of blobs) {
      if (await content.has(digest)) continue;
      await writeBlob(content, bytes, { expectedDigest: digest });
      written.push(digest);
    }
  } catch (error) {
    for (const digest of written.reverse()) await content.delete(digest);
    throw error;
  }
  return written;
}

function applyImages(options: {
  readonly staged: StagedLoad;
  readonly images: ImageStore;
  readonly journal: Journal;
}): DockerLoadResult {
  const { images, journal } = options;
  const messages: string[] = [];
  const loaded: LoadedImage[] = [];
  let imageIds = "";
  let lastTagCount = 0;
  for (const { image, tags } of options.staged.images) {
    if (images.add(image).added) journal.addedImages.push(image.id);
    imageIds += `Loaded image ID: ${image.id}\n`;
    for (const reference of tags) {
      const previous = images.references.get(reference);
      const name = familiarString(reference);
      if (previous !== undefined && previous !== image.id) {
        messages.push(
          `The image ${name} already exists, renaming the old one with ID ${previous} to empty string\n`,
        );
      }
      journal.tags.push({ reference, previous });
      // Like dockerd's load, this sets the tag without touching the image's last-tag time.
      images.tag(reference, image.id);
      messages.push(`Loaded image: ${name}\n`);
    }
    lastTagCount = tags.length;
    loaded.push(Object.freeze({ id: image.id, tags: Object.freeze(tags.map(familiarString)) }));
  }
  const ids = new Set(loaded.map((item) => item.id));
  for (const { image, parent } of options.staged.images) {
    if (parent !== undefined && parent !== image.id && ids.has(parent))
      images.setParent(image.id, parent);
  }
  // dockerd resets its tag count per image, so only an untagged last image prints the IDs.
  if (lastTagCount === 0 && imageIds !== "") messages.push(imageIds);
  return Object.freeze({ images: Object.freeze(loaded), messages: Object.freeze(messages) });
}

function rollBack(images: ImageStore, journal: Journal): void {
  for (const { reference, previous } of journal.tags.reverse()) {
    if (previous === undefined) images.references.delete(reference);
    else images.tag(reference, previous);
  }
  for (const id of journal.addedImages.reverse()) images.delete(id);
}
