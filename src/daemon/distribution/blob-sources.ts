import type { BlobSource } from "./distribution-metadata.ts";

/**
 * dockerd's order of blob sources for existence checks and mounts
 * (`sortV2MetadataByLikenessAndAge`): sources recorded with the same credentials first, then
 * those whose repository shares more leading path components with the target, the newest
 * first among equals.
 */
export function sortByLikeness(
  sources: readonly BlobSource[],
  target: { repository: string; account: string },
): BlobSource[] {
  const components = target.repository.split("/");
  const newestFirst = [...sources].reverse();
  return newestFirst
    .map((source, age) => ({ source, age }))
    .sort((left, right) => {
      const leftOwn = left.source.account === target.account;
      const rightOwn = right.source.account === target.account;
      if (leftOwn !== rightOwn) return leftOwn ? -1 : 1;
      const byLikeness =
        matchingComponents(right.source.repository, components) -
        matchingComponents(left.source.repository, components);
      return byLikeness !== 0 ? byLikeness : left.age - right.age;
    })
    .map((item) => item.source);
}

function matchingComponents(repository: string, components: readonly string[]): number {
  const parts = repository.split("/");
  let count = 0;
  while (count < parts.length && count < components.length && parts[count] === components[count])
    count++;
  return count;
}

/** The domain of a full repository name (`localhost:5000/mini` → `localhost:5000`). */
export function domainOfRepository(repository: string): string {
  const slash = repository.indexOf("/");
  return slash < 0 ? "" : repository.slice(0, slash);
}

/** The path of a full repository name (`localhost:5000/mini` → `mini`). */
export function pathOfRepository(repository: string): string {
  const slash = repository.indexOf("/");
  return slash < 0 ? repository : repository.slice(slash + 1);
}
