import assert from "node:assert/strict";
import { test } from "node:test";
import { isDrydockError } from "../../../../src/errors/drydock-error.ts";
import { recordedError, recordedStream } from "../../registry/client/recorded.ts";
import {
  cliLines,
  collect,
  type PushPullWorld,
  seededWorld,
  type TestHost,
} from "../push-pull-world.ts";

/** Nothing of a failed pull is left: no image, no layer, no metadata. */
async function assertNothingStored(seed: { world: PushPullWorld; host: TestHost }): Promise<void> {
  const { world, host } = seed;
  assert.deepEqual(await world.run(() => host.daemon.imageList({ all: true })), []);
  assert.equal(host.daemon.context.images.layers.list().length, 0);
  assert.deepEqual(host.daemon.context.distribution.metadata.toJSON(), []);
}

test("a layer that does not match its digest fails the pull after its checksum", async () => {
  const seed = await seededWorld();
  const bottom = seed.manifest.layers[0]!.digest;
  seed.world.registry.corrupt.add(bottom);
  const pulled = await collect(
    seed.world,
    seed.host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }),
  );
  const lines = cliLines(pulled.messages);
  const id = bottom.slice(7, 19);
  assert.deepEqual(lines.filter((line) => line.startsWith(id)).slice(-1), [
    `${id}: Verifying Checksum`,
  ]);
  assert.equal(lines.at(-1), `ERROR filesystem layer verification failed for digest ${bottom}`);
  const recorded = cliLines(recordedStream("pull-layer-corrupt"));
  assert.match(
    recorded.at(-1)!,
    /^ERROR filesystem layer verification failed for digest sha256:[0-9a-f]{64}$/,
  );
  await assertNothingStored(seed);
});

test("a config that does not match fails the pull, downloads cancelled", async () => {
  const seed = await seededWorld();
  const config = seed.manifest.config.digest;
  seed.world.registry.corrupt.add(config);
  const pulled = await collect(
    seed.world,
    seed.host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }),
  );
  const lines = cliLines(pulled.messages);
  assert.equal(
    lines.at(-1),
    `ERROR error pulling image configuration: image config verification failed for digest ${config}`,
  );
  assert.equal(lines.filter((line) => line.endsWith("Pull complete")).length, 0);
  assert.equal(
    cliLines(recordedStream("pull-config-corrupt")).filter((line) => line.endsWith("Pull complete"))
      .length,
    0,
  );
  await assertNothingStored(seed);
});

test("a manifest fetched by digest must hash to it", async () => {
  const seed = await seededWorld();
  seed.world.registry.corrupt.add(seed.digest);
  const pulled = await collect(
    seed.world,
    seed.host.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: seed.digest }),
  );
  assert.deepEqual(cliLines(pulled.messages), [
    `localhost:5000/mini@${seed.digest}: Pulling from mini`,
    `ERROR manifest verification failed for digest ${seed.digest}`,
  ]);
  assert.deepEqual(
    cliLines(recordedStream("pull-manifest-digest-corrupt")).map((line) =>
      line
        .replace(/sha256:[0-9a-f]{64}/g, "D")
        .replace("localhost:5220/tiny2", "R")
        .replace("tiny2", "r"),
    ),
    cliLines(pulled.messages).map((line) =>
      line
        .replace(/sha256:[0-9a-f]{64}/g, "D")
        .replace("localhost:5000/mini", "R")
        .replace("mini", "r"),
    ),
  );
  await assertNothingStored(seed);
});

test("errors before the stream are plain errors with dockerd's words and classes", async () => {
  const seed = await seededWorld();
  const failure = async (fromImage: string, tag?: string) => {
    const pulled = await collect(
      seed.world,
      seed.host.daemon.imagePull({ fromImage, ...(tag === undefined ? {} : { tag }) }),
    );
    assert.equal(pulled.messages.length, 0);
    assert.ok(isDrydockError(pulled.error));
    return { message: pulled.error.message, code: pulled.error.code };
  };
  assert.deepEqual(await failure("localhost:5000/mini", "nope"), {
    message: recordedError("pull-unknown-tag").message,
    code: "NotFound",
  });
  assert.deepEqual(await failure("localhost:5999/mini"), {
    message: recordedError("pull-connection-refused").message,
    code: "Internal",
  });
  assert.deepEqual(await failure("nohost:5000/mini"), {
    message: recordedError("pull-unknown-host").message.replace(" on 10.255.255.53:53", ""),
    code: "Internal",
  });
  // Without a resolver entry for docker.io, Docker Hub is an unknown host too.
  assert.match(
    (await failure("busybox")).message,
    /^Get "https:\/\/registry-1\.docker\.io\/v2\/": dial tcp: lookup registry-1\.docker\.io: no such host$/,
  );
  assert.equal((await failure("localhost:5000/mini", "sha256:zz")).code, "InvalidArgument");
  await assertNothingStored(seed);
});
