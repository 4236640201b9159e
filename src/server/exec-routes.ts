import type { ExecCreateRequest } from "../engine/api-types.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { ApiResponse } from "./api-exchange.ts";
import { intParam } from "./api-query.ts";
import { emptyReply, jsonReply } from "./api-reply.ts";
import { type ApiRoute, type RouteContext, route } from "./api-route.ts";
import { attachPipe, execUpgradeHeaders } from "./attach-pipe.ts";
import { readJsonBody } from "./request-json.ts";
import { EXEC_CREATE_BODY, EXEC_START_BODY } from "./request-schemas.ts";

async function execStart(context: RouteContext): Promise<ApiResponse> {
  const id = context.params[0]!;
  const body = await readJsonBody(context.request, {
    schema: EXEC_START_BODY,
    emptyAsObject: true,
  });
  const detach = body.Detach === true;
  const inspect = await context.caller.call((engine) => engine.execInspect(id));
  const tty = body.Tty === true || inspect.ProcessConfig.tty;
  const session = await context.caller.call((engine) => engine.execStart(id, { detach, tty }));
  if (detach) return emptyReply(context.identity, 200);
  return {
    kind: "hijack",
    headers: execUpgradeHeaders(context.identity),
    pipe: attachPipe({ caller: context.caller, session, tty, stdin: inspect.OpenStdin }),
    startsAfterHead: true,
  };
}

/** `docker exec`: create (201), start (hijacked), inspect, resize. */
export const EXEC_ROUTES: readonly ApiRoute[] = [
  route("POST", /^\/containers\/([^/]+)\/exec$/, async (context) => {
    const body = await readJsonBody(context.request, { schema: EXEC_CREATE_BODY });
    const request = body as unknown as ExecCreateRequest;
    if (!Array.isArray(request.Cmd) || request.Cmd.length === 0) {
      throw new DrydockError("InvalidArgument", "No exec command specified", { data: {} });
    }
    const created = await context.caller.call((engine) =>
      engine.execCreate(context.params[0]!, request),
    );
    return jsonReply(context.identity, 201, created);
  }),
  route("POST", /^\/exec\/([^/]+)\/start$/, execStart),
  route("GET", /^\/exec\/([^/]+)\/json$/, async ({ caller, identity, params }) =>
    jsonReply(identity, 200, await caller.call((engine) => engine.execInspect(params[0]!))),
  ),
  // drydock's processes have no terminal size to change; dockerd answers 200 (201 in old APIs).
  route("POST", /^\/exec\/([^/]+)\/resize$/, async ({ caller, identity, params, query }) => {
    intParam(query, "h");
    intParam(query, "w");
    await caller.call((engine) => engine.execInspect(params[0]!));
    return emptyReply(identity, 200);
  }),
];
