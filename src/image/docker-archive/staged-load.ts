import type { Digest } from "../../digest/digest.ts";
import type { Image } from "../image.ts";
import type { NamedReference } from "../reference.ts";

/**
 * One image read from an archive and fully verified, not yet in any store: its config (the
 * bytes as found), each layer's uncompressed tar (its sha256 checked against the config's diff
 * ID), the tags the archive gives it and, when the archive says so, its parent.
 */
export interface StagedImage {
  readonly image: Image;
  /** Uncompressed layer tars, aligned with `image.layers`. */
  readonly layerTars: readonly Uint8Array[];
  /** In archive order; each has a tag. */
  readonly tags: readonly NamedReference[];
  readonly parent?: Digest;
}

/** Everything an archive holds, verified, ready to be committed to a daemon's stores at once. */
export interface StagedLoad {
  /** In archive order (manifest.json or index.json). */
  readonly images: readonly StagedImage[];
}
