import assert from "node:assert/strict";
import { test } from "node:test";
import { BlobPool } from "../../../../src/content/blob-pool.ts";
import { CompressedLayerCache } from "../../../../src/daemon/distribution/compressed-layer-cache.ts";
import { type Digest, digestOf } from "../../../../src/digest/digest.ts";
import { SeededRng } from "../../../../src/random/rng.ts";
import { MemRegistry } from "../../../../src/registry/server/mem-registry.ts";
import { seedImages } from "../../../../src/registry/server/seed-images.ts";
import { busyboxImage } from "../../../../src/runtime/offline-images.ts";
import { ClockTracer, MemoryTraceSink } from "../../../../src/trace/tracer.ts";
import { DOCKER_V2, decoder, newRegistry, pushImage, send, upload } from "./server-helpers.ts";

test("garbage collection removes blobs no manifest references, and untagged manifests on request", () => {
  const pool = new BlobPool();
  const { registry } = newRegistry({ pool, deleteEnabled: true });
  const kept = pushImage(registry, "m1", "a", "kept");
  const dropped = pushImage(registry, "m1", "b", "dropped");
  const stray = upload(registry, "m2", "stray bytes");
  const first = registry.garbageCollect();
  assert.deepEqual(first.removedBlobs, [stray]);
  assert.equal(first.freedBytes, "stray bytes".length);
  assert.equal(pool.has(stray), false);
  assert.equal(send(registry, "HEAD", `/v2/m2/blobs/${stray}`).status, 404);
  pushImage(registry, "m1", "b", "other");
  const second = registry.garbageCollect({ deleteUntagged: true });
  assert.deepEqual(second.removedManifests, [{ repository: "m1", digest: dropped }]);
  assert.equal(second.removedBlobs.length, 3, "the manifest, its config and its layer");
  assert.ok(second.removedBlobs.includes(dropped));
  assert.equal(
    send(registry, "GET", `/v2/m1/manifests/${kept}`, { headers: { accept: DOCKER_V2 } }).status,
    200,
  );
  assert.deepEqual(registry.garbageCollect({ deleteUntagged: true }).removedBlobs, []);
});

test("snapshot and restore keep blobs, manifests and tags; restoring verifies every digest", () => {
  const pool = new BlobPool();
  const { registry, clock } = newRegistry({ pool });
  const digest = pushImage(registry, "library/busybox", "latest");
  upload(registry, "other", "lonely");
  const snapshot = JSON.parse(JSON.stringify(registry.snapshot()));
  assert.equal(snapshot.blobs.length, 4);
  const content = (d: Digest) => registry.blobBytes(d);
  const restored = MemRegistry.restore(snapshot, {
    name: "localhost:5000",
    clock,
    rng: SeededRng.fromSeed(2),
    content,
  });
  assert.deepEqual(restored.snapshot(), snapshot);
  assert.deepEqual(restored.tags("library/busybox"), [["latest", digest]]);
  const get = send(restored, "GET", "/v2/library/busybox/manifests/latest", {
    headers: { accept: DOCKER_V2 },
  });
  assert.equal(digestOf(get.body), digest);
  const flipped = (d: Digest) => {
    const bytes = content(d)!;
    if (d === digest) bytes[0]! ^= 1;
    return bytes;
  };
  const restoreWith = (blobContent: (d: Digest) => Uint8Array | undefined) => () =>
    MemRegistry.restore(snapshot, {
      name: "x",
      clock,
      rng: SeededRng.fromSeed(3),
      content: blobContent,
    });
  assert.throws(restoreWith(flipped), {
    name: "DigestMismatchError",
  });
  assert.throws(
    restoreWith(() => undefined),
    {
      code: "DataLoss",
    },
  );
  assert.throws(
    () =>
      MemRegistry.restore(
        { ...snapshot, format: "v0" },
        { name: "x", clock, rng: SeededRng.fromSeed(3), content },
      ),
    {
      code: "DataLoss",
    },
  );
});

test("seeding puts busybox as dockerd would push it; a later push finds identical blobs; blobs are pooled once", async () => {
  const pool = new BlobPool();
  const layers = new CompressedLayerCache();
  const sink = new MemoryTraceSink();
  const { registry, clock } = newRegistry({ pool });
  const image = busyboxImage();
  const [seeded] = await seedImages(
    registry,
    [{ repository: "library/busybox", tag: "latest", image }],
    { layers },
  );
  assert.equal(sink.events.length, 0);
  const manifest = send(registry, "GET", "/v2/library/busybox/manifests/latest", {
    headers: { accept: DOCKER_V2 },
  });
  assert.equal(manifest.headers["docker-content-digest"], seeded!.manifestDigest);
  const parsed = JSON.parse(decoder.decode(manifest.body));
  assert.match(decoder.decode(manifest.body), /^\{\n {3}"schemaVersion": 2,/);
  assert.equal(parsed.config.digest, image.image.id);
  const compressed = await layers.compress(
    image.layers[0]!.diffId,
    async () => image.layers[0]!.tar,
  );
  assert.equal(parsed.layers[0].digest, compressed.descriptor.digest);
  assert.equal(
    layers.stats().compressions,
    image.layers.length,
    "the daemon's later push hits the cache",
  );
  const second = new MemRegistry({
    name: "docker.io",
    clock,
    rng: SeededRng.fromSeed(9),
    pool,
    tracer: new ClockTracer({ clock, sinks: [sink.sink] }),
  });
  await seedImages(second, [{ repository: "library/busybox", tag: "latest", image }], { layers });
  assert.equal(
    pool.stats().blobCount,
    registry.stats().blobCount,
    "two registries, one copy of each blob",
  );
  assert.equal(pool.references(parsed.config.digest), 2);
  send(second, "GET", `/v2/library/busybox/blobs/${parsed.config.digest}`);
  assert.deepEqual(
    sink.events.map((event) => [event.component, event.kind, event.step, event.host]),
    [["registry", "registry.blob.get", 6, "docker.io"]],
  );
});
