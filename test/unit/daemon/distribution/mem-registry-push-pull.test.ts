import assert from "node:assert/strict";
import { test } from "node:test";
import type { Digest } from "../../../../src/digest/digest.ts";
import {
  normalizeExchanges,
  recordedError,
  recordedSequence,
  requestKey,
  strip,
} from "../../registry/client/recorded.ts";
import { cliLines, collect, lastManifestPut } from "../push-pull-world.ts";
import { createMemRegistryWorld, type MemRegistryWorld } from "./mem-registry-world.ts";

function rolesOf(world: MemRegistryWorld, path: string): Map<string, string> {
  return lastManifestPut(world.memJournal, path).roles;
}

const sameRequests = (world: MemRegistryWorld, roles: Map<string, string>, name: string) =>
  assert.deepEqual(
    normalizeExchanges(world.memJournal, roles).map(requestKey).sort(),
    strip(recordedSequence(name)).map(requestKey).sort(),
  );

test("push, mount, existing layers and pull against MemRegistry match the recordings", async () => {
  const world = createMemRegistryWorld();
  const source = await world.daemon();
  const pushed = await collect(world, source.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  assert.equal(pushed.error, undefined);
  const roles = rolesOf(world, "mini");
  sameRequests(world, roles, "push-first");
  const digest =
    (pushed.messages.at(-1)?.aux as { Digest: Digest } | undefined)?.Digest ?? ("" as Digest);
  assert.deepEqual(world.mem.tags("mini"), [["1", digest]]);
  for (const [hex, role] of roles)
    if (role !== "M") assert.ok(world.mem.hasBlob("mini", `sha256:${hex}` as Digest), role);

  world.memJournal.length = 0;
  await world.run(() =>
    source.daemon.imageTag("localhost:5000/mini:1", { repo: "localhost:5000/mini", tag: "latest" }),
  );
  await collect(world, source.daemon.imagePush("localhost:5000/mini", { tag: "latest" }));
  sameRequests(world, roles, "push-existing");

  world.memJournal.length = 0;
  await world.run(() =>
    source.daemon.imageTag("localhost:5000/mini:1", { repo: "localhost:5000/other", tag: "1" }),
  );
  const mounted = await collect(
    world,
    source.daemon.imagePush("localhost:5000/other", { tag: "1" }),
  );
  sameRequests(world, rolesOf(world, "other"), "push-mount");
  assert.equal(
    cliLines(mounted.messages).filter((line) => line.endsWith("Mounted from mini")).length,
    5,
  );

  const target = await world.daemon({ images: [] });
  world.memJournal.length = 0;
  const pulled = await collect(
    world,
    target.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }),
  );
  assert.equal(
    cliLines(pulled.messages).at(-1),
    "Status: Downloaded newer image for localhost:5000/mini:1",
  );
  sameRequests(world, roles, "pull");
  const pulledImage = await world.run(() => target.daemon.imageInspect("localhost:5000/mini:1"));
  const sourceImage = await world.run(() => source.daemon.imageInspect("localhost:5000/mini:1"));
  assert.equal(pulledImage.Id, sourceImage.Id);
  assert.deepEqual(pulledImage.RootFS, sourceImage.RootFS);

  world.memJournal.length = 0;
  await collect(world, target.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }));
  assert.deepEqual(
    normalizeExchanges(world.memJournal, roles),
    strip(recordedSequence("pull-up-to-date")),
  );

  const byDigest = await collect(
    world,
    target.daemon.imagePull({ fromImage: "localhost:5000/other", tag: digest }),
  );
  assert.equal(
    cliLines(byDigest.messages).at(-1),
    `Status: Downloaded newer image for localhost:5000/other@${digest}`,
  );

  const unknown = await collect(
    world,
    target.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "nope" }),
  );
  assert.equal(unknown.error?.message, recordedError("pull-unknown-tag").message);
  const missingRepo = await collect(
    world,
    target.daemon.imagePull({ fromImage: "localhost:5000/nosuch", tag: "1" }),
  );
  assert.match(
    missingRepo.error?.message ?? "",
    /^(manifest for localhost:5000\/nosuch:1 not found|repository localhost:5000\/nosuch not found): /,
  );
});
