import { compareUtf8 } from "../../digest/go-json.ts";
import { goEncodeQuery } from "../client/go-query.ts";
import type { RegistryResponse } from "../registry-http.ts";
import type { RegistryContext, RequestContext } from "./registry-context.ts";
import { errorOf, jsonReply } from "./registry-reply.ts";

/** One page of a sorted listing: entries after `last`, at most `n`, and whether more remain. */
function page(
  sorted: readonly string[],
  options: { n: number; last: string | null },
): { entries: string[]; more: boolean } {
  const after =
    options.last === null
      ? sorted
      : sorted.filter((entry) => compareUtf8(entry, options.last!) > 0);
  return { entries: after.slice(0, options.n), more: after.length > options.n };
}

/** `n` as 2.8.2 reads it: a number, or ignored when absent or not one. */
function pageSize(query: URLSearchParams): number | undefined {
  const text = query.get("n");
  if (text === null || !/^-?\d+$/.test(text)) return undefined;
  return Number(text);
}

/** The `Link` of the next page: `</v2/_catalog?last=…&n=…>; rel="next"`. */
function nextLink(path: string, last: string, n: number): string {
  const query = goEncodeQuery(
    new Map([
      ["last", [last]],
      ["n", [String(n)]],
    ]),
  );
  return `<${path}?${query}>; rel="next"`;
}

/**
 * `GET /v2/_catalog`: repositories in byte order, `n` per page (above `catalogPageSizeMax`:
 * `PAGINATION_NUMBER_INVALID`), after `last`, with a `Link` to the next page when more remain.
 */
export function listCatalog(context: RegistryContext, request: RequestContext): RegistryResponse {
  const req = request.request;
  const requested = pageSize(request.query);
  const max = context.limits.catalogPageSizeMax;
  if (requested !== undefined && (requested > max || requested < 0))
    return errorOf(req, "PAGINATION_NUMBER_INVALID", { n: requested });
  const n = requested ?? max;
  const names = [...context.store.repositories.keys()].sort(compareUtf8);
  const { entries, more } = page(names, { n, last: request.query.get("last") });
  const last = entries.at(-1);
  const headers: Record<string, string> =
    more && last !== undefined ? { link: nextLink("/v2/_catalog", last, n) } : {};
  return jsonReply(req, 200, { repositories: entries }, headers);
}

/**
 * `GET /v2/<name>/tags/list`: `NAME_UNKNOWN` for a repository that never had a tag, `null`
 * once all its tags are deleted (as 2.8.2 answers), tags in byte order. 2.8.2 ignores `n` and
 * `last` here; with `tagsPagination` they page as the OCI spec says, with a `Link`.
 */
export function listTags(
  context: RegistryContext,
  request: RequestContext,
  name: string,
): RegistryResponse {
  const req = request.request;
  const repository = context.store.repository(name);
  if (repository === undefined || !repository.tagged) return errorOf(req, "NAME_UNKNOWN", { name });
  const tags = [...repository.tags.keys()].sort(compareUtf8);
  const requested = context.tagsPagination ? pageSize(request.query) : undefined;
  if (requested === undefined || requested < 0) {
    return jsonReply(req, 200, { name, tags: tags.length === 0 ? null : tags });
  }
  const { entries, more } = page(tags, { n: requested, last: request.query.get("last") });
  const last = entries.at(-1);
  const headers: Record<string, string> =
    more && last !== undefined ? { link: nextLink(`/v2/${name}/tags/list`, last, requested) } : {};
  return jsonReply(req, 200, { name, tags: entries }, headers);
}
