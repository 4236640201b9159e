import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { Builder } from "../../../../src/builder/builder.ts";
import type { BuildServices } from "../../../../src/daemon/build-services.ts";
import type { JsonMessage } from "../../../../src/engine/json-message.ts";
import { contextTar } from "../../builder/executor/support/harness.ts";
import { cliLines, collect, createWorld, type PushPullWorld } from "../push-pull-world.ts";

const recorded = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../../fixtures/push-pull/recorded-build-pull.json", import.meta.url)),
    "utf8",
  ),
) as { cli: { stdout: string[] }; "stream-image-present": { messages: JsonMessage[] } };

/** A daemon of the world with drydock's builder (the legacy builder's stream). */
function builderDaemon(world: PushPullWorld) {
  return world.daemon({
    images: [],
    overrides: {
      builder: (services: BuildServices) =>
        new Builder({
          host: services,
          clock: world.loop.clock,
          scheduler: world.loop,
          hostName: "drydock",
        }),
    },
  });
}

const shape = (line: string) =>
  line
    .replace(/sha256:[0-9a-f]{64}/g, "sha256:D")
    .replace(/^[0-9a-f]{12}: /, "ID: ")
    .replace(/---> [0-9a-f]{12}/, "---> ID")
    .replaceAll("localhost:5301/a/x:1", "localhost:5000/mini:1")
    .replace("from a/x", "from mini");

test("docker build pulls a missing FROM image, its progress in the build stream", async () => {
  const world = createWorld();
  const source = await world.daemon();
  await collect(world, source.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  const host = await builderDaemon(world);
  const archive = contextTar({ Dockerfile: "FROM localhost:5000/mini:1\nCOPY f /g\n", f: "x\n" });
  const built = await collect(
    world,
    host.daemon.imageBuild({ kind: "tar", archive }, { tags: ["built"] }),
  );
  assert.equal(built.error, undefined);
  const lines = built.messages
    .flatMap((message) =>
      message.stream !== undefined
        ? message.stream.split("\n").filter((line) => line !== "")
        : message.progress === undefined && message.aux === undefined
          ? cliLines([message])
          : [],
    )
    .map(shape);
  // As recorded with DOCKER_BUILDKIT=0: the step, the pull's lines, the base image's ID. The
  // recorded image has one layer and this one five, so layer lines are compared by kind.
  const layerLine = (line: string) => line.startsWith("ID: ");
  const expected = recorded.cli.stdout.slice(2).map(shape);
  assert.deepEqual(
    lines.filter((line) => !layerLine(line)).slice(0, 4),
    expected.filter((line) => !layerLine(line)),
  );
  assert.equal(lines.filter((line) => !layerLine(line))[4], " ---> ID");
  const kinds = new Set(lines.filter(layerLine));
  assert.deepEqual(
    [...kinds].filter((line) => line !== "ID: Waiting"),
    [...new Set(expected.filter(layerLine))],
  );
  assert.ok(lines.includes("Status: Downloaded newer image for localhost:5000/mini:1"));
  assert.ok(lines.some((line) => /^Successfully tagged built:latest$/.test(line)));
  const inspect = await world.run(() => host.daemon.imageInspect("localhost:5000/mini:1"));
  assert.equal(inspect.RepoDigests?.length, 1);
});

test("the pull messages go into the build stream as dockerd writes them", async () => {
  const world = createWorld();
  const source = await world.daemon();
  await collect(world, source.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  const host = await builderDaemon(world);
  await collect(world, host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }));
  // As recorded: the tag is gone but the image stays (another name holds it).
  await world.run(() => host.daemon.imageTag("localhost:5000/mini:1", { repo: "keep" }));
  await world.run(() => host.daemon.imageRemove("localhost:5000/mini:1", {}));
  const archive = contextTar({ Dockerfile: "FROM localhost:5000/mini:1\n" });
  const built = await collect(world, host.daemon.imageBuild({ kind: "tar", archive }, {}));
  const pullMessages = built.messages.filter((message) => message.status !== undefined);
  const recordedPull = recorded["stream-image-present"].messages.filter(
    (message) => message.status !== undefined,
  );
  assert.deepEqual(
    pullMessages.map((message) => JSON.stringify(message)).map(shape),
    recordedPull.map((message) => JSON.stringify(message)).map(shape),
  );
});

test("a FROM image no registry has fails the step with the pull's message", async () => {
  const world = createWorld();
  const host = await builderDaemon(world);
  const archive = contextTar({ Dockerfile: "FROM localhost:5000/nosuch:1\n" });
  const built = await collect(world, host.daemon.imageBuild({ kind: "tar", archive }, {}));
  const last = built.messages.at(-1);
  const message = last?.errorDetail?.message ?? built.error?.message;
  assert.equal(
    message,
    "manifest for localhost:5000/nosuch:1 not found: manifest unknown: manifest unknown",
  );
});
