import type { ApiRequest, ApiResponse, EngineCaller } from "./api-exchange.ts";
import type { ServerIdentity } from "./api-reply.ts";

/** What a handler gets: the request, the route's captures, the query, and the engine. */
export interface RouteContext {
  readonly request: ApiRequest;
  /** The route's captures, decoded (`localhost:5000/app:1` for `/images/{name}/json`). */
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly caller: EngineCaller;
  readonly identity: ServerIdentity;
  /** The API version the client asked for (the server's own when the path had no prefix). */
  readonly version: string;
}

/** One route of dockerd's router: a method, a path pattern (on the decoded path) and a handler. */
export interface ApiRoute {
  readonly method: "GET" | "HEAD" | "POST" | "PUT" | "DELETE";
  readonly pattern: RegExp;
  readonly handle: (context: RouteContext) => Promise<ApiResponse>;
}

/** Shorthand for a route table entry. */
export function route(
  method: ApiRoute["method"],
  pattern: RegExp,
  handle: ApiRoute["handle"],
): ApiRoute {
  return { method, pattern, handle };
}
