import { type Digest, digestHex } from "../../digest/digest.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";
import type { Image } from "../image.ts";
import { ImageNotFoundError } from "../image-not-found-error.ts";
import type { ImageStore } from "../image-store.ts";
import {
  familiarName,
  formatReference,
  isNameOnly,
  type NamedReference,
  parseAnyReference,
  referenceName,
} from "../reference.ts";

/** One image a `docker save` will write, with the tags it is saved under. */
export interface SaveSelection {
  readonly image: Image;
  /** Tags in the order the names brought them; empty when the image was named by ID or digest. */
  readonly tags: readonly NamedReference[];
  /** Its parent in the store, when that parent is saved too (manifest.json's `Parent`). */
  readonly parent?: Digest;
}

/** Most names a single save accepts. */
export const SAVE_NAME_COUNT_MAX = 10_000;

/**
 * Resolves the names given to `docker save` as dockerd 20.10 does (`parseNames`):
 *
 * - an ID (`sha256:…` or 64 hex digits) saves that image untagged;
 * - a bare repository name saves every image tagged in it, each with its tags (digest
 *   references bring the image but no tag); if the repository has no references, the name is
 *   tried as an ID prefix (`docker save 3e0abe`), and failing that: `No such image: <name>`;
 * - a `name:tag` or `name@digest` must exist (`reference does not exist`), and a tag (not a
 *   digest) is recorded.
 *
 * Images come back in the order names first brought them. dockerd keeps them in a Go map and
 * writes them in map order, which for a few images is usually that order and sometimes a
 * rotation of it; drydock always uses first-mention order.
 */
export function selectImagesToSave(
  store: ImageStore,
  names: readonly string[],
): readonly SaveSelection[] {
  if (names.length > SAVE_NAME_COUNT_MAX) {
    throw new LimitExceededError({
      what: "names in one save",
      limit: SAVE_NAME_COUNT_MAX,
      actual: names.length,
    });
  }
  const selected = new Map<Digest, { image: Image; tags: NamedReference[] }>();
  const add = (id: Digest, reference?: NamedReference): void => {
    let entry = selected.get(id);
    if (entry === undefined) selected.set(id, (entry = { image: store.get(id), tags: [] }));
    if (reference === undefined || reference.digest !== undefined) return;
    const key = formatReference(reference);
    if (!entry.tags.some((tag) => formatReference(tag) === key)) entry.tags.push(reference);
  };
  for (const name of names) addName(store, name, add);
  const ids = new Set(selected.keys());
  return Object.freeze(
    [...selected.values()].map(({ image, tags }) => {
      const parent = store.parentOf(image.id);
      return Object.freeze(
        parent !== undefined && ids.has(parent)
          ? { image, tags: Object.freeze(tags), parent }
          : { image, tags: Object.freeze(tags) },
      );
    }),
  );
}

function addName(
  store: ImageStore,
  name: string,
  add: (id: Digest, reference?: NamedReference) => void,
): void {
  const parsed = parseAnyReference(name);
  if (parsed.kind === "digest") {
    add(parsed.digest as Digest);
    return;
  }
  if (familiarName(parsed) === "sha256") {
    add(searchImageId(store, name));
    return;
  }
  if (isNameOnly(parsed)) {
    const repository = referenceName(parsed);
    const entries = store.references
      .list()
      .filter((entry) => referenceName(entry.reference) === repository);
    for (const entry of entries) add(entry.id, entry.reference);
    if (entries.length === 0) add(searchImageId(store, name));
    return;
  }
  const id = store.references.get(parsed);
  if (id === undefined) {
    throw new DrydockError("NotFound", "reference does not exist", {
      data: { reference: formatReference(parsed) },
    });
  }
  add(id, parsed);
}

/**
 * dockerd's `Search`: the one image whose ID starts with a hex prefix, `sha256:` optional.
 * Not found and ambiguous are both `NotFound`, with dockerd's two messages.
 */
function searchImageId(store: ImageStore, term: string): Digest {
  const prefix = term.startsWith("sha256:") ? term.slice("sha256:".length) : term;
  const matches = /^[a-f0-9]+$/.test(prefix)
    ? store
        .list()
        .map((image) => image.id)
        .filter((id) => digestHex(id).startsWith(prefix))
    : [];
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new ImageNotFoundError({ reference: term });
  throw new DrydockError("NotFound", "ambiguous digest string", {
    data: { reference: term, candidates: matches },
  });
}
