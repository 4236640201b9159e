import assert from "node:assert/strict";
import { test } from "node:test";
import type { JsonMessage } from "../../../../src/engine/json-message.ts";
import {
  normalizeExchanges,
  type RecordedRequest,
  recordedError,
  recordedSequence,
  recordedStream,
  requestKey,
  strip,
} from "../../registry/client/recorded.ts";
import {
  cliLines,
  collect,
  createWorld,
  lastManifestPut,
  type PushPullWorld,
} from "../push-pull-world.ts";

/** The roles (`L0`…, `C`, `M`) of the image whose manifest the world's registry last received. */
function pushedRoles(world: PushPullWorld, path = "mini"): Map<string, string> {
  return lastManifestPut(world.journal, path).roles;
}

/** Requests as a sorted multiset (concurrent uploads reorder them) and the fixed points. */
function assertSameRequests(
  ours: readonly RecordedRequest[],
  recorded: readonly RecordedRequest[],
) {
  assert.deepEqual(ours.map(requestKey).sort(), recorded.map(requestKey).sort());
  assert.deepEqual(ours[0], recorded[0]);
  assert.deepEqual(ours.at(-1), recorded.at(-1));
}

/** The statuses of each layer id in order (progress lines left out). */
function perLayer(messages: readonly JsonMessage[]): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const message of messages) {
    if (message.id === undefined || message.progress !== undefined) continue;
    byId.set(message.id, [...(byId.get(message.id) ?? []), message.status ?? ""]);
  }
  return byId;
}

test("a first push sends dockerd's requests and writes its stream", async () => {
  const world = createWorld();
  const host = await world.daemon();
  const pushed = await collect(world, host.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  assert.equal(pushed.error, undefined);
  const roles = pushedRoles(world);
  assertSameRequests(
    normalizeExchanges(world.journal, roles),
    strip(recordedSequence("push-first")),
  );
  // The config goes up only after every layer, as recorded.
  const ours = normalizeExchanges(world.journal, roles).map(requestKey);
  assert.ok(
    ours.indexOf("HEAD /v2/mini/blobs/{C} 404") > ours.lastIndexOf("HEAD /v2/mini/blobs/{L0} 200"),
  );

  const recorded = recordedStream("push-first");
  const lines = cliLines(pushed.messages);
  assert.equal(lines[0], cliLines(recorded)[0]);
  assert.deepEqual(
    lines.filter((line) => line.endsWith("Preparing")).length,
    cliLines(recorded).filter((line) => line.endsWith("Preparing")).length,
  );
  for (const statuses of perLayer(pushed.messages).values())
    assert.deepEqual(statuses, ["Preparing", "Pushed"]);
  const manifestDigest = [...roles].find(([, role]) => role === "M")![0];
  assert.equal(lines.at(-1), `1: digest: sha256:${manifestDigest} size: 1356`);
  assert.deepEqual(pushed.messages.at(-1), {
    progressDetail: {},
    aux: { Tag: "1", Digest: `sha256:${manifestDigest}`, Size: 1356 },
  });
});

test("push progress counts the tar as dockerd's writer hands it over", async () => {
  const world = createWorld();
  const host = await world.daemon();
  const pushed = await collect(world, host.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  const progress = pushed.messages.filter((message) => message.progress !== undefined);
  const recorded = recordedStream("push-first")
    .filter((message) => message.id === "b619f71faa5e" && message.progress !== undefined)
    .map((message) => message.progress);
  const ids = new Set(progress.map((message) => message.id));
  assert.equal(ids.size, 5);
  for (const id of ids) {
    const lines = progress.filter((message) => message.id === id);
    if (lines[0]?.progressDetail?.total !== 8) continue;
    // As recorded for an 8-byte layer: the first header, then the whole tar once at the end.
    assert.deepEqual(
      lines.map((message) => message.progress),
      recorded,
    );
  }
  const large = progress.filter((message) => (message.progressDetail?.total ?? 0) > 1_000_000);
  // Two headers and one 32 KiB read (as recorded), then, as no time passes in memory, only
  // the last update: the whole tar, a little more than its files.
  assert.equal(large.length, 2);
  assert.equal(large[0]?.progressDetail?.current, 33792);
  assert.ok((large[1]?.progressDetail?.current ?? 0) > (large[1]?.progressDetail?.total ?? 0));
  for (const message of progress) assert.equal(message.status, "Pushing");
});

test("a second tag finds every layer already there; another repository mounts them", async () => {
  const world = createWorld();
  const host = await world.daemon();
  await collect(world, host.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  await world.run(() =>
    host.daemon.imageTag("localhost:5000/mini:1", { repo: "localhost:5000/mini", tag: "latest" }),
  );
  await world.run(() =>
    host.daemon.imageTag("localhost:5000/mini:1", { repo: "localhost:5000/other", tag: "1" }),
  );

  world.journal.length = 0;
  const again = await collect(
    world,
    host.daemon.imagePush("localhost:5000/mini", { tag: "latest" }),
  );
  const roles = pushedRoles(world);
  assertSameRequests(
    normalizeExchanges(world.journal, roles),
    strip(recordedSequence("push-existing")),
  );
  for (const statuses of perLayer(again.messages).values())
    assert.deepEqual(statuses, ["Preparing", "Layer already exists"]);
  assert.match(
    cliLines(again.messages).at(-1)!,
    /^latest: digest: sha256:[0-9a-f]{64} size: 1356$/,
  );

  world.journal.length = 0;
  const mounted = await collect(world, host.daemon.imagePush("localhost:5000/other", { tag: "1" }));
  assertSameRequests(
    normalizeExchanges(world.journal, pushedRoles(world, "other")),
    strip(recordedSequence("push-mount")),
  );
  for (const statuses of perLayer(mounted.messages).values())
    assert.deepEqual(statuses, ["Preparing", "Mounted from mini"]);
  assert.deepEqual(
    cliLines(mounted.messages).filter((line) => line.includes("Mounted")).length,
    cliLines(recordedStream("push-mount")).filter((line) => line.includes("Mounted")).length,
  );
});

test("a push records RepoDigests and distribution metadata", async () => {
  const world = createWorld();
  const host = await world.daemon();
  const pushed = await collect(world, host.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  const digest =
    (pushed.messages.at(-1)?.aux as { Digest: string } | undefined)?.Digest ?? ("" as string);
  const inspect = await world.run(() => host.daemon.imageInspect("localhost:5000/mini:1"));
  assert.deepEqual(inspect.RepoDigests, [`localhost:5000/mini@${digest}`]);
  const metadata = host.daemon.context.distribution.metadata.toJSON();
  assert.equal(metadata.length, 5);
  for (const [, sources] of metadata) assert.equal(sources[0]?.repository, "localhost:5000/mini");
  const kinds = host.trace.events.map((event) => event.kind);
  assert.ok(kinds.includes("daemon.push.start") && kinds.includes("daemon.push.manifest.put"));
});

test("two daemons pushing one layer compress it once per process", async () => {
  const world = createWorld();
  const first = await world.daemon();
  const second = await world.daemon();
  await collect(world, first.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  await collect(world, second.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  const stats = world.compressed.stats();
  assert.equal(stats.compressions, 5);
});

test("push errors read as dockerd's", async () => {
  const world = createWorld();
  const host = await world.daemon();
  const noImage = await collect(world, host.daemon.imagePush("localhost:5000/nosuch"));
  assert.deepEqual(cliLines(noImage.messages), [
    "The push refers to repository [localhost:5000/nosuch]",
    `ERROR ${recordedError("push-no-image").message.replace("5220", "5000")}`,
  ]);
  const noTag = await collect(world, host.daemon.imagePush("localhost:5000/mini", { tag: "2" }));
  assert.equal(
    cliLines(noTag.messages).at(-1),
    `ERROR ${recordedError("push-no-tag").message.replace("5210", "5000")}`,
  );
  await world.run(() =>
    host.daemon.imageTag("localhost:5000/mini:1", { repo: "localhost:5999/mini", tag: "1" }),
  );
  const refused = await collect(world, host.daemon.imagePush("localhost:5999/mini", { tag: "1" }));
  assert.equal(
    cliLines(refused.messages).at(-1),
    `ERROR ${recordedError("pull-connection-refused").message}`,
  );
});
