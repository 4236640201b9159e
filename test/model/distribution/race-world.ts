/**
 * Helpers of the push/pull race tests: small images that share layers, a MemRegistry world whose
 * transport lets fast-check's scheduler decide the order in which requests reach the registry,
 * and the checks of what Docker guarantees after a race.
 */
import assert from "node:assert/strict";
import type fc from "fast-check";
import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { DEFAULT_EPOCH_US } from "../../../src/clock/clock.ts";
import type { Daemon } from "../../../src/daemon/daemon.ts";
import { type Digest, digestOf } from "../../../src/digest/digest.ts";
import type { JsonMessage } from "../../../src/engine/json-message.ts";
import { appendLayer, scratchImage, withConfig } from "../../../src/image/image.ts";
import { type OfflineImage, offlineLayer } from "../../../src/runtime/offline-images.ts";
import {
  createMemRegistryWorld,
  type MemRegistryWorld,
} from "../../unit/daemon/distribution/mem-registry-world.ts";
import { type Collected, drain } from "../../unit/daemon/push-pull-world.ts";

const encoder = new TextEncoder();

/** An image of small layers named by `contents` (equal contents: equal layers). */
export function smallImage(
  reference: string,
  contents: readonly string[],
  label: string,
): OfflineImage {
  const mtimeUs = DEFAULT_EPOCH_US;
  const layers = contents.map((content) =>
    offlineLayer([
      tarEntry({
        path: `f-${content}`,
        type: "file",
        data: encoder.encode(`${content}\n`),
        mtimeUs,
      }),
    ]),
  );
  let image = scratchImage({ createdUs: mtimeUs });
  for (const layer of layers)
    image = appendLayer(image, { diffId: layer.diffId, history: { createdUs: mtimeUs } });
  image = withConfig(image, { config: { labels: { version: label } } });
  return { reference, image, layers };
}

/** A MemRegistry world where every request waits for the scheduler's go. */
export interface ScheduledWorld extends MemRegistryWorld {
  /** Resolves once the registry has answered `count` requests in all (a late start). */
  afterRequests(count: number): Promise<void>;
}

export function scheduledWorld(scheduler: fc.Scheduler): ScheduledWorld {
  let answered = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const world = createMemRegistryWorld({
    wrap: (inner) => ({
      async send(request, options) {
        await scheduler.schedule(Promise.resolve(), `${request.method} ${request.target}`);
        const response = await inner.send(request, options);
        answered++;
        for (const waiter of waiters.filter((item) => item.count <= answered)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
        return response;
      },
    }),
  });
  return Object.assign(world, {
    afterRequests: (count: number) =>
      count <= answered
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
  });
}

/** A stream started late: once `ready` resolves. */
export function later<T>(ready: Promise<void>, start: () => AsyncIterable<T>): AsyncIterable<T> {
  return (async function* () {
    await ready;
    yield* start();
  })();
}

/** Runs streams at once, the scheduler choosing the interleaving, inside the world's loop. */
export async function race(
  world: MemRegistryWorld,
  scheduler: fc.Scheduler,
  streams: readonly AsyncIterable<JsonMessage>[],
): Promise<Collected[]> {
  const all = Promise.all(streams.map(drain));
  return world.run(() => scheduler.waitFor(all));
}

/** The digest a push reported in its `aux`, or a failure. */
export function pushedDigest(result: Collected): Digest {
  const last = result.messages.at(-1);
  assert.equal(result.error, undefined);
  assert.equal(last?.errorDetail, undefined, last?.errorDetail?.message);
  return (last?.aux as { Digest: Digest } | undefined)?.Digest ?? ("" as Digest);
}

/** Every blob a tag's manifest names is in the repository and hashes to its digest. */
export function assertTagWhole(world: MemRegistryWorld, repository: string, tag: string): Digest {
  const digest = world.mem.tags(repository).find(([name]) => name === tag)?.[1];
  assert.ok(digest !== undefined, `${repository}:${tag} exists`);
  const get = (target: string) =>
    world.mem.answer({
      method: "GET",
      target,
      headers: {
        host: "localhost:5000",
        accept: "application/vnd.docker.distribution.manifest.v2+json",
      },
    });
  const manifest = get(`/v2/${repository}/manifests/${digest}`);
  assert.equal(digestOf(manifest.body), digest);
  const parsed = JSON.parse(new TextDecoder().decode(manifest.body)) as {
    config: { digest: string };
    layers: { digest: string }[];
  };
  for (const blob of [parsed.config, ...parsed.layers]) {
    const response = get(`/v2/${repository}/blobs/${blob.digest}`);
    assert.equal(response.status, 200);
    assert.equal(digestOf(response.body), blob.digest);
  }
  return digest;
}

/** A pulled image is whole: its ID is one of `expected`, every layer is stored and hashes right. */
export async function assertPulledWhole(
  world: MemRegistryWorld,
  daemon: Daemon,
  reference: string,
  expected: ReadonlyMap<string, Digest>,
): Promise<string> {
  const inspect = await world.run(() => daemon.imageInspect(reference));
  assert.ok(
    expected.has(inspect.Id),
    `pulled ${inspect.Id}, one of ${[...expected.keys()].join(", ")}`,
  );
  const name = reference.slice(0, reference.lastIndexOf(":"));
  assert.ok(
    inspect.RepoDigests?.includes(`${name}@${expected.get(inspect.Id)}`),
    "RepoDigests names the manifest of that image",
  );
  for (const diffId of inspect.RootFS.Layers ?? []) {
    const tar = await world.run(() => daemon.context.layers.content.read(diffId as Digest));
    assert.equal(digestOf(tar), diffId);
  }
  return inspect.Id;
}
