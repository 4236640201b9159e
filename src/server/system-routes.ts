import { DrydockError } from "../errors/drydock-error.ts";
import type { ApiResponse } from "./api-exchange.ts";
import { filtersParam, stringParam } from "./api-query.ts";
import { daemonHeaders, jsonReply, type ServerIdentity } from "./api-reply.ts";
import { type ApiRoute, type RouteContext, route } from "./api-route.ts";
import { callerIterator, eventLine, streamReply } from "./api-streams.ts";
import { readJsonBody } from "./request-json.ts";
import { AUTH_BODY } from "./request-schemas.ts";

const OK = new TextEncoder().encode("OK");

/** `/_ping` as dockerd answers it: no caching, the version headers, `OK` for GET. */
async function ping(context: RouteContext, head: boolean): Promise<ApiResponse> {
  const info = await context.caller.call((engine) => engine.ping());
  const headers = pingHeaders(context.identity, info.builderVersion);
  return { kind: "bytes", status: 200, headers, body: head ? new Uint8Array(0) : OK };
}

function pingHeaders(identity: ServerIdentity, builderVersion: string | undefined) {
  const [apiVersion, experimental, osType, server] = daemonHeaders(identity);
  return [
    apiVersion!,
    ...(builderVersion === undefined ? [] : [["Builder-Version", builderVersion] as const]),
    ["Cache-Control", "no-cache, no-store, must-revalidate"] as const,
    experimental!,
    osType!,
    ["Pragma", "no-cache"] as const,
    server!,
    ["Content-Type", "text/plain; charset=utf-8"] as const,
  ];
}

async function events(context: RouteContext): Promise<ApiResponse> {
  const { query, caller } = context;
  const options = {
    since: stringParam(query, "since"),
    until: stringParam(query, "until"),
    filters: filtersParam(query),
  };
  const iterator = callerIterator(
    caller,
    await caller.call(async (engine) => engine.events(options)[Symbol.asyncIterator]()),
  );
  const chunks = (async function* () {
    for (;;) {
      const result = await iterator.next();
      if (result.done === true) return;
      yield eventLine(result.value);
    }
  })();
  const cancel = () => void iterator.return().catch(() => undefined);
  return streamReply(context.identity, { chunks, cancel }, "application/json");
}

/** `/_ping`, `/version`, `/info`, `/auth`, `/system/df`, `/events`, and the plugin lookup. */
export const SYSTEM_ROUTES: readonly ApiRoute[] = [
  route("GET", /^\/_ping$/, (context) => ping(context, false)),
  route("HEAD", /^\/_ping$/, (context) => ping(context, true)),
  route("GET", /^\/version$/, async ({ caller, identity }) =>
    jsonReply(identity, 200, await caller.call((engine) => engine.version())),
  ),
  route("GET", /^\/info$/, async ({ caller, identity }) =>
    jsonReply(identity, 200, await caller.call((engine) => engine.info()), { chunked: true }),
  ),
  route("POST", /^\/auth$/, async (context) => {
    const config = await readJsonBody(context.request, {
      schema: AUTH_BODY,
      invalidStatus: 500,
    });
    const answer = await context.caller.call((engine) => engine.auth(config));
    return jsonReply(context.identity, 200, answer);
  }),
  route("GET", /^\/system\/df$/, async ({ caller, identity }) =>
    jsonReply(identity, 200, await caller.call((engine) => engine.systemDf())),
  ),
  route("GET", /^\/events$/, events),
  // drydock has no plugins; `docker inspect NAME` asks last, and expects dockerd's 404.
  route("GET", /^\/plugins\/(.+)\/json$/, async ({ params }) => {
    throw new DrydockError("NotFound", `plugin ${JSON.stringify(params[0])} not found`, {
      data: { name: params[0] },
    });
  }),
];
