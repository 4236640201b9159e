import type { NetworkCreateRequest, VolumeCreateRequest } from "../engine/api-types.ts";
import type { NetworkConnectRequest, NetworkDisconnectRequest } from "../engine/engine.ts";
import type { ApiResponse } from "./api-exchange.ts";
import { boolParam, filtersParam } from "./api-query.ts";
import { emptyReply, jsonReply, pruneReply } from "./api-reply.ts";
import { type ApiRoute, type RouteContext, route } from "./api-route.ts";
import { readJsonBody } from "./request-json.ts";
import {
  NETWORK_CONNECT_BODY,
  NETWORK_CREATE_BODY,
  NETWORK_DISCONNECT_BODY,
  VOLUME_CREATE_BODY,
} from "./request-schemas.ts";

/** dockerd's words for a create request without a body. */
const EMPTY_BODY = "got EOF while reading request body";

async function networkConnect(context: RouteContext): Promise<ApiResponse> {
  const body = await readJsonBody(context.request, {
    schema: NETWORK_CONNECT_BODY,
    emptyMessage: EMPTY_BODY,
  });
  const request = { ...body, Container: body.Container ?? "" } as NetworkConnectRequest;
  const name = context.params[0]!;
  await context.caller.call((engine) => engine.networkConnect(name, request));
  return emptyReply(context.identity, 200);
}

async function networkDisconnect(context: RouteContext): Promise<ApiResponse> {
  const body = await readJsonBody(context.request, {
    schema: NETWORK_DISCONNECT_BODY,
    emptyMessage: EMPTY_BODY,
  });
  const request = { ...body, Container: body.Container ?? "" } as NetworkDisconnectRequest;
  const name = context.params[0]!;
  await context.caller.call((engine) => engine.networkDisconnect(name, request));
  return emptyReply(context.identity, 200);
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
    const filters = filtersParam(query);
    const report = await caller.call((engine) => engine.networkPrune({ filters }));
    const deleted = report.deleted.length === 0 ? null : report.deleted;
    return jsonReply(identity, 200, { NetworksDeleted: deleted });
  }),
  route("POST", /^\/build\/prune$/, async ({ caller, identity, query }) => {
    const options = { all: boolParam(query, "all"), filters: filtersParam(query) };
    return jsonReply(identity, 200, await caller.call((engine) => engine.buildPrune(options)));
  }),
  route("POST", /^\/networks\/([^/]+)\/connect$/, networkConnect),
  route("POST", /^\/networks\/([^/]+)\/disconnect$/, networkDisconnect),
  route("GET", /^\/networks\/([^/]+)$/, async ({ caller, identity, params }) =>
    jsonReply(identity, 200, await caller.call((engine) => engine.networkInspect(params[0]!))),
  ),
  route("DELETE", /^\/networks\/([^/]+)$/, async ({ caller, identity, params }) => {
    await caller.call((engine) => engine.networkRemove(params[0]!));
    return emptyReply(identity, 204);
  }),
];
