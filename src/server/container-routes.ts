import type { ContainerCreateRequest, WaitCondition } from "../engine/api-types.ts";
import type { ContainerUpdateRequest } from "../engine/engine.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { ApiResponse } from "./api-exchange.ts";
import { boolParam, filtersParam, intParam, stringParam } from "./api-query.ts";
import { daemonHeaders, emptyReply, jsonReply, pruneReply } from "./api-reply.ts";
import { type ApiRoute, type RouteContext, route } from "./api-route.ts";
import { outputBytes, outputChunks, streamReply } from "./api-streams.ts";
import { ATTACH_UPGRADE_HEADERS, attachPipe } from "./attach-pipe.ts";
import { readJsonBody } from "./request-json.ts";
import {
  CONTAINER_CREATE_BODY,
  CONTAINER_UPDATE_BODY,
  hasContainerConfig,
} from "./request-schemas.ts";
import { statsRoute } from "./stats-route.ts";

const ENCODER = new TextEncoder();

async function hasTty(context: RouteContext, name: string): Promise<boolean> {
  const inspect = await context.caller.call((engine) => engine.containerInspect(name));
  return inspect.Config.Tty;
}

async function create(context: RouteContext): Promise<ApiResponse> {
  const body = await readJsonBody(context.request, {
    schema: CONTAINER_CREATE_BODY,
    invalidStatus: 500,
  });
  if (!hasContainerConfig(body)) {
    throw new DrydockError(
      "InvalidArgument",
      "Config cannot be empty in order to create a container",
      { data: {} },
    );
  }
  const options = {
    name: stringParam(context.query, "name"),
    platform: stringParam(context.query, "platform"),
  };
  const request = body as unknown as ContainerCreateRequest;
  const created = await context.caller.call((engine) => engine.containerCreate(request, options));
  return jsonReply(context.identity, 201, created);
}

const CONDITIONS: readonly string[] = ["not-running", "next-exit", "removed"];

/**
 * `/wait` answers its headers at once and its body when the condition is met: the CLI sends
 * `/start` only after the headers, so the waiter must be registered before they go out.
 */
async function wait(context: RouteContext): Promise<ApiResponse> {
  const name = context.params[0]!;
  const condition = stringParam(context.query, "condition") ?? "not-running";
  if (!CONDITIONS.includes(condition)) {
    throw new DrydockError("InvalidArgument", `invalid condition: "${condition}"`, {
      data: { condition },
    });
  }
  const { waiting } = await context.caller.call(async (engine) => {
    await engine.containerInspect(name);
    const promise = engine.containerWait(name, { condition: condition as WaitCondition });
    promise.catch(() => undefined);
    return { waiting: promise };
  });
  const chunks = (async function* () {
    try {
      const result = await waiting;
      yield ENCODER.encode(
        `${JSON.stringify({ Error: result.Error, StatusCode: result.StatusCode })}\n`,
      );
    } catch (error) {
      const Message = error instanceof Error ? error.message : String(error);
      yield ENCODER.encode(`${JSON.stringify({ Error: { Message }, StatusCode: -1 })}\n`);
    }
  })();
  return streamReply(context.identity, { chunks, cancel: () => undefined }, "application/json");
}

async function attach(context: RouteContext): Promise<ApiResponse> {
  const name = context.params[0]!;
  const { query, caller } = context;
  const tty = await hasTty(context, name);
  const options = {
    stdin: boolParam(query, "stdin"),
    stdout: boolParam(query, "stdout"),
    stderr: boolParam(query, "stderr"),
    stream: boolParam(query, "stream"),
    logs: boolParam(query, "logs"),
  };
  const session = await caller.call((engine) => engine.containerAttach(name, options));
  return {
    kind: "hijack",
    headers: ATTACH_UPGRADE_HEADERS,
    pipe: attachPipe({ caller, session, tty, stdin: options.stdin }),
  };
}

async function logs(context: RouteContext): Promise<ApiResponse> {
  const name = context.params[0]!;
  const { query } = context;
  const options = {
    stdout: boolParam(query, "stdout"),
    stderr: boolParam(query, "stderr"),
    follow: boolParam(query, "follow"),
    timestamps: boolParam(query, "timestamps"),
    tail: stringParam(query, "tail"),
    since: stringParam(query, "since"),
    until: stringParam(query, "until"),
  };
  const tty = await hasTty(context, name);
  const frames = await context.caller.call(async (engine) => engine.containerLogs(name, options));
  // The first frame (or the end) before the headers, so a bad request is still a plain error.
  const iterator = frames[Symbol.asyncIterator]();
  const first = await context.caller.call(() => iterator.next());
  const rest = { [Symbol.asyncIterator]: () => iterator };
  const stream = outputChunks(context.caller, rest, tty);
  const chunks = (async function* () {
    if (first.done === true) return;
    yield outputBytes(first.value, tty);
    yield* stream.chunks;
  })();
  return streamReply(context.identity, { chunks, cancel: stream.cancel }, undefined);
}

/** A state change dockerd answers `304 Not Modified` when there is nothing to do. */
async function startOrStop(context: RouteContext, action: "start" | "stop"): Promise<ApiResponse> {
  const name = context.params[0]!;
  const timeoutSeconds = intParam(context.query, "t");
  const changed = await context.caller.call(async (engine) => {
    const before = await engine.containerInspect(name);
    if (before.State.Running === (action === "start")) return false;
    if (action === "start") await engine.containerStart(name);
    else await engine.containerStop(name, { timeoutSeconds });
    return true;
  });
  return emptyReply(context.identity, changed ? 204 : 304);
}

function simple(
  method: ApiRoute["method"],
  pattern: RegExp,
  status: number,
  act: (context: RouteContext) => Promise<void>,
): ApiRoute {
  return route(method, pattern, async (context) => {
    await act(context);
    return emptyReply(context.identity, status);
  });
}

/** Containers: create, list, inspect, lifecycle, wait, attach, logs, top, diff, export, prune. */
export const CONTAINER_ROUTES: readonly ApiRoute[] = [
  route("POST", /^\/containers\/create$/, create),
  route("GET", /^\/containers\/json$/, async ({ caller, identity, query }) => {
    const options = {
      all: boolParam(query, "all"),
      limit: intParam(query, "limit"),
      size: boolParam(query, "size"),
      filters: filtersParam(query),
    };
    return jsonReply(identity, 200, await caller.call((engine) => engine.containerList(options)));
  }),
  route("POST", /^\/containers\/prune$/, async ({ caller, identity, query }) => {
    const filters = filtersParam(query);
    const report = await caller.call((engine) => engine.containerPrune({ filters }));
    return pruneReply(identity, "Containers", report);
  }),
  route("GET", /^\/containers\/([^/]+)\/json$/, async ({ caller, identity, params, query }) => {
    const size = boolParam(query, "size");
    const inspect = await caller.call((engine) => engine.containerInspect(params[0]!, { size }));
    return jsonReply(identity, 200, inspect, { chunked: true });
  }),
  route("POST", /^\/containers\/([^/]+)\/start$/, (context) => startOrStop(context, "start")),
  route("POST", /^\/containers\/([^/]+)\/stop$/, (context) => startOrStop(context, "stop")),
  simple("POST", /^\/containers\/([^/]+)\/restart$/, 204, ({ caller, params, query }) => {
    const timeoutSeconds = intParam(query, "t");
    return caller.call((engine) => engine.containerRestart(params[0]!, { timeoutSeconds }));
  }),
  simple("POST", /^\/containers\/([^/]+)\/kill$/, 204, ({ caller, params, query }) => {
    const signal = stringParam(query, "signal");
    return caller.call((engine) => engine.containerKill(params[0]!, { signal }));
  }),
  simple("POST", /^\/containers\/([^/]+)\/pause$/, 204, ({ caller, params }) =>
    caller.call((engine) => engine.containerPause(params[0]!)),
  ),
  simple("POST", /^\/containers\/([^/]+)\/unpause$/, 204, ({ caller, params }) =>
    caller.call((engine) => engine.containerUnpause(params[0]!)),
  ),
  simple("POST", /^\/containers\/([^/]+)\/rename$/, 204, ({ caller, params, query }) =>
    caller.call((engine) => engine.containerRename(params[0]!, query.get("name") ?? "")),
  ),
  simple("POST", /^\/containers\/([^/]+)\/resize$/, 200, ({ caller, params, query }) => {
    const size = { height: intParam(query, "h") ?? 0, width: intParam(query, "w") ?? 0 };
    return caller.call((engine) => engine.containerResize(params[0]!, size));
  }),
  // dockerd's route is `/containers/{name:.*}`: `docker rm -l` sends a link's `parent/alias`.
  simple("DELETE", /^\/containers\/(.+)$/, 204, ({ caller, params, query }) => {
    const options = {
      force: boolParam(query, "force"),
      volumes: boolParam(query, "v"),
      link: boolParam(query, "link"),
    };
    return caller.call((engine) => engine.containerRemove(params[0]!, options));
  }),
  route("POST", /^\/containers\/([^/]+)\/update$/, async (context) => {
    const body = await readJsonBody(context.request, {
      schema: CONTAINER_UPDATE_BODY,
      invalidStatus: 500,
      emptyMessage: "EOF",
    });
    const name = context.params[0]!;
    const request = body as ContainerUpdateRequest;
    const result = await context.caller.call((engine) => engine.containerUpdate(name, request));
    return jsonReply(context.identity, 200, result);
  }),
  route("POST", /^\/containers\/([^/]+)\/wait$/, wait),
  route("POST", /^\/containers\/([^/]+)\/attach$/, attach),
  route("GET", /^\/containers\/([^/]+)\/logs$/, logs),
  route("GET", /^\/containers\/([^/]+)\/stats$/, statsRoute),
  route("GET", /^\/containers\/([^/]+)\/top$/, async ({ caller, identity, params, query }) => {
    const psArgs = stringParam(query, "ps_args");
    const top = await caller.call((engine) => engine.containerTop(params[0]!, { psArgs }));
    return jsonReply(identity, 200, top);
  }),
  route("GET", /^\/containers\/([^/]+)\/changes$/, async ({ caller, identity, params }) =>
    jsonReply(identity, 200, await caller.call((engine) => engine.containerChanges(params[0]!))),
  ),
  route("GET", /^\/containers\/([^/]+)\/export$/, async ({ caller, identity, params }) => ({
    kind: "bytes",
    status: 200,
    headers: [...daemonHeaders(identity), ["Content-Type", "application/x-tar"]],
    body: await caller.call((engine) => engine.containerExport(params[0]!)),
    chunked: true,
  })),
];
