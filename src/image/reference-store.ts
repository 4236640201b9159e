import type { Digest } from "../digest/digest.ts";
import { assert } from "../errors/assert.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import {
  familiarName,
  familiarString,
  formatReference,
  type NamedReference,
  trimToName,
  withDefaultTag,
  withDigest,
} from "./reference.ts";

/** One entry of the reference store. */
export interface ReferenceEntry {
  readonly reference: NamedReference;
  readonly id: Digest;
}

/**
 * The daemon's names for images: tags (`docker.io/library/busybox:latest`) and digest
 * references (`localhost:5000/mini@sha256:…`, which `RepoDigests` lists). Keys are normalised
 * full references; listings are sorted by that string, the order dockerd uses for `RepoTags`.
 */
export class ReferenceStore {
  readonly #entries = new Map<string, ReferenceEntry>();
  readonly #byId = new Map<Digest, Set<string>>();
  readonly #referenceCountMax: number;

  constructor(options: { referenceCountMax?: number } = {}) {
    this.#referenceCountMax = options.referenceCountMax ?? 100_000;
  }

  /**
   * Points a tag at an image; a bare name gets `:latest`. With `force` (what `docker tag` and
   * `docker build -t` use) an existing tag moves; without it, moving a tag is a conflict.
   * Returns the stored reference.
   */
  addTag(reference: NamedReference, id: Digest, options: { force?: boolean } = {}): NamedReference {
    if (reference.digest !== undefined) {
      throw new DrydockError(
        "InvalidArgument",
        "refusing to create a tag with a digest reference",
        {
          data: { reference: formatReference(reference) },
        },
      );
    }
    const tagged = withDefaultTag(reference);
    this.#add(tagged, id, options.force ?? false);
    return tagged;
  }

  /** Records a digest reference (`name@sha256:…`) for an image; it can never be moved. */
  addDigest(reference: NamedReference, id: Digest): NamedReference {
    if (reference.digest === undefined) {
      throw new DrydockError("InvalidArgument", "a digest reference needs a digest", {
        data: { reference: formatReference(reference) },
      });
    }
    const digested = withDigest(trimToName(reference), reference.digest);
    this.#add(digested, id, false);
    return digested;
  }

  #add(reference: NamedReference, id: Digest, force: boolean): void {
    assert(
      reference.domain !== "",
      "the reference store holds normalised references (parseNormalizedNamed)",
    );
    if (familiarName(reference) === "sha256") {
      throw new DrydockError(
        "InvalidArgument",
        "refusing to create an ambiguous tag using digest algorithm as name",
        {
          data: { reference: formatReference(reference) },
        },
      );
    }
    const key = formatReference(reference);
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      if (existing.id === id) return;
      if (reference.digest !== undefined) {
        throw new DrydockError("Conflict", `Cannot overwrite digest ${reference.digest}`, {
          data: { reference: key },
        });
      }
      if (!force) {
        throw new DrydockError(
          "Conflict",
          `Conflict: Tag ${familiarString(reference)} is already set to image ${existing.id}, if you want to replace it, please use -f option`,
          { data: { reference: key, id: existing.id } },
        );
      }
      this.#remove(key, existing);
    } else if (this.#entries.size >= this.#referenceCountMax) {
      throw new LimitExceededError({ what: "image references", limit: this.#referenceCountMax });
    }
    this.#entries.set(key, Object.freeze({ reference, id }));
    let keys = this.#byId.get(id);
    if (keys === undefined) this.#byId.set(id, (keys = new Set()));
    keys.add(key);
  }

  /**
   * The image a reference names. A bare name means `:latest`; a reference with both a tag and a
   * digest is looked up by its digest alone, as dockerd does.
   */
  get(reference: NamedReference): Digest | undefined {
    return this.#entries.get(formatReference(lookupForm(reference)))?.id;
  }

  /** Removes a reference; returns the image it pointed at, or undefined if there was none. */
  delete(reference: NamedReference): Digest | undefined {
    const key = formatReference(lookupForm(reference));
    const existing = this.#entries.get(key);
    if (existing === undefined) return undefined;
    this.#remove(key, existing);
    return existing.id;
  }

  #remove(key: string, entry: ReferenceEntry): void {
    this.#entries.delete(key);
    const keys = this.#byId.get(entry.id);
    keys?.delete(key);
    if (keys?.size === 0) this.#byId.delete(entry.id);
  }

  /** Every reference to an image, tags and digests, sorted by full reference. */
  referencesOf(id: Digest): readonly NamedReference[] {
    return [...(this.#byId.get(id) ?? [])].sort().map((key) => this.#entries.get(key)!.reference);
  }

  /** Every entry, sorted by full reference. */
  list(): readonly ReferenceEntry[] {
    return [...this.#entries.keys()].sort().map((key) => this.#entries.get(key)!);
  }

  get size(): number {
    return this.#entries.size;
  }
}

function lookupForm(reference: NamedReference): NamedReference {
  if (reference.digest !== undefined) return withDigest(trimToName(reference), reference.digest);
  return withDefaultTag(reference);
}
