import assert from "node:assert/strict";
import { test } from "node:test";
import { isRetryableTransferError } from "../../../../src/daemon/distribution/distribution-errors.ts";
import { DrydockError } from "../../../../src/errors/drydock-error.ts";
import { LimitExceededError } from "../../../../src/errors/limit-exceeded-error.ts";
import { connectionRefused, connectionReset } from "../../../../src/net/go-net-errors.ts";
import { RegistryResponseError } from "../../../../src/registry/client/registry-response-error.ts";
import { requestError } from "../../../../src/registry/client/request-error.ts";
import type { RegistryRequest, RegistryTransport } from "../../../../src/registry/registry-http.ts";
import { cliLines, collect, createWorld, type PushPullWorld } from "../push-pull-world.ts";

/** Fails the requests `matches` picks, `times` times (forever when undefined), then passes. */
function failing(
  inner: RegistryTransport,
  options: { matches: (request: RegistryRequest) => boolean; error: () => Error; times?: number },
): RegistryTransport & { failures: number } {
  const transport = {
    failures: 0,
    async send(...args: Parameters<RegistryTransport["send"]>) {
      const [request] = args;
      if (
        options.matches(request) &&
        (options.times === undefined || transport.failures < options.times)
      ) {
        transport.failures++;
        throw options.error();
      }
      return inner.send(...args);
    },
  };
  return transport;
}

const isPatch = (request: RegistryRequest): boolean => request.method === "PATCH";
const reset = (): Error =>
  connectionReset({
    localAddress: "10.0.0.2:36297",
    remoteAddress: "127.0.0.1:5000",
    operation: "write",
  });

function wrap(world: PushPullWorld, options: Parameters<typeof failing>[1]) {
  const transport = failing(world.transports.get("localhost:5000")!, options);
  world.transports.set("localhost:5000", transport);
  return transport;
}

/** The distinct statuses a layer's line went through, progress lines left out. */
function statusesOf(lines: readonly string[], id: string): string[] {
  return lines
    .filter((line) => line.startsWith(`${id}: `))
    .map((line) => line.slice(id.length + 2));
}

const countdown = (from: number): string[] =>
  Array.from({ length: from }, (_, index) => {
    const left = from - index;
    return `Retrying in ${left} second${left === 1 ? "" : "s"}`;
  });

test("a layer upload cut twice is retried after 5 s and 10 s, and the push succeeds", async () => {
  const world = createWorld();
  const host = await world.daemon();
  const transport = wrap(world, { matches: isPatch, error: reset, times: 2 });
  const startUs = world.loop.clock.nowUs();
  const pushed = await collect(world, host.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  assert.equal(pushed.error, undefined);
  assert.equal(transport.failures, 2);
  const lines = cliLines(pushed.messages);
  const retried = lines.filter((line) => line.endsWith(": Retrying in 5 seconds"));
  const ids = new Set(retried.map((line) => line.split(":")[0]!));
  // Uploads run five at once: the first two PATCHes to go out are the ones cut.
  assert.equal(ids.size, 2);
  for (const id of ids) {
    const statuses = statusesOf(lines, id);
    const from = statuses.indexOf("Retrying in 5 seconds");
    assert.deepEqual(statuses.slice(from, from + 5), countdown(5));
    assert.equal(statuses.at(-1), "Pushed");
  }
  assert.equal(lines.filter((line) => line.endsWith(": Retrying in 10 seconds")).length, 0);
  assert.ok(world.loop.clock.nowUs() - startUs >= 5_000_000);
  const retries = host.trace.events.filter((event) => event.kind === "daemon.push.layer.retry");
  assert.equal(retries.length, 2);
});

test("the same layer failing again waits 10 s the second time", async () => {
  const world = createWorld();
  const host = await world.daemon();
  let bigLayerPatches = 0;
  // Only the large layer's uploads fail: its PATCH carries about a megabyte.
  const transport = wrap(world, {
    matches: (request) =>
      isPatch(request) && (request.body?.length ?? 0) > 100_000 && ++bigLayerPatches <= 2,
    error: reset,
  });
  const pushed = await collect(world, host.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  assert.equal(pushed.error, undefined);
  assert.equal(transport.failures, 2);
  const lines = cliLines(pushed.messages);
  const id = lines.find((line) => line.endsWith(": Retrying in 5 seconds"))!.split(":")[0]!;
  const retrying = statusesOf(lines, id).filter((status) => status.startsWith("Retrying"));
  assert.deepEqual(retrying, [...countdown(5), ...countdown(10)]);
});

test("an upload that always fails gives up after five attempts with the network error", async () => {
  const world = createWorld();
  const host = await world.daemon();
  const transport = wrap(world, {
    matches: (request) => request.method === "POST" && request.target.includes("/blobs/uploads/"),
    error: () => connectionRefused("127.0.0.1:5071"),
  });
  const startUs = world.loop.clock.nowUs();
  const pushed = await collect(world, host.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  const lines = cliLines(pushed.messages);
  assert.equal(lines.at(-1), "ERROR dial tcp 127.0.0.1:5071: connect: connection refused");
  // Five uploads start at once and fail at once: each waits 5 + 10 + 15 + 20 s.
  assert.equal(world.loop.clock.nowUs() - startUs, 50_000_000);
  // The first to fail a fifth time fails the push; the others, due at the same instant, see
  // the push cancelled and do not try a fifth time.
  assert.equal(transport.failures, 5 * 4 + 1);
  const ids = new Set(
    lines.filter((line) => line.endsWith(": Preparing")).map((line) => line.split(":")[0]!),
  );
  assert.equal(ids.size, 5);
  for (const id of ids) {
    const retrying = statusesOf(lines, id).filter((status) => status.startsWith("Retrying"));
    assert.deepEqual(retrying, [
      ...countdown(5),
      ...countdown(10),
      ...countdown(15),
      ...countdown(20),
    ]);
  }
});

test("an unauthorized upload is not retried", async () => {
  const world = createWorld();
  const host = await world.daemon();
  const transport = wrap(world, {
    matches: isPatch,
    error: () =>
      new RegistryResponseError({
        status: 401,
        errors: [{ code: "UNAUTHORIZED", message: "authentication required" }],
      }),
  });
  const pushed = await collect(world, host.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  const lines = cliLines(pushed.messages);
  assert.equal(lines.at(-1), "ERROR unauthorized: authentication required");
  assert.equal(lines.filter((line) => line.includes("Retrying")).length, 0);
  assert.equal(transport.failures, 5);
});

test("dockerd's retryOnError: network and server errors are retried, others not", () => {
  const retried = [
    connectionRefused("127.0.0.1:5000"),
    requestError({ method: "PATCH" }, "http://localhost:5000/v2/x", reset()),
    new RegistryResponseError({
      status: 503,
      errors: [],
      message: "received unexpected HTTP status: 503 Service Unavailable",
    }),
    new RegistryResponseError({
      status: 404,
      errors: [{ code: "BLOB_UPLOAD_UNKNOWN", message: "x" }],
    }),
  ];
  const notRetried = [
    new RegistryResponseError({ status: 401, errors: [{ code: "UNAUTHORIZED", message: "x" }] }),
    new RegistryResponseError({ status: 403, errors: [{ code: "DENIED", message: "x" }] }),
    new RegistryResponseError({ status: 429, errors: [{ code: "TOOMANYREQUESTS", message: "x" }] }),
    new RegistryResponseError({ status: 404, errors: [{ code: "BLOB_UNKNOWN", message: "x" }] }),
    new RegistryResponseError({
      status: 404,
      errors: [],
      message: "error parsing HTTP 404 response body: x",
    }),
    requestError(
      { method: "GET" },
      "http://auth.test/token",
      new RegistryResponseError({ status: 401, errors: [{ code: "UNAUTHORIZED", message: "x" }] }),
    ),
    new DrydockError("DataLoss", "filesystem layer verification failed for digest sha256:00"),
    new LimitExceededError({ what: "blob size in bytes", limit: 1 }),
    new Error("a bug"),
  ];
  for (const error of retried) assert.equal(isRetryableTransferError(error), true, String(error));
  for (const error of notRetried)
    assert.equal(isRetryableTransferError(error), false, String(error));
});
