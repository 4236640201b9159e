import type { AuthConfig } from "../engine/api-types.ts";
import type { ImageBuildOptions } from "../engine/engine.ts";
import { DrydockError, isDrydockError } from "../errors/drydock-error.ts";
import type { ApiResponse } from "./api-exchange.ts";
import {
  base64JsonHeader,
  boolParam,
  filtersParam,
  optionalBoolParam,
  stringParam,
} from "./api-query.ts";
import { daemonHeaders, emptyReply, jsonReply, pruneReply } from "./api-reply.ts";
import { type ApiRoute, type RouteContext, route } from "./api-route.ts";
import { jsonMessageReply } from "./api-streams.ts";
import { JSON_BODY_SIZE_BYTES_MAX, readJsonBody } from "./request-json.ts";
import { COMMIT_BODY } from "./request-schemas.ts";
import { scanGoJsonValue } from "./scan-go-json-value.ts";
import { DEFAULT_SERVER_LIMITS } from "./server-limits.ts";

function registryAuth(context: RouteContext): AuthConfig | undefined {
  const auth = base64JsonHeader(context.request.headers["x-registry-auth"]);
  return auth !== null && typeof auth === "object" ? (auth as AuthConfig) : undefined;
}

/** A JSON-object query parameter (`buildargs`, `labels`); junk is refused as dockerd does. */
function jsonMapParam(context: RouteContext, name: string): Record<string, string> | undefined {
  const raw = stringParam(context.query, name);
  if (raw === undefined) return undefined;
  try {
    const value = JSON.parse(raw) as unknown;
    if (value === null) return undefined;
    if (typeof value === "object" && !Array.isArray(value)) {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v ?? "")]),
      );
    }
  } catch {}
  throw new DrydockError("InvalidArgument", `error reading ${name}: invalid JSON`, {
    data: { name, raw },
  });
}

function buildOptions(context: RouteContext): ImageBuildOptions {
  const { query } = context;
  const authConfigs = base64JsonHeader(context.request.headers["x-registry-config"]);
  return {
    tags: query.getAll("t").filter((tag) => tag !== ""),
    dockerfile: stringParam(query, "dockerfile"),
    buildArgs: jsonMapParam(context, "buildargs"),
    labels: jsonMapParam(context, "labels"),
    noCache: boolParam(query, "nocache"),
    target: stringParam(query, "target"),
    pull: boolParam(query, "pull"),
    rm: boolParam(query, "forcerm") ? true : optionalBoolParam(query, "rm"),
    forceRm: boolParam(query, "forcerm"),
    quiet: boolParam(query, "q"),
    platform: stringParam(query, "platform"),
    auth:
      authConfigs !== null && typeof authConfigs === "object"
        ? (authConfigs as Record<string, AuthConfig>)
        : undefined,
  };
}

/**
 * Push's credentials: the `X-Registry-Auth` header, or (API < 1.8 clients) a JSON body, which
 * dockerd insists on when the header is missing.
 */
async function pushAuth(context: RouteContext): Promise<AuthConfig | undefined> {
  if (context.request.headers["x-registry-auth"] !== undefined) return registryAuth(context);
  const text = new TextDecoder().decode(await context.request.body.read(JSON_BODY_SIZE_BYTES_MAX));
  const scanned = scanGoJsonValue(text);
  if ("error" in scanned) {
    throw new DrydockError(
      "InvalidArgument",
      `Bad parameters and missing X-Registry-Auth: ${scanned.error}`,
      { data: {} },
    );
  }
  const value = JSON.parse(text.slice(0, scanned.end)) as unknown;
  return value !== null && typeof value === "object" ? (value as AuthConfig) : undefined;
}

async function build(context: RouteContext): Promise<ApiResponse> {
  if (context.query.get("version") === "2") {
    throw new DrydockError("InvalidArgument", "BuildKit is not supported by drydock's daemon", {
      data: { version: "2" },
    });
  }
  const remote = stringParam(context.query, "remote");
  const archive = await context.request.body.read(DEFAULT_SERVER_LIMITS.buildContextBytesMax);
  const input =
    remote !== undefined && archive.length === 0
      ? ({ kind: "remote", url: remote } as const)
      : ({ kind: "tar", archive } as const);
  const options = buildOptions(context);
  return jsonMessageReply(context.identity, context.caller, (engine) =>
    engine.imageBuild(input, options),
  );
}

async function pull(context: RouteContext): Promise<ApiResponse> {
  const fromImage = stringParam(context.query, "fromImage");
  if (fromImage === undefined) {
    if (context.query.get("fromSrc") === "-") return importFromBody(context);
    throw new DrydockError(
      "Unimplemented",
      "docker import from a URL is not supported by drydock",
      {
        data: { fromSrc: context.query.get("fromSrc") },
      },
    );
  }
  const options = {
    fromImage,
    tag: stringParam(context.query, "tag"),
    platform: stringParam(context.query, "platform"),
    auth: registryAuth(context),
  };
  return jsonMessageReply(context.identity, context.caller, (engine) => engine.imagePull(options));
}

/** `docker import` of the request body (`fromSrc=-`), as dockerd's `POST /images/create`. */
async function importFromBody(context: RouteContext): Promise<ApiResponse> {
  const archive = await context.request.body.read(DEFAULT_SERVER_LIMITS.loadArchiveBytesMax);
  const { query } = context;
  const options = {
    repo: stringParam(query, "repo"),
    tag: stringParam(query, "tag"),
    message: stringParam(query, "message"),
    changes: query.getAll("changes"),
  };
  return jsonMessageReply(context.identity, context.caller, (engine) =>
    engine.imageImport(archive, options),
  );
}

async function save(context: RouteContext, names: readonly string[]): Promise<ApiResponse> {
  const archive = await context.caller.call((engine) => engine.imageSave(names));
  return {
    kind: "bytes",
    status: 200,
    headers: [...daemonHeaders(context.identity), ["Content-Type", "application/x-tar"]],
    body: archive,
    chunked: true,
  };
}

async function load(context: RouteContext): Promise<ApiResponse> {
  const archive = await context.request.body.read(DEFAULT_SERVER_LIMITS.loadArchiveBytesMax);
  const quiet = boolParam(context.query, "quiet");
  return jsonMessageReply(context.identity, context.caller, (engine) =>
    engine.imageLoad(archive, { quiet }),
  );
}

async function commit(context: RouteContext): Promise<ApiResponse> {
  const { query } = context;
  // The body (a container config) is optional; drydock applies `changes` instead.
  await readJsonBody(context.request, {
    schema: COMMIT_BODY,
    emptyAsObject: true,
    invalidStatus: 500,
  });
  const options = {
    container: query.get("container") ?? "",
    repo: stringParam(query, "repo"),
    tag: stringParam(query, "tag"),
    comment: stringParam(query, "comment"),
    author: stringParam(query, "author"),
    changes: query.getAll("changes").filter((change) => change !== ""),
    pause: optionalBoolParam(query, "pause"),
  };
  const answer = await context.caller.call((engine) => engine.containerCommit(options));
  return jsonReply(context.identity, 201, answer);
}

/** Images: list, build, pull, push, tag, inspect, history, remove, prune, save, load, commit. */
export const IMAGE_ROUTES: readonly ApiRoute[] = [
  route("GET", /^\/images\/json$/, async ({ caller, identity, query }) => {
    const options = {
      all: boolParam(query, "all"),
      digests: boolParam(query, "digests"),
      filters: filtersParam(query),
    };
    return jsonReply(identity, 200, await caller.call((engine) => engine.imageList(options)));
  }),
  route("POST", /^\/build$/, build),
  route("POST", /^\/images\/create$/, pull),
  route("POST", /^\/images\/load$/, load),
  route("GET", /^\/images\/get$/, (context) => save(context, context.query.getAll("names"))),
  route("POST", /^\/images\/prune$/, async ({ caller, identity, query }) => {
    const filters = filtersParam(query);
    const report = await caller.call((engine) => engine.imagePrune({ filters }));
    return pruneReply(identity, "Images", report);
  }),
  route("POST", /^\/commit$/, commit),
  route("GET", /^\/images\/(.+)\/get$/, (context) => save(context, [context.params[0]!])),
  route("GET", /^\/images\/(.+)\/json$/, async ({ caller, identity, params }) => {
    const image = await caller.call((engine) => engine.imageInspect(params[0]!));
    return jsonReply(identity, 200, image, { chunked: true });
  }),
  route("GET", /^\/images\/(.+)\/history$/, async ({ caller, identity, params }) =>
    jsonReply(identity, 200, await caller.call((engine) => engine.imageHistory(params[0]!))),
  ),
  route("POST", /^\/images\/(.+)\/push$/, async (context) => {
    const options = { tag: stringParam(context.query, "tag"), auth: await pushAuth(context) };
    return jsonMessageReply(context.identity, context.caller, (engine) =>
      engine.imagePush(context.params[0]!, options),
    );
  }),
  route("POST", /^\/images\/(.+)\/tag$/, async ({ caller, identity, params, query }) => {
    const options = { repo: query.get("repo") ?? "", tag: stringParam(query, "tag") };
    await caller.call((engine) => engine.imageTag(params[0]!, options)).catch(tagError);
    return emptyReply(identity, 201);
  }),
  route("DELETE", /^\/images\/(.+)$/, async ({ caller, identity, params, query }) => {
    const options = { force: boolParam(query, "force"), noprune: boolParam(query, "noprune") };
    const deleted = await caller.call((engine) => engine.imageRemove(params[0]!, options));
    return jsonReply(identity, 200, deleted);
  }),
];

/**
 * dockerd 20.10's tag handler returns the reference parser's errors unmarked, so a bad `repo` or
 * `tag` is a 500 there (a missing source image stays a 404).
 */
function tagError(error: unknown): never {
  if (isDrydockError(error) && error.code === "InvalidArgument") {
    throw new DrydockError("Internal", error.message, { data: error.data });
  }
  throw error;
}
