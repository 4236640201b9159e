import { writeGoJson } from "../digest/go-json.ts";
import type { PathStat } from "../engine/api-types.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { UnsafePathError } from "../errors/unsafe-path-error.ts";
import type { ApiResponse } from "./api-exchange.ts";
import { boolParam } from "./api-query.ts";
import { daemonHeaders, emptyReply } from "./api-reply.ts";
import { type ApiRoute, type RouteContext, route } from "./api-route.ts";
import { DEFAULT_SERVER_LIMITS } from "./server-limits.ts";

/** `X-Docker-Container-Path-Stat`: the stat as JSON, base64 (standard alphabet). */
export function pathStatHeader(stat: PathStat): string {
  const json = writeGoJson({
    name: stat.name,
    size: stat.size,
    mode: stat.mode,
    mtime: stat.mtime,
    linkTarget: stat.linkTarget,
  });
  const bytes = new TextEncoder().encode(json);
  return btoa(String.fromCharCode(...bytes));
}

function pathOf(context: RouteContext): string {
  const path = context.query.get("path");
  if (path === null || path === "") {
    throw new DrydockError("InvalidArgument", "path parameter is required", { data: {} });
  }
  return path;
}

async function statPath(context: RouteContext, head: boolean): Promise<ApiResponse> {
  const name = context.params[0]!;
  const path = pathOf(context);
  if (head) {
    const stat = await context.caller.call((engine) => engine.containerStatPath(name, path));
    return {
      kind: "bytes",
      status: 200,
      headers: [
        ...daemonHeaders(context.identity),
        ["X-Docker-Container-Path-Stat", pathStatHeader(stat)],
      ],
      body: new Uint8Array(0),
    };
  }
  const { stat, archive } = await context.caller.call((engine) =>
    engine.containerArchive(name, path),
  );
  return {
    kind: "bytes",
    status: 200,
    headers: [
      ...daemonHeaders(context.identity),
      ["X-Docker-Container-Path-Stat", pathStatHeader(stat)],
      ["Content-Type", "application/x-tar"],
    ],
    body: archive,
    chunked: true,
  };
}

/** `docker cp`: stat (HEAD), read (GET) and write (PUT) a container's files as tar. */
export const ARCHIVE_ROUTES: readonly ApiRoute[] = [
  route("HEAD", /^\/containers\/([^/]+)\/archive$/, (context) => statPath(context, true)),
  route("GET", /^\/containers\/([^/]+)\/archive$/, (context) => statPath(context, false)),
  route("PUT", /^\/containers\/([^/]+)\/archive$/, async (context) => {
    const name = context.params[0]!;
    const path = pathOf(context);
    const archive = await context.request.body.read(DEFAULT_SERVER_LIMITS.extractArchiveBytesMax);
    const options = {
      noOverwriteDirNonDir: boolParam(context.query, "noOverwriteDirNonDir"),
      copyUidGid: boolParam(context.query, "copyUIDGID"),
    };
    await context.caller
      .call((engine) => engine.containerExtract(name, path, archive, options))
      .catch((error: unknown) => {
        throw asUntarError(error, path);
      });
    return emptyReply(context.identity, 200);
  }),
];

/**
 * dockerd untars in a child process (`docker-untar`) and reports its breakout check as a 500:
 * `Error processing tar file(exit status 1): "../x" is outside of "/etc"`.
 */
function asUntarError(error: unknown, destination: string): unknown {
  if (!(error instanceof UnsafePathError) || error.reason !== "escapes-root") return error;
  const message = `${JSON.stringify(error.path)} is outside of ${JSON.stringify(destination)}`;
  return new DrydockError("Internal", `Error processing tar file(exit status 1): ${message}`, {
    data: { path: error.path, destination },
  });
}
