import assert from "node:assert/strict";
import { test } from "node:test";
import type { JsonMessage } from "../../../../src/engine/json-message.ts";
import { withConfig } from "../../../../src/image/image.ts";
import type { RegistryTransport } from "../../../../src/registry/registry-http.ts";
import {
  normalizeExchanges,
  recordedSequence,
  recordedStream,
  requestKey,
  strip,
} from "../../registry/client/recorded.ts";
import { cliLines, collect, miniImage, seededWorld } from "../push-pull-world.ts";

function statusesById(messages: readonly JsonMessage[]): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const message of messages) {
    if (message.id === undefined || message.progress !== undefined || message.id === "1") continue;
    byId.set(message.id, [...(byId.get(message.id) ?? []), message.status ?? ""]);
  }
  return byId;
}

test("a pull sends dockerd's requests and writes its stream", async () => {
  const { world, host, roles, digest } = await seededWorld();
  const pulled = await collect(
    world,
    host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }),
  );
  assert.equal(pulled.error, undefined);
  const ours = normalizeExchanges(world.journal, roles, { withAccept: true });
  const recorded = strip(recordedSequence("pull"), { withAccept: true });
  assert.deepEqual(ours.slice(0, 3), recorded.slice(0, 3));
  assert.deepEqual(ours.map(requestKey).sort(), recorded.map(requestKey).sort());

  const lines = cliLines(pulled.messages);
  assert.equal(lines[0], "1: Pulling from mini");
  assert.deepEqual(lines.slice(-2), [
    `Digest: ${digest}`,
    "Status: Downloaded newer image for localhost:5000/mini:1",
  ]);
  const byId = statusesById(pulled.messages);
  const recordedById = statusesById(recordedStream("pull"));
  const shape = (statuses: string[]) =>
    [...new Set(statuses)].filter((status) => status !== "Waiting");
  assert.equal(byId.size, recordedById.size);
  for (const statuses of byId.values())
    assert.deepEqual(shape(statuses), [
      "Pulling fs layer",
      "Verifying Checksum",
      "Download complete",
      "Pull complete",
    ]);
  for (const statuses of recordedById.values())
    assert.deepEqual(shape(statuses), [
      "Pulling fs layer",
      "Verifying Checksum",
      "Download complete",
      "Pull complete",
    ]);
  // Three downloads at once: the fourth and fifth layers wait, as recorded.
  const waiting = (messages: readonly JsonMessage[]) =>
    [...statusesById(messages).values()].map((statuses) => statuses.includes("Waiting"));
  assert.deepEqual(waiting(pulled.messages), waiting(recordedStream("pull")));
  // Extraction follows the layers' order.
  const completes = pulled.messages
    .filter((message) => message.status === "Pull complete")
    .map((message) => message.id);
  assert.deepEqual(completes, [...byId.keys()]);
});

test("at most three layers download at once", async () => {
  const { world, host, roles } = await seededWorld();
  const inner = world.transports.get("localhost:5000")!;
  let inFlight = 0;
  let most = 0;
  const slow: RegistryTransport = {
    async send(request, options) {
      const layer =
        request.method === "GET" &&
        /\/blobs\/sha256:/.test(request.target) &&
        !request.target.includes([...roles].find(([, role]) => role === "C")![0]);
      if (!layer) return inner.send(request, options);
      inFlight++;
      most = Math.max(most, inFlight);
      await world.loop.sleep(50_000);
      try {
        return await inner.send(request, options);
      } finally {
        inFlight--;
      }
    },
  };
  world.transports.set("localhost:5000", slow);
  const pulled = await collect(
    world,
    host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }),
  );
  assert.equal(pulled.error, undefined);
  assert.equal(most, 3);
});

test("a second pull is up to date with two requests; by digest too", async () => {
  const { world, host, roles, digest } = await seededWorld();
  await collect(world, host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }));
  world.journal.length = 0;
  const again = await collect(
    world,
    host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }),
  );
  assert.deepEqual(
    normalizeExchanges(world.journal, roles),
    strip(recordedSequence("pull-up-to-date")),
  );
  const recorded = cliLines(recordedStream("pull-up-to-date")).map((line) =>
    line.replace(/sha256:[0-9a-f]{64}/, digest),
  );
  assert.deepEqual(cliLines(again.messages), recorded);

  const byDigest = await collect(
    world,
    host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: digest }),
  );
  assert.deepEqual(
    cliLines(byDigest.messages),
    cliLines(recordedStream("pull-by-digest-up-to-date")).map((line) =>
      line
        .replace(/localhost:5220\/tiny@sha256:[0-9a-f]{64}/g, `localhost:5000/mini@${digest}`)
        .replace(/Digest: sha256:[0-9a-f]{64}/, `Digest: ${digest}`)
        .replace("from tiny", "from mini"),
    ),
  );
});

test("a pull by digest records only the digest reference", async () => {
  const { world, host, digest } = await seededWorld();
  const pulled = await collect(
    world,
    host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: digest }),
  );
  assert.equal(cliLines(pulled.messages)[0], `localhost:5000/mini@${digest}: Pulling from mini`);
  assert.equal(
    cliLines(pulled.messages).at(-1),
    `Status: Downloaded newer image for localhost:5000/mini@${digest}`,
  );
  const inspect = await world.run(() => host.daemon.imageInspect(`localhost:5000/mini@${digest}`));
  assert.deepEqual(inspect.RepoTags, []);
  assert.deepEqual(inspect.RepoDigests, [`localhost:5000/mini@${digest}`]);
});

test("layers already present are not fetched again", async () => {
  const { world, source, host } = await seededWorld();
  await collect(world, host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }));
  // The same layers under another config, pushed as mini:2.
  const base = miniImage();
  const relabelled = {
    ...base,
    reference: "localhost:5000/mini:2",
    image: withConfig(base.image, { config: { cmd: ["sh"], labels: { v: "2" } } }),
  };
  await world.run(() => source.daemon.installBaseImages([relabelled]));
  await collect(world, source.daemon.imagePush("localhost:5000/mini", { tag: "2" }));
  world.journal.length = 0;
  const pulled = await collect(
    world,
    host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "2" }),
  );
  const lines = cliLines(pulled.messages);
  assert.equal(lines.filter((line) => line.endsWith(": Already exists")).length, 5);
  assert.equal(lines.at(-1), "Status: Downloaded newer image for localhost:5000/mini:2");
  const blobGets = world.journal.filter(
    (exchange) => exchange.request.method === "GET" && exchange.request.target.includes("/blobs/"),
  );
  assert.equal(blobGets.length, 1, "only the config");
  const recordedShape = cliLines(recordedStream("pull-already-exists")).map((line) =>
    line.replace(/^[0-9a-f]{12}: /, "ID: "),
  );
  assert.deepEqual(
    lines.map((line) => line.replace(/^[0-9a-f]{12}: /, "ID: ")).slice(1, 6),
    recordedShape.slice(1, 6),
  );

  // The same manifest in another repository: dockerd has the manifest and the image, so
  // (checked with dockerd 20.10 and registry 2.8.2) it sends only `GET /v2/` and the `HEAD`.
  await world.run(() =>
    source.daemon.imageTag("localhost:5000/mini:1", { repo: "localhost:5000/other", tag: "1" }),
  );
  await collect(world, source.daemon.imagePush("localhost:5000/other", { tag: "1" }));
  world.journal.length = 0;
  const present = await collect(
    world,
    host.daemon.imagePull({ fromImage: "localhost:5000/other", tag: "1" }),
  );
  assert.deepEqual(
    cliLines(present.messages).map((line) => line.replace(/sha256:[0-9a-f]{64}/, "D")),
    cliLines(recordedStream("pull-image-present")).map((line) =>
      line.replace(/sha256:[0-9a-f]{64}/, "D"),
    ),
  );
  assert.deepEqual(
    world.journal.map((exchange) => exchange.request.method),
    ["GET", "HEAD"],
  );
});
