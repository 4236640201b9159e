import { type Digest, digestHex } from "../digest/digest.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { Descriptor } from "./descriptor.ts";
import { type Image, withCompressedLayers } from "./image.ts";
import { IMAGE_DELETE_REASONS, ImageDeleteConflictError } from "./image-delete-conflict-error.ts";
import { ImageNotFoundError } from "./image-not-found-error.ts";
import { type ImageStoreJson, imageEntryJson, readImageStoreJson } from "./image-store-json.ts";
import { LayerStore } from "./layer-store.ts";
import {
  familiarString,
  formatReference,
  type NamedReference,
  parseAnyReference,
  type ReferenceOptions,
  withDefaultTag,
} from "./reference.ts";
import { ReferenceStore } from "./reference-store.ts";

/** Limits of an image store. */
export interface ImageStoreLimits {
  readonly imageCountMax: number;
  readonly referenceCountMax: number;
  readonly layerCountMax: number;
}

/** Defaults: 100 000 images, references and layers per daemon. */
export const DEFAULT_IMAGE_STORE_LIMITS: ImageStoreLimits = Object.freeze({
  imageCountMax: 100_000,
  referenceCountMax: 100_000,
  layerCountMax: 100_000,
});

interface ImageEntry {
  readonly image: Image;
  parent?: Digest;
  lastTagTimeUs?: number;
}

/** What `delete` removed. */
export interface ImageDeletion {
  /** References that still pointed at the image, sorted (dockerd prints them as `Untagged:`). */
  readonly untagged: readonly NamedReference[];
  /** Layer chain IDs released, top first (dockerd prints them as `Deleted:` after the image). */
  readonly releasedChainIds: readonly Digest[];
}

/**
 * A daemon's images: image values by ID, the names that point at them (`references`), the
 * parent each builder step records, and the layer store whose reference counts say when a
 * layer can go. It provides the primitives `docker images`, `tag`, `rmi`, `inspect` and the
 * builder need; policies (conflicts with containers, `-f`, pruning parents) belong to the daemon.
 *
 * State round-trips through `toJSON()` / `ImageStore.fromJSON()` so a daemon can persist it.
 */
export class ImageStore {
  readonly layers: LayerStore;
  readonly references: ReferenceStore;
  readonly limits: ImageStoreLimits;
  readonly #images = new Map<Digest, ImageEntry>();
  readonly #children = new Map<Digest, Set<Digest>>();

  constructor(options: { limits?: Partial<ImageStoreLimits>; layers?: LayerStore } = {}) {
    this.limits = Object.freeze({ ...DEFAULT_IMAGE_STORE_LIMITS, ...options.limits });
    this.layers = options.layers ?? new LayerStore({ layerCountMax: this.limits.layerCountMax });
    this.references = new ReferenceStore({ referenceCountMax: this.limits.referenceCountMax });
  }

  /**
   * Adds an image and takes a reference on its layers. Adding an image that is already present
   * changes nothing (no second layer reference), as dockerd's store does. `parent` records the
   * image the builder ran the step on; it must be in the store.
   */
  add(image: Image, options: { parent?: Digest } = {}): { readonly added: boolean } {
    if (this.#images.has(image.id)) {
      if (options.parent !== undefined && this.#images.get(image.id)!.parent === undefined)
        this.setParent(image.id, options.parent);
      return { added: false };
    }
    if (this.#images.size >= this.limits.imageCountMax) {
      throw new LimitExceededError({ what: "images", limit: this.limits.imageCountMax });
    }
    if (options.parent !== undefined) this.get(options.parent);
    this.layers.retain(image.config.rootfs.diffIds);
    this.#images.set(image.id, { image });
    if (options.parent !== undefined) this.setParent(image.id, options.parent);
    return { added: true };
  }

  has(id: Digest): boolean {
    return this.#images.has(id);
  }

  /** The image with this exact ID; `No such image: sha256:…` otherwise. */
  get(id: Digest): Image {
    const entry = this.#images.get(id);
    if (entry === undefined) throw new ImageNotFoundError({ reference: id });
    return entry.image;
  }

  /** Every image, sorted by ID. */
  list(): readonly Image[] {
    return [...this.#images.keys()].sort().map((id) => this.#images.get(id)!.image);
  }

  get size(): number {
    return this.#images.size;
  }

  /**
   * Remembers compressed blobs for an image's layers (after a push or a pull), so a later push
   * need not compress again. The ID is unchanged; `undefined` entries stay unknown.
   */
  recordCompressedLayers(id: Digest, compressed: readonly (Descriptor | undefined)[]): Image {
    const entry = this.#entry(id);
    const merged = compressed.map(
      (descriptor, index) => descriptor ?? entry.image.layers[index]?.compressed,
    );
    const image = withCompressedLayers(entry.image, merged);
    this.#images.set(id, { ...entry, image });
    return image;
  }

  /** Records `parent` as the image `id` was built on. */
  setParent(id: Digest, parent: Digest): void {
    const entry = this.#entry(id);
    this.get(parent);
    if (entry.parent !== undefined) this.#children.get(entry.parent)?.delete(id);
    entry.parent = parent;
    let children = this.#children.get(parent);
    if (children === undefined) this.#children.set(parent, (children = new Set()));
    children.add(id);
  }

  parentOf(id: Digest): Digest | undefined {
    return this.#entry(id).parent;
  }

  /** The images built on `id`, sorted. */
  childrenOf(id: Digest): readonly Digest[] {
    return [...(this.#children.get(id) ?? [])].sort();
  }

  /** Tags an image (a bare name gets `:latest`); an existing tag moves. Returns the stored reference. */
  tag(reference: NamedReference, id: Digest, options: { timeUs?: number } = {}): NamedReference {
    const entry = this.#entry(id);
    const stored = this.references.addTag(reference, id, { force: true });
    if (options.timeUs !== undefined) entry.lastTagTimeUs = options.timeUs;
    return stored;
  }

  /** Records `name@digest` for an image (after a push or a pull by digest). */
  addDigestReference(reference: NamedReference, id: Digest): NamedReference {
    this.#entry(id);
    return this.references.addDigest(reference, id);
  }

  /** Removes a tag or digest reference; `No such image: <ref>` if it does not exist. */
  untag(reference: NamedReference): Digest {
    const id = this.references.delete(reference);
    if (id === undefined)
      throw new ImageNotFoundError({ reference: familiarString(withDefaultTag(reference)) });
    return id;
  }

  /** Tags, familiar and sorted: `RepoTags` of inspect. */
  repoTags(id: Digest): readonly string[] {
    return this.references
      .referencesOf(id)
      .filter((ref) => ref.digest === undefined)
      .map(familiarString);
  }

  /** Digest references, familiar and sorted: `RepoDigests` of inspect. */
  repoDigests(id: Digest): readonly string[] {
    return this.references
      .referencesOf(id)
      .filter((ref) => ref.digest !== undefined)
      .map(familiarString);
  }

  /** When the image was last tagged, if a time was given to `tag`. */
  lastTagTimeUs(id: Digest): number | undefined {
    return this.#entry(id).lastTagTimeUs;
  }

  /**
   * Finds the image a user's string names, the way dockerd 20.10 does: a full ID (64 hex digits
   * or `sha256:…`); otherwise a reference (default tag `latest`; with both tag and digest, the
   * digest); otherwise an ID prefix with or without `sha256:`. An ambiguous prefix is not found,
   * with dockerd's message. Malformed input throws `InvalidReferenceError`.
   */
  resolve(text: string, options: ReferenceOptions = {}): Image {
    const parsed = parseAnyReference(text, options);
    if (parsed.kind === "digest") {
      const entry = this.#images.get(parsed.digest as Digest);
      if (entry === undefined) throw new ImageNotFoundError({ reference: parsed.digest });
      return entry.image;
    }
    const id = this.references.get(parsed);
    const named = id === undefined ? undefined : this.#images.get(id);
    if (named !== undefined) return named.image;
    const candidates = this.#searchPrefix(text);
    if (candidates.length === 1) return this.#images.get(candidates[0]!)!.image;
    throw new ImageNotFoundError({
      reference: familiarString(withDefaultTag(parsed)),
      ambiguous: candidates.length > 1,
      candidates,
    });
  }

  /** IDs starting with a hex prefix (`3e0a`, `sha256:3e0a`); other algorithms match nothing. */
  #searchPrefix(text: string): readonly Digest[] {
    const colon = text.indexOf(":");
    if (colon >= 0 && text.slice(0, colon) !== "sha256") return [];
    const prefix = colon >= 0 ? text.slice(colon + 1) : text;
    if (prefix === "" || !/^[a-f0-9]+$/.test(prefix)) return [];
    return [...this.#images.keys()].filter((id) => digestHex(id).startsWith(prefix)).sort();
  }

  /**
   * Deletes an image: removes the references still pointing at it, its parent link, and its
   * hold on its layers. Refused (hard conflict, dockerd's wording) while images are built on
   * it. Returns what was untagged and the chain IDs released.
   */
  delete(id: Digest): ImageDeletion {
    const entry = this.#entry(id);
    if ((this.#children.get(id)?.size ?? 0) > 0) {
      throw new ImageDeleteConflictError({
        kind: "image",
        imageId: id,
        hard: true,
        reason: IMAGE_DELETE_REASONS.dependentChildren,
      });
    }
    const untagged = this.references.referencesOf(id);
    for (const reference of untagged) this.references.delete(reference);
    if (entry.parent !== undefined) {
      const siblings = this.#children.get(entry.parent);
      siblings?.delete(id);
      if (siblings?.size === 0) this.#children.delete(entry.parent);
    }
    this.#children.delete(id);
    this.#images.delete(id);
    const top = entry.image.layers.at(-1)?.chainId;
    const releasedChainIds = top === undefined ? [] : this.layers.release(top);
    return Object.freeze({ untagged, releasedChainIds });
  }

  #entry(id: Digest): ImageEntry {
    const entry = this.#images.get(id);
    if (entry === undefined) throw new ImageNotFoundError({ reference: id });
    return entry;
  }

  /** The whole state as plain JSON, sorted, for a daemon's data root. */
  toJSON(): ImageStoreJson {
    const images = [...this.#images.keys()].sort().map((id) => {
      const entry = this.#images.get(id)!;
      return imageEntryJson(entry.image, {
        parent: entry.parent,
        lastTagTimeUs: entry.lastTagTimeUs,
      });
    });
    const references = this.references
      .list()
      .map((entry) => ({ reference: formatReference(entry.reference), id: entry.id }));
    return { version: 1, images, references, layers: this.layers.toJSON() };
  }

  /**
   * Rebuilds a store from `toJSON()` output. Every config is re-hashed against its ID, every
   * parent, reference target and layer must be present and the layer reference counts must
   * cover the images and layers that hold them; any violation is a `DataLoss` error.
   */
  static fromJSON(
    value: unknown,
    options: { limits?: Partial<ImageStoreLimits> } = {},
  ): ImageStore {
    const state = readImageStoreJson(value);
    const layerCountMax = options.limits?.layerCountMax ?? DEFAULT_IMAGE_STORE_LIMITS.layerCountMax;
    const layers = LayerStore.fromJSON(state.layers, { layerCountMax });
    const store = new ImageStore({ ...options, layers });
    if (state.images.length > store.limits.imageCountMax) {
      throw new LimitExceededError({
        what: "images",
        limit: store.limits.imageCountMax,
        actual: state.images.length,
      });
    }
    for (const restored of state.images) {
      if (store.#images.has(restored.image.id))
        corrupt(`image ${restored.image.id} is listed twice`);
      const top = restored.image.layers.at(-1)?.chainId;
      if (top !== undefined && !layers.has(top))
        corrupt(`layer ${top} of image ${restored.image.id} is missing`);
      store.#images.set(restored.image.id, {
        image: restored.image,
        lastTagTimeUs: restored.lastTagTimeUs,
      });
    }
    for (const restored of state.images) {
      if (restored.parent === undefined) continue;
      if (!store.#images.has(restored.parent))
        corrupt(`parent ${restored.parent} of ${restored.image.id} is missing`);
      store.setParent(restored.image.id, restored.parent);
    }
    for (const { reference, id } of state.references) {
      if (!store.#images.has(id))
        corrupt(`reference ${formatReference(reference)} points at a missing image ${id}`);
      if (reference.digest === undefined) store.references.addTag(reference, id);
      else store.references.addDigest(reference, id);
    }
    checkLayerReferences(store);
    return store;
  }
}

/** Each layer must be held at least by the images on top of it and the layers stacked on it. */
function checkLayerReferences(store: ImageStore): void {
  const holders = new Map<Digest, number>();
  const hold = (chainId: Digest): void => {
    holders.set(chainId, (holders.get(chainId) ?? 0) + 1);
  };
  for (const image of store.list()) {
    const top = image.layers.at(-1)?.chainId;
    if (top !== undefined) hold(top);
  }
  for (const layer of store.layers.list()) if (layer.parent !== undefined) hold(layer.parent);
  for (const layer of store.layers.list()) {
    const needed = holders.get(layer.chainId) ?? 0;
    if (layer.references < needed)
      corrupt(`layer ${layer.chainId} has ${layer.references} references, ${needed} holders`);
  }
}

function corrupt(message: string): never {
  throw new DrydockError("DataLoss", `image store state is inconsistent: ${message}`, {
    data: { detail: message },
  });
}
