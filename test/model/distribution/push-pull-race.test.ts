import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { Digest } from "../../../src/digest/digest.ts";
import { isDrydockError } from "../../../src/errors/drydock-error.ts";
import {
  assertPulledWhole,
  assertTagWhole,
  later,
  pushedDigest,
  race,
  scheduledWorld,
  smallImage,
} from "./race-world.ts";

/**
 * Races between daemons around one MemRegistry, each request an atomic step whose order
 * fast-check's scheduler picks. What Docker guarantees is checked after each: pushes of the same
 * content all succeed, a tag names a manifest whose blobs are all there and verify, a pull gets
 * the old or the new image wholly (or, before the first push, fails and stores nothing).
 */
const REF = "localhost:5000/mini:1";
const OLD = ["a", "b", "c"];
const NEW = ["a", "b", "d", "e"];
const RUNS = { seed: 20261128, numRuns: 25 };

test("two daemons pushing the same image to one repository", async () => {
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), async (scheduler) => {
      const world = scheduledWorld(scheduler);
      const image = smallImage(REF, OLD, "old");
      const first = await world.daemon({ images: [image] });
      const second = await world.daemon({ images: [image] });
      const results = await race(world, scheduler, [
        first.daemon.imagePush("localhost:5000/mini", { tag: "1" }),
        second.daemon.imagePush("localhost:5000/mini", { tag: "1" }),
      ]);
      const digests = results.map(pushedDigest);
      assert.equal(digests[0], digests[1]);
      assert.equal(assertTagWhole(world, "mini", "1"), digests[0]);
      const puller = await world.daemon({ images: [] });
      const [pulled] = await race(world, scheduler, [
        puller.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }),
      ]);
      assert.equal(pulled!.error, undefined);
      await assertPulledWhole(world, puller.daemon, REF, new Map([[image.image.id, digests[0]!]]));
    }),
    RUNS,
  );
});

test("a pull while the tag moves to another image gets one of the two, whole", async () => {
  const seen = new Set<string>();
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), fc.nat({ max: 24 }), async (scheduler, delay) => {
      const world = scheduledWorld(scheduler);
      const oldImage = smallImage(REF, OLD, "old");
      const newImage = smallImage(REF, NEW, "new");
      const before = await world.daemon({ images: [oldImage] });
      const after = await world.daemon({ images: [newImage] });
      const puller = await world.daemon({ images: [] });
      const [seeded] = await race(world, scheduler, [
        before.daemon.imagePush("localhost:5000/mini", { tag: "1" }),
      ]);
      const oldDigest = pushedDigest(seeded!);
      // The pull starts after `delay` more requests: anywhere within the push (about 20 requests).
      const start = world.afterRequests(world.memJournal.length + delay);
      const [pushed, pulled] = await race(world, scheduler, [
        after.daemon.imagePush("localhost:5000/mini", { tag: "1" }),
        later(start, () => puller.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" })),
      ]);
      const newDigest = pushedDigest(pushed!);
      assert.equal(pulled!.error, undefined);
      assert.equal(pulled!.messages.at(-1)?.errorDetail, undefined);
      assert.equal(assertTagWhole(world, "mini", "1"), newDigest);
      const expected = new Map<string, Digest>([
        [oldImage.image.id, oldDigest],
        [newImage.image.id, newDigest],
      ]);
      seen.add(await assertPulledWhole(world, puller.daemon, REF, expected));
    }),
    RUNS,
  );
  // The scheduler found both outcomes: the race is real.
  assert.equal(seen.size, 2);
});

test("a pull during the first push fails cleanly or gets the image whole", async () => {
  const outcomes = new Set<string>();
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), fc.nat({ max: 24 }), async (scheduler, delay) => {
      const world = scheduledWorld(scheduler);
      const image = smallImage(REF, NEW, "new");
      const pusher = await world.daemon({ images: [image] });
      const puller = await world.daemon({ images: [] });
      const [pushed, pulled] = await race(world, scheduler, [
        pusher.daemon.imagePush("localhost:5000/mini", { tag: "1" }),
        later(world.afterRequests(delay), () =>
          puller.daemon.imagePull({ fromImage: "localhost:5000/mini", tag: "1" }),
        ),
      ]);
      const digest = pushedDigest(pushed!);
      if (pulled!.error !== undefined) {
        // The tag did not exist yet: dockerd's not-found, nothing stored.
        assert.ok(
          isDrydockError(pulled!.error) && pulled!.error.code === "NotFound",
          pulled!.error.message,
        );
        assert.deepEqual(await world.run(() => puller.daemon.imageList({ all: true })), []);
        outcomes.add("not found");
        return;
      }
      assert.equal(pulled!.messages.at(-1)?.errorDetail, undefined);
      await assertPulledWhole(world, puller.daemon, REF, new Map([[image.image.id, digest]]));
      outcomes.add("pulled");
    }),
    RUNS,
  );
  assert.deepEqual([...outcomes].sort(), ["not found", "pulled"]);
});
