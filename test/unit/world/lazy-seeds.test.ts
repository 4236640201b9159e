import assert from "node:assert/strict";
import { test } from "node:test";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { BlobPool } from "../../../src/content/blob-pool.ts";
import { SeededRng } from "../../../src/random/rng.ts";
import type { RegistryRequest } from "../../../src/registry/registry-http.ts";
import { NULL_TRACER } from "../../../src/trace/tracer.ts";
import { memRegistryServer } from "../../../src/world/mem-registry-server.ts";
import { offlineImageSource } from "../../../src/world/offline-catalog.ts";
import type { RegistryServer, SeedImageSource } from "../../../src/world/registry-server.ts";

/** An offline image source that counts how often it was made. */
function counted(name: "busybox" | "alpine"): SeedImageSource & { loads: number } {
  const inner = offlineImageSource(name);
  const source = {
    reference: inner.reference,
    loads: 0,
    load() {
      source.loads++;
      return inner.load();
    },
  };
  return source;
}

async function hub(images: readonly SeedImageSource[], restore?: unknown): Promise<RegistryServer> {
  const clock = new VirtualClock();
  return memRegistryServer({
    name: "docker.io",
    clock,
    scheduler: new EventLoop({ clock }),
    rng: SeededRng.fromSeed("lazy-seeds"),
    tracer: NULL_TRACER,
    pool: new BlobPool(),
    images,
    ...(restore === undefined ? {} : { restore }),
  });
}

const get = (target: string): RegistryRequest => ({
  method: "GET",
  target,
  headers: { accept: "application/vnd.docker.distribution.manifest.v2+json" },
});

test("an offline image is made and seeded only when a request names its repository", async () => {
  const busybox = counted("busybox");
  const alpine = counted("alpine");
  const server = await hub([busybox, alpine]);
  assert.equal(alpine.loads, 0);
  const pulled = await server.handle(get("/v2/library/busybox/manifests/latest"));
  assert.equal(pulled.status, 200);
  assert.deepEqual([busybox.loads, alpine.loads], [1, 0]);
  const ping = await server.handle(get("/v2/"));
  assert.equal(ping.status, 200);
  assert.equal(alpine.loads, 0);
  const alpineManifest = await server.handle(get("/v2/library/alpine/manifests/latest"));
  assert.equal(alpineManifest.status, 200);
  await server.handle(get("/v2/library/alpine/manifests/latest"));
  assert.deepEqual([busybox.loads, alpine.loads], [1, 1]);
});

test("concurrent first requests seed once and both see the image", async () => {
  const alpine = counted("alpine");
  const server = await hub([alpine]);
  const answers = await Promise.all([
    server.handle(get("/v2/library/alpine/manifests/latest")),
    server.handle(get("/v2/library/alpine/tags/list")),
  ]);
  assert.deepEqual(
    answers.map((answer) => answer.status),
    [200, 200],
  );
  assert.equal(alpine.loads, 1);
});

test("the catalog seeds everything; a mount names its source repository", async () => {
  const alpine = counted("alpine");
  const server = await hub([counted("busybox"), alpine]);
  const catalog = await server.handle(get("/v2/_catalog"));
  assert.deepEqual(JSON.parse(new TextDecoder().decode(catalog.body)), {
    repositories: ["library/alpine", "library/busybox"],
  });
  const other = counted("alpine");
  const second = await hub([other]);
  const mount = await second.handle({
    method: "POST",
    target: "/v2/mine/blobs/uploads/?from=library/alpine&mount=sha256:00",
    headers: {},
  });
  assert.equal(other.loads, 1);
  assert.notEqual(mount.status, 500);
});

test("images not yet needed at a restart are still seeded on demand afterwards", async () => {
  const alpine = counted("alpine");
  const first = await hub([alpine]);
  const restarted = await hub([], first.snapshot?.());
  assert.equal(alpine.loads, 0);
  const answer = await restarted.handle(get("/v2/library/alpine/manifests/latest"));
  assert.equal(answer.status, 200);
  assert.equal(alpine.loads, 1);
});
