import type { ApiRequest, ApiResponse, EngineCaller } from "./api-exchange.ts";
import { errorReply, pageNotFound, type ServerIdentity } from "./api-reply.ts";
import type { ApiRoute } from "./api-route.ts";
import { splitVersion, versionRejection } from "./api-version.ts";
import { ARCHIVE_ROUTES } from "./archive-routes.ts";
import { cleanPathRedirect } from "./clean-path-redirect.ts";
import { CONTAINER_ROUTES } from "./container-routes.ts";
import { EXEC_ROUTES } from "./exec-routes.ts";
import { IMAGE_ROUTES } from "./image-routes.ts";
import { SYSTEM_ROUTES } from "./system-routes.ts";
import { UNSUPPORTED_ROUTES } from "./unsupported-routes.ts";
import { VOLUME_NETWORK_ROUTES } from "./volume-network-routes.ts";

/** Every route, in match order: fixed paths before the `{name}` patterns that would take them. */
export const ENGINE_API_ROUTES: readonly ApiRoute[] = [
  ...SYSTEM_ROUTES,
  ...IMAGE_ROUTES,
  ...CONTAINER_ROUTES,
  ...EXEC_ROUTES,
  ...ARCHIVE_ROUTES,
  ...VOLUME_NETWORK_ROUTES,
  ...UNSUPPORTED_ROUTES,
];

/** Request targets longer than this match no route (dockerd has none this long). */
const TARGET_LENGTH_MAX = 64 * 1024;

/**
 * The Docker Engine API (as dockerd 20.10 serves API 1.41) over an `Engine`: matches the route
 * on the decoded path, with or without a `/v1.NN` prefix, refuses versions it does not serve,
 * and turns the engine's results and errors into dockerd's answers. Platform-free: the
 * transport (a unix socket, TCP, a test) hands it requests and writes its responses.
 */
export class EngineApiHandler {
  readonly #caller: EngineCaller;
  readonly #identity: ServerIdentity;

  constructor(options: { caller: EngineCaller; identity: ServerIdentity }) {
    this.#caller = options.caller;
    this.#identity = options.identity;
  }

  /** Answers one request; never rejects (errors become dockerd's error answers). */
  async handle(request: ApiRequest): Promise<ApiResponse> {
    if (request.target.length > TARGET_LENGTH_MAX) return pageNotFound();
    const location = cleanPathRedirect(request.target);
    if (location !== undefined) {
      // The router's redirect comes before any middleware: no daemon headers, no body.
      return {
        kind: "bytes",
        status: 301,
        headers: [["Location", location]],
        body: new Uint8Array(0),
      };
    }
    const question = request.target.indexOf("?");
    const rawPath = question < 0 ? request.target : request.target.slice(0, question);
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return pageNotFound();
    }
    const versioned = splitVersion(path);
    for (const candidate of ENGINE_API_ROUTES) {
      if (candidate.method !== request.method) continue;
      const match = candidate.pattern.exec(versioned.path);
      if (match === null) continue;
      const rejected = versionRejection(this.#identity, versioned.version);
      if (rejected !== undefined) return rejected;
      try {
        return await candidate.handle({
          request,
          params: match.slice(1),
          query: new URLSearchParams(question < 0 ? "" : request.target.slice(question + 1)),
          caller: this.#caller,
          identity: this.#identity,
          version: versioned.version ?? this.#identity.apiVersion,
        });
      } catch (error) {
        return errorReply(this.#identity, error);
      }
    }
    return pageNotFound();
  }
}
