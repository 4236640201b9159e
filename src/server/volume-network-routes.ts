import type { NetworkCreateRequest, VolumeCreateRequest } from "../engine/api-types.ts";
import type { Engine } from "../engine/engine.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { boolParam, filtersParam } from "./api-query.ts";
import { emptyReply, jsonReply, pruneReply } from "./api-reply.ts";
import { type ApiRoute, route } from "./api-route.ts";
import { readJsonBody } from "./request-json.ts";
import { NETWORK_CREATE_BODY, VOLUME_CREATE_BODY } from "./request-schemas.ts";

/** dockerd's words for a create request without a body. */
const EMPTY_BODY = "got EOF while reading request body";

const PREDEFINED_NETWORKS: ReadonlySet<string> = new Set(["bridge", "host", "none"]);

/** `docker network prune`: user-defined networks no container uses, by name (sorted). */
async function pruneNetworks(
  engine: Engine,
  label: readonly string[] | undefined,
): Promise<string[]> {
  const networks = await engine.networkList(label === undefined ? {} : { filters: { label } });
  const deleted: string[] = [];
  for (const listed of networks) {
    if (PREDEFINED_NETWORKS.has(listed.Name)) continue;
    // A listing leaves `Containers` empty; the inspection says who is attached.
    const network = await engine.networkInspect(listed.Id);
    if (Object.keys(network.Containers).length > 0) continue;
    await engine.networkRemove(network.Id);
    deleted.push(network.Name);
  }
  return deleted.sort();
}

/** Volumes and networks: list, create, inspect, remove, prune. */
export const VOLUME_NETWORK_ROUTES: readonly ApiRoute[] = [
  route("GET", /^\/volumes$/, async ({ caller, identity, query }) => {
    const filters = filtersParam(query);
    return jsonReply(identity, 200, await caller.call((engine) => engine.volumeList({ filters })));
  }),
  route("POST", /^\/volumes\/create$/, async (context) => {
    const body = await readJsonBody(context.request, {
      schema: VOLUME_CREATE_BODY,
      emptyMessage: EMPTY_BODY,
    });
    const request = body as VolumeCreateRequest;
    const volume = await context.caller.call((engine) => engine.volumeCreate(request));
    return jsonReply(context.identity, 201, volume);
  }),
  route("POST", /^\/volumes\/prune$/, async ({ caller, identity, query }) => {
    const filters = filtersParam(query);
    const report = await caller.call((engine) => engine.volumePrune({ filters }));
    return pruneReply(identity, "Volumes", report);
  }),
  route("GET", /^\/volumes\/(.+)$/, async ({ caller, identity, params }) =>
    jsonReply(identity, 200, await caller.call((engine) => engine.volumeInspect(params[0]!))),
  ),
  route("DELETE", /^\/volumes\/(.+)$/, async ({ caller, identity, params, query }) => {
    const force = boolParam(query, "force");
    await caller.call((engine) => engine.volumeRemove(params[0]!, { force }));
    return emptyReply(identity, 204);
  }),
  route("GET", /^\/networks$/, async ({ caller, identity, query }) => {
    const filters = filtersParam(query);
    return jsonReply(identity, 200, await caller.call((engine) => engine.networkList({ filters })));
  }),
  route("POST", /^\/networks\/create$/, async (context) => {
    const body = await readJsonBody(context.request, {
      schema: NETWORK_CREATE_BODY,
      emptyMessage: EMPTY_BODY,
    });
    const request = body as unknown as NetworkCreateRequest;
    const created = await context.caller.call((engine) => engine.networkCreate(request));
    return jsonReply(context.identity, 201, created);
  }),
  route("POST", /^\/networks\/prune$/, async ({ caller, identity, query }) => {
    const label = filtersParam(query)?.label;
    const deleted = await caller.call((engine) => pruneNetworks(engine, label));
    return jsonReply(identity, 200, { NetworksDeleted: deleted.length === 0 ? null : deleted });
  }),
  // The classic builder caches in the image store; there is no BuildKit cache to prune.
  route("POST", /^\/build\/prune$/, async ({ identity }) =>
    jsonReply(identity, 200, { CachesDeleted: null, SpaceReclaimed: 0 }),
  ),
  route("POST", /^\/networks\/([^/]+)\/(connect|disconnect)$/, async ({ params }) => {
    throw new DrydockError(
      "Unimplemented",
      `docker network ${params[1]} is not supported by drydock's daemon`,
      { data: { network: params[0] } },
    );
  }),
  route("GET", /^\/networks\/([^/]+)$/, async ({ caller, identity, params }) =>
    jsonReply(identity, 200, await caller.call((engine) => engine.networkInspect(params[0]!))),
  ),
  route("DELETE", /^\/networks\/([^/]+)$/, async ({ caller, identity, params }) => {
    await caller.call((engine) => engine.networkRemove(params[0]!));
    return emptyReply(identity, 204);
  }),
];
