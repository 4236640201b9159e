import assert from "node:assert/strict";
import { test } from "node:test";
import { connectionReset } from "../../../../src/net/go-net-errors.ts";
import type { RegistryRequest, RegistryTransport } from "../../../../src/registry/registry-http.ts";
import { cliLines, collect, type PushPullWorld, seededWorld } from "../push-pull-world.ts";

/** Makes the GET of one blob fail `times` times (forever when undefined) with a reset. */
function failBlob(
  world: PushPullWorld,
  options: { digest: string; times?: number },
): { failures: number } {
  const inner = world.transports.get("localhost:5000")!;
  const counter = { failures: 0 };
  const matches = (request: RegistryRequest): boolean =>
    request.method === "GET" && request.target.endsWith(`/blobs/${options.digest}`);
  const transport: RegistryTransport = {
    async send(request, sendOptions) {
      if (matches(request) && (options.times === undefined || counter.failures < options.times)) {
        counter.failures++;
        throw connectionReset({
          localAddress: "127.0.0.1:40112",
          remoteAddress: "127.0.0.1:5000",
          operation: "read",
        });
      }
      return inner.send(request, sendOptions);
    },
  };
  world.transports.set("localhost:5000", transport);
  return counter;
}

const countdown = (from: number): string[] =>
  Array.from({ length: from }, (_, index) => {
    const left = from - index;
    return `Retrying in ${left} second${left === 1 ? "" : "s"}`;
  });

function statusesOf(lines: readonly string[], id: string): string[] {
  return lines
    .filter((line) => line.startsWith(`${id}: `))
    .map((line) => line.slice(id.length + 2));
}

test("a layer download cut once is retried after 5 s and the pull succeeds", async () => {
  const seed = await seededWorld();
  const bottom = seed.manifest.layers[0]!.digest;
  const counter = failBlob(seed.world, { digest: bottom, times: 1 });
  const startUs = seed.world.loop.clock.nowUs();
  const pulled = await collect(
    seed.world,
    seed.host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }),
  );
  assert.equal(pulled.error, undefined);
  assert.equal(counter.failures, 1);
  const lines = cliLines(pulled.messages);
  const statuses = statusesOf(lines, bottom.slice(7, 19));
  assert.deepEqual(
    statuses.filter((status) => status.startsWith("Retrying")),
    countdown(5),
  );
  assert.equal(statuses.at(-1), "Pull complete");
  assert.ok(seed.world.loop.clock.nowUs() - startUs >= 5_000_000);
  const retries = seed.host.trace.events.filter(
    (event) => event.kind === "daemon.pull.layer.retry",
  );
  assert.equal(retries.length, 1);
  assert.equal(retries[0]!.data?.digest, bottom);
});

test("a download that always fails gives up after six attempts with the network error", async () => {
  const seed = await seededWorld();
  const bottom = seed.manifest.layers[0]!.digest;
  const counter = failBlob(seed.world, { digest: bottom });
  const startUs = seed.world.loop.clock.nowUs();
  const pulled = await collect(
    seed.world,
    seed.host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }),
  );
  assert.equal(counter.failures, 6);
  const lines = cliLines(pulled.messages);
  assert.deepEqual(
    statusesOf(lines, bottom.slice(7, 19)).filter((status) => status.startsWith("Retrying")),
    [5, 10, 15, 20, 25].flatMap(countdown),
  );
  assert.match(
    lines.at(-1)!,
    /^ERROR .*read tcp 127\.0\.0\.1:40112->127\.0\.0\.1:5000: read: connection reset by peer$/,
  );
  assert.ok(seed.world.loop.clock.nowUs() - startUs >= 75_000_000);
  assert.equal(seed.host.daemon.context.images.layers.list().length, 0);
});

test("a layer that fails its checksum is not retried", async () => {
  const seed = await seededWorld();
  const bottom = seed.manifest.layers[0]!.digest;
  seed.world.registry.corrupt.add(bottom);
  const pulled = await collect(
    seed.world,
    seed.host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }),
  );
  const lines = cliLines(pulled.messages);
  assert.equal(lines.at(-1), `ERROR filesystem layer verification failed for digest ${bottom}`);
  assert.equal(lines.filter((line) => line.includes("Retrying")).length, 0);
});
