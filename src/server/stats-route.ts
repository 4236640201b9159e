import { writeGoJson } from "../digest/go-json.ts";
import type { ApiResponse } from "./api-exchange.ts";
import { boolParam } from "./api-query.ts";
import { jsonReply } from "./api-reply.ts";
import type { RouteContext } from "./api-route.ts";
import { streamReply } from "./api-streams.ts";

const ENCODER = new TextEncoder();

/**
 * `GET /containers/{id}/stats`: with `stream=0` one JSON sample; otherwise (dockerd's default)
 * one JSON line per sample until the container stops or the client goes. The first sample is
 * taken before the headers, so an unknown container is a plain 404.
 */
export async function statsRoute(context: RouteContext): Promise<ApiResponse> {
  const name = context.params[0]!;
  const { caller, query, identity } = context;
  const stream = query.get("stream") === null ? true : boolParam(query, "stream");
  const iterator = await caller.call(async (engine) =>
    engine.containerStats(name, { stream })[Symbol.asyncIterator](),
  );
  const first = await caller.call(() => iterator.next());
  if (!stream) return jsonReply(identity, 200, first.value);
  const chunks = (async function* () {
    let next = first;
    while (next.done !== true) {
      yield ENCODER.encode(`${writeGoJson(next.value)}\n`);
      next = await caller.call(() => iterator.next());
    }
  })();
  const cancel = (): void => {
    void caller.call(async () => iterator.return?.());
  };
  return streamReply(identity, { chunks, cancel }, "application/json");
}
