import { goJsonLine } from "../../digest/go-json.ts";

/** The legacy file that maps repositories and tags to top-layer v1 IDs (pre-1.10 clients). */
export const REPOSITORIES_PATH = "repositories";

/**
 * `repositories` as dockerd writes it: `{familiar repository: {tag: top layer v1 ID}}`, both
 * levels Go maps (sorted keys), compact, with the encoder's trailing newline. `entries` may come
 * in any order; a later entry for the same repository and tag wins, as in dockerd's loop.
 */
export function serializeRepositories(
  entries: readonly { repository: string; tag: string; v1Id: string }[],
): string {
  const repositories = new Map<string, Map<string, string>>();
  for (const { repository, tag, v1Id } of entries) {
    let tags = repositories.get(repository);
    if (tags === undefined) repositories.set(repository, (tags = new Map()));
    tags.set(tag, v1Id);
  }
  return goJsonLine(repositories);
}
