import assert from "node:assert/strict";
import { test } from "node:test";
import { DistributionMetadata } from "../../../../src/daemon/distribution/distribution-metadata.ts";
import { readDaemonState, restoreDaemon } from "../../../../src/daemon/restore-daemon.ts";
import { saveDaemon } from "../../../../src/daemon/save-daemon.ts";
import { digestOf } from "../../../../src/digest/digest.ts";
import { isDrydockError } from "../../../../src/errors/drydock-error.ts";
import { SeededRng } from "../../../../src/random/rng.ts";
import { ClockTracer, MemoryTraceSink } from "../../../../src/trace/tracer.ts";
import { cliLines, collect, createWorld } from "../push-pull-world.ts";

test("distribution metadata survives a save and restore: the next push finds its layers", async () => {
  const world = createWorld();
  const host = await world.daemon();
  const first = await collect(world, host.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  const digest =
    (first.messages.at(-1)?.aux as { Digest: string } | undefined)?.Digest ?? ("" as string);
  await world.run(() => host.daemon.shutdown());
  const saved = await saveDaemon(host.daemon);
  const state = readDaemonState(saved);
  assert.equal(state.distribution?.length, 5);

  const restored = await restoreDaemon(
    {
      scheduler: world.loop,
      rng: SeededRng.fromSeed(99),
      tracer: new ClockTracer({ clock: world.loop.clock, sinks: [new MemoryTraceSink().sink] }),
      host: "restored",
      registries: world.resolver,
      compressedLayers: world.compressed,
    },
    saved,
  );
  assert.deepEqual(restored.context.distribution.metadata.toJSON(), state.distribution);
  const inspect = await world.run(() => restored.imageInspect("localhost:5000/mini:1"));
  assert.deepEqual(inspect.RepoDigests, [`localhost:5000/mini@${digest}`]);

  world.journal.length = 0;
  await world.run(() =>
    restored.imageTag("localhost:5000/mini:1", { repo: "localhost:5000/mini", tag: "2" }),
  );
  const again = await collect(world, restored.imagePush("localhost:5000/mini", { tag: "2" }));
  assert.equal(
    cliLines(again.messages).filter((line) => line.endsWith("Layer already exists")).length,
    5,
  );
  assert.equal(world.journal.filter((exchange) => exchange.request.method === "PATCH").length, 0);
  // Saving again gives the same bytes: the metadata is written in a canonical order.
  await world.run(() => restored.shutdown());
  const resaved = await saveDaemon(restored);
  assert.deepEqual(readDaemonState(resaved).distribution, state.distribution);
});

test("metadata JSON: round trip, newest source last, damaged input is DataLoss", () => {
  const metadata = new DistributionMetadata();
  const diffId = digestOf(new TextEncoder().encode("layer"));
  const blobA = digestOf(new TextEncoder().encode("a"));
  const blobB = digestOf(new TextEncoder().encode("b"));
  metadata.add(diffId, { digest: blobA, repository: "localhost:5000/mini", account: "" });
  metadata.add(diffId, { digest: blobB, repository: "localhost:5000/other", account: "" });
  metadata.add(diffId, { digest: blobA, repository: "localhost:5000/mini", account: "" });
  assert.deepEqual(
    metadata.sourcesOf(diffId).map((source) => source.repository),
    ["localhost:5000/other", "localhost:5000/mini"],
  );
  assert.equal(metadata.diffIdOf(blobB), diffId);
  const copy = DistributionMetadata.fromJSON(JSON.parse(JSON.stringify(metadata.toJSON())));
  assert.deepEqual(copy.toJSON(), metadata.toJSON());
  assert.deepEqual(DistributionMetadata.fromJSON(undefined).toJSON(), []);
  for (const bad of [
    {},
    [["nope", []]],
    [[diffId, [{ digest: "x", repository: "r" }]]],
    [[diffId, 3]],
  ]) {
    assert.throws(
      () => DistributionMetadata.fromJSON(bad),
      (error: unknown) => isDrydockError(error) && error.code === "DataLoss",
    );
  }
  metadata.remove(diffId, { digest: blobA, repository: "localhost:5000/mini", account: "" });
  metadata.remove(diffId, { digest: blobB, repository: "localhost:5000/other", account: "" });
  assert.deepEqual(metadata.toJSON(), []);
});
