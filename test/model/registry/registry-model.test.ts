import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { type Digest, digestOf } from "../../../src/digest/digest.ts";
import type { MemRegistry } from "../../../src/registry/server/mem-registry.ts";
import {
  DOCKER_V2,
  dockerManifest,
  encoder,
  newRegistry,
  send,
  targetOf,
} from "../../unit/registry/server/server-helpers.ts";
import {
  BLOBS,
  CollectCommand,
  DeleteTagCommand,
  ListCommand,
  MountCommand,
  PutManifestCommand,
  REPOSITORIES,
  ReadTagCommand,
  type RegistryModel,
  TAGS,
  UploadCommand,
} from "./registry-model.ts";

const repository = fc.constantFrom(...REPOSITORIES);
const tag = fc.constantFrom(...TAGS);
const blob = fc.nat({ max: BLOBS.length - 1 });

test("MemRegistry follows the model over random command sequences", () => {
  const commands = [
    fc
      .tuple(repository, blob, fc.integer({ min: 1, max: 3 }))
      .map(([r, b, c]) => new UploadCommand(r, b, c)),
    fc
      .tuple(repository, tag, fc.array(blob, { minLength: 1, maxLength: 3 }))
      .map(([r, t, b]) => new PutManifestCommand(r, t, b)),
    fc.tuple(repository, tag).map(([r, t]) => new ReadTagCommand(r, t)),
    fc.tuple(repository, repository, blob).map(([f, t, b]) => new MountCommand(f, t, b)),
    fc.tuple(repository, tag).map(([r, t]) => new DeleteTagCommand(r, t)),
    repository.map((r) => new ListCommand(r)),
    fc.constant(new CollectCommand()),
  ];
  fc.assert(
    fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
      const { registry } = newRegistry({ deleteEnabled: true });
      fc.modelRun(
        () => ({ model: { repositories: new Map() } satisfies RegistryModel, real: registry }),
        cmds,
      );
      assert.equal(registry.stats().uploadSessionCount, 0);
    }),
    { seed: 20261128, numRuns: 150 },
  );
});

/** One client's requests, each an atomic step released by the scheduler. */
function client(scheduler: fc.Scheduler, registry: MemRegistry, label: string) {
  return (
    method: Parameters<typeof send>[1],
    target: string,
    options: Parameters<typeof send>[3] = {},
  ) =>
    scheduler
      .schedule(Promise.resolve(label), `${label} ${method} ${target.slice(0, 40)}`)
      .then(() => send(registry, method, target, options));
}

async function uploadAs(
  request: ReturnType<typeof client>,
  name: string,
  bytes: Uint8Array,
  chunks: number,
): Promise<number> {
  let location = targetOf((await request("POST", `/v2/${name}/blobs/uploads/`)).headers.location);
  const step = Math.ceil(bytes.length / chunks);
  for (let at = 0; at < bytes.length; at += step)
    location = targetOf(
      (await request("PATCH", location, { body: bytes.subarray(at, at + step) })).headers.location,
    );
  return (await request("PUT", `${location}&digest=${digestOf(bytes)}`)).status;
}

test("interleaved uploads of one blob, a tag moved while others read it: readers see a whole manifest", async () => {
  const seen = new Set<string>();
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 3 }), async (scheduler, chunks) => {
      const { registry } = newRegistry();
      const layer = encoder.encode("shared layer bytes, uploaded by three clients at once");
      const [oldConfig, newConfig] = [encoder.encode('{"v":"old"}'), encoder.encode('{"v":"new"}')];
      const manifests = [oldConfig, newConfig].map((config) =>
        dockerManifest({ digest: digestOf(config), size: config.length }, [
          { digest: digestOf(layer), size: layer.length },
        ]),
      );
      const pushers = ["p1", "p2", "p3"].map((label) => client(scheduler, registry, label));
      const reader = client(scheduler, registry, "reader");
      const push = async (index: number) => {
        const request = pushers[index]!;
        assert.equal(await uploadAs(request, "mini", layer, chunks), 201);
        if (index === 2) return;
        const config = [oldConfig, newConfig][index]!;
        assert.equal(await uploadAs(request, "mini", config, 1), 201);
        const put = await request("PUT", "/v2/mini/manifests/1", {
          headers: { "content-type": DOCKER_V2 },
          body: manifests[index]!,
        });
        assert.equal(put.status, 201);
      };
      const read = async () => {
        for (let attempt = 0; attempt < 3; attempt++) {
          const head = await reader("HEAD", "/v2/mini/manifests/1", {
            headers: { accept: DOCKER_V2 },
          });
          if (head.status === 404) {
            seen.add("absent");
            continue;
          }
          const digest = head.headers["docker-content-digest"] as Digest;
          const body = (
            await reader("GET", `/v2/mini/manifests/${digest}`, { headers: { accept: DOCKER_V2 } })
          ).body;
          assert.equal(digestOf(body), digest);
          const parsed = JSON.parse(new TextDecoder().decode(body));
          for (const blobDigest of [parsed.config.digest, parsed.layers[0].digest]) {
            const blobBody = (await reader("GET", `/v2/mini/blobs/${blobDigest}`)).body;
            assert.equal(digestOf(blobBody), blobDigest);
          }
          seen.add(parsed.config.digest === digestOf(oldConfig) ? "old" : "new");
        }
      };
      await scheduler.waitFor(Promise.all([push(0), push(1), push(2), read()]));
      assert.equal(registry.stats().blobCount, 5, "layer once, two configs, two manifests");
      assert.equal(registry.stats().uploadSessionCount, 0);
      const final = registry.tags("mini")[0]![1];
      assert.ok(manifests.some((manifest) => digestOf(encoder.encode(manifest)) === final));
    }),
    { seed: 20261128, numRuns: 60 },
  );
  assert.deepEqual(
    [...seen].sort(),
    ["absent", "new", "old"],
    "the scheduler explored every outcome",
  );
});
