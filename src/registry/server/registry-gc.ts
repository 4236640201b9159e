import type { Digest } from "../../digest/digest.ts";
import type { RegistryStore, RepositoryState } from "./registry-store.ts";

/** What a garbage collection removed. */
export interface GarbageCollection {
  /** Blobs whose bytes were released, sorted. */
  readonly removedBlobs: readonly Digest[];
  /** Manifests removed as untagged (`deleteUntagged`), sorted by repository then digest. */
  readonly removedManifests: readonly { readonly repository: string; readonly digest: Digest }[];
  readonly freedBytes: number;
}

/** Manifests a repository's tags reach, index entries followed. */
function tagged(repository: RepositoryState): Set<Digest> {
  const reached = new Set<Digest>();
  const pending = [...repository.tags.values()];
  while (pending.length > 0) {
    const digest = pending.pop()!;
    if (reached.has(digest)) continue;
    reached.add(digest);
    const manifest = repository.manifests.get(digest);
    for (const child of manifest?.children ?? []) pending.push(child.digest);
  }
  return reached;
}

/** Mark and sweep over a store (see `MemRegistry.garbageCollect`). */
export function collectGarbage(
  store: RegistryStore,
  options: { deleteUntagged?: boolean },
): GarbageCollection {
  const removedManifests: { repository: string; digest: Digest }[] = [];
  const marked = new Set<Digest>();
  for (const repository of [...store.repositories.values()].sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const keep = options.deleteUntagged === true ? tagged(repository) : undefined;
    for (const digest of [...repository.manifests.keys()].sort()) {
      if (keep !== undefined && !keep.has(digest)) {
        repository.manifests.delete(digest);
        removedManifests.push({ repository: repository.name, digest });
        continue;
      }
      marked.add(digest);
      for (const blob of repository.manifests.get(digest)!.blobs) marked.add(blob);
    }
  }
  const removedBlobs = [...store.blobs.keys()].filter((digest) => !marked.has(digest)).sort();
  let freedBytes = 0;
  for (const digest of removedBlobs) {
    freedBytes += store.blobs.get(digest)!.sizeBytes;
    store.dropBlob(digest);
    for (const repository of store.repositories.values()) repository.layers.delete(digest);
  }
  return { removedBlobs, removedManifests, freedBytes };
}
