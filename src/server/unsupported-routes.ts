import { DrydockError } from "../errors/drydock-error.ts";
import { type ApiRoute, route } from "./api-route.ts";

function unsupported(method: ApiRoute["method"], pattern: RegExp, what: string): ApiRoute {
  return route(method, pattern, async () => {
    throw new DrydockError("Unimplemented", `${what} is not supported by drydock's daemon`, {
      data: { what },
    });
  });
}

/**
 * Endpoints the Engine has no operation for: a clear 501 instead of dockerd's `page not found`,
 * which would suggest a client bug.
 */
export const UNSUPPORTED_ROUTES: readonly ApiRoute[] = [
  unsupported("GET", /^\/images\/search$/, "docker search"),
  unsupported("POST", /^\/session$/, "BuildKit (the /session endpoint)"),
  unsupported("GET", /^\/swarm$/, "swarm mode"),
  unsupported("GET", /^\/plugins$/, "docker plugin"),
];
