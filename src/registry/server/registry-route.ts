import type { RegistryRequest } from "../registry-http.ts";

/** What a request target names, as 2.8.2's router matches it. */
export type RegistryRoute =
  | { readonly kind: "base" }
  | { readonly kind: "catalog" }
  | { readonly kind: "tags"; readonly name: string }
  | { readonly kind: "manifest"; readonly name: string; readonly reference: string }
  | { readonly kind: "blob"; readonly name: string; readonly digest: string }
  | { readonly kind: "uploads"; readonly name: string }
  | { readonly kind: "upload"; readonly name: string; readonly uuid: string };

/** A matched route with the query of the target. */
export interface MatchedRoute {
  readonly route: RegistryRoute;
  readonly query: URLSearchParams;
}

// distribution writes the separator as `[-]*`, harmless in Go's RE2 but exponential in a
// backtracking engine on a long non-matching path; `-+` matches the same names.
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const NAME = `${COMPONENT}(?:/${COMPONENT})*`;
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[a-zA-Z0-9=_-]+";
const UUID = "[a-zA-Z0-9-_.=]+";

const PATTERNS: readonly [RegExp, (groups: string[]) => RegistryRoute][] = [
  [/^\/v2\/$/, () => ({ kind: "base" })],
  [/^\/v2\/_catalog$/, () => ({ kind: "catalog" })],
  [new RegExp(`^/v2/(${NAME})/tags/list$`), ([name]) => ({ kind: "tags", name: name! })],
  [
    new RegExp(`^/v2/(${NAME})/manifests/(${TAG}|${DIGEST})$`),
    ([name, reference]) => ({ kind: "manifest", name: name!, reference: reference! }),
  ],
  [new RegExp(`^/v2/(${NAME})/blobs/uploads/$`), ([name]) => ({ kind: "uploads", name: name! })],
  [
    new RegExp(`^/v2/(${NAME})/blobs/uploads/(${UUID})$`),
    ([name, uuid]) => ({ kind: "upload", name: name!, uuid: uuid! }),
  ],
  [
    new RegExp(`^/v2/(${NAME})/blobs/(${DIGEST})$`),
    ([name, digest]) => ({ kind: "blob", name: name!, digest: digest! }),
  ],
];

/** The methods each route takes, for the `Allow` header of a 405 (sorted, as gorilla/mux lists them). */
export const ROUTE_METHODS: Readonly<
  Record<RegistryRoute["kind"], readonly RegistryRequest["method"][]>
> = {
  base: ["GET", "HEAD"],
  catalog: ["GET"],
  tags: ["GET"],
  manifest: ["DELETE", "GET", "HEAD", "PUT"],
  blob: ["DELETE", "GET", "HEAD"],
  uploads: ["POST"],
  upload: ["DELETE", "GET", "HEAD", "PATCH", "PUT"],
};

/** Path length beyond which no route is tried (2.8.2 names are at most 255 bytes). */
const TARGET_LENGTH_MAX = 16 * 1024;

/** Matches a target; undefined for 2.8.2's `404 page not found`. */
export function matchRoute(target: string): MatchedRoute | undefined {
  if (target.length > TARGET_LENGTH_MAX) return undefined;
  const question = target.indexOf("?");
  const rawPath = question < 0 ? target : target.slice(0, question);
  const query = new URLSearchParams(question < 0 ? "" : target.slice(question + 1));
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(path);
    if (match !== null) return { route: build(match.slice(1)), query };
  }
  return undefined;
}

/** Repository names longer than this are `NAME_INVALID` (distribution's `NameTotalLengthMax`). */
export const NAME_LENGTH_MAX = 255;
