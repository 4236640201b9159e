import { type Digest, isDigest, verifyDigest } from "../../digest/digest.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import { readManifestPayload } from "./manifest-payload.ts";
import type { RegistryStore } from "./registry-store.ts";

/** A registry's contents as JSON: everything but blob bytes, which are named by digest. */
export interface MemRegistrySnapshot {
  readonly format: "drydock-mem-registry/v1";
  readonly name: string;
  /** Every blob held (layers, configs and manifests' own bytes), sorted by digest. */
  readonly blobs: readonly { readonly digest: Digest; readonly sizeBytes: number }[];
  readonly repositories: readonly {
    readonly name: string;
    readonly layers: readonly Digest[];
    readonly manifests: readonly { readonly digest: Digest; readonly mediaType: string }[];
    readonly tags: readonly { readonly tag: string; readonly digest: Digest }[];
    readonly tagged: boolean;
  }[];
}

/** Bytes of a blob by digest, from wherever the caller kept them (a pool, a content store). */
export type BlobContent = (digest: Digest) => Uint8Array | undefined;

/** The snapshot of a store (upload sessions are not kept: a restart forgets them, as their Locations). */
export function writeSnapshot(store: RegistryStore, name: string): MemRegistrySnapshot {
  const byName = (a: { name: string }, b: { name: string }): number =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  return {
    format: "drydock-mem-registry/v1",
    name,
    blobs: [...store.blobs]
      .map(([digest, blob]) => ({ digest, sizeBytes: blob.sizeBytes }))
      .sort((a, b) => (a.digest < b.digest ? -1 : 1)),
    repositories: [...store.repositories.values()].sort(byName).map((repository) => ({
      name: repository.name,
      layers: [...repository.layers].sort(),
      manifests: [...repository.manifests.values()]
        .map((manifest) => ({ digest: manifest.digest, mediaType: manifest.mediaType }))
        .sort((a, b) => (a.digest < b.digest ? -1 : 1)),
      tags: [...repository.tags]
        .map(([tag, digest]) => ({ tag, digest }))
        .sort((a, b) => (a.tag < b.tag ? -1 : 1)),
      tagged: repository.tagged,
    })),
  };
}

function corrupt(reason: string, data: Record<string, unknown> = {}): DrydockError {
  return new DrydockError("DataLoss", `registry snapshot: ${reason}`, { data });
}

/**
 * Fills an empty store from a snapshot: every blob's bytes come from `content` and must hash
 * to their digest and size (`DigestMismatchError` otherwise), every manifest is read again,
 * every reference must resolve. Nothing is kept of a snapshot that fails.
 */
export function loadSnapshot(
  store: RegistryStore,
  snapshot: MemRegistrySnapshot,
  content: BlobContent,
): void {
  if (snapshot?.format !== "drydock-mem-registry/v1")
    throw corrupt("unknown format", { format: snapshot?.format });
  const bytesOf = new Map<Digest, Uint8Array>();
  for (const blob of snapshot.blobs) {
    if (!isDigest(blob.digest)) throw corrupt("bad blob digest", { digest: blob.digest });
    const bytes = content(blob.digest);
    if (bytes === undefined)
      throw corrupt(`blob ${blob.digest} is missing`, { digest: blob.digest });
    verifyDigest(bytes, blob.digest, "registry blob");
    if (bytes.length !== blob.sizeBytes)
      throw corrupt(`blob ${blob.digest} has the wrong size`, { digest: blob.digest });
    bytesOf.set(blob.digest, bytes);
  }
  const repositories = snapshot.repositories.map((entry) => {
    const manifests = entry.manifests.map((manifest) => {
      const bytes = bytesOf.get(manifest.digest);
      if (bytes === undefined)
        throw corrupt(`manifest ${manifest.digest} has no blob`, { digest: manifest.digest });
      const payload = readManifestPayload(bytes, manifest.mediaType);
      if ("errors" in payload)
        throw corrupt(`manifest ${manifest.digest} is invalid`, { digest: manifest.digest });
      return {
        digest: manifest.digest,
        mediaType: payload.mediaType,
        sizeBytes: bytes.length,
        blobs: payload.blobs,
        children: payload.children,
      };
    });
    for (const layer of entry.layers)
      if (!bytesOf.has(layer)) throw corrupt(`layer ${layer} has no blob`, { digest: layer });
    const digests = new Set(manifests.map((manifest) => manifest.digest));
    for (const tag of entry.tags)
      if (!digests.has(tag.digest))
        throw corrupt(`tag ${tag.tag} names no manifest`, { tag: tag.tag });
    return { entry, manifests };
  });
  for (const [digest, bytes] of bytesOf) store.putBlob(digest, bytes);
  for (const { entry, manifests } of repositories) {
    const repository = store.ensureRepository(entry.name);
    for (const layer of entry.layers) repository.layers.add(layer);
    for (const manifest of manifests) repository.manifests.set(manifest.digest, manifest);
    for (const tag of entry.tags) repository.tags.set(tag.tag, tag.digest);
    repository.tagged = entry.tagged;
  }
}
