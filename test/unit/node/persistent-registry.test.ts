import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { digestOf } from "../../../src/digest/digest.ts";
import { isDrydockError } from "../../../src/errors/drydock-error.ts";
import { PersistentRegistry } from "../../../src/node/persistent-registry.ts";
import { SeededRng } from "../../../src/random/rng.ts";
import type { RegistryRequest } from "../../../src/registry/registry-http.ts";

const MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
const encoder = new TextEncoder();
const work = mkdtempSync(join(tmpdir(), "drydock-persistent-registry-"));
after(() => rmSync(work, { recursive: true, force: true }));
let dirCount = 0;

function open(dir: string, deleteEnabled = false): Promise<PersistentRegistry> {
  return PersistentRegistry.open({
    dir,
    name: "registry.test",
    clock: new VirtualClock(),
    rng: SeededRng.fromSeed(`persistent-${dirCount}`),
    deleteEnabled,
  });
}

function req(
  method: RegistryRequest["method"],
  target: string,
  extra: Partial<RegistryRequest> = {},
): RegistryRequest {
  return {
    method,
    target,
    headers: { host: "registry.test", ...extra.headers },
    ...(extra.body === undefined ? {} : { body: extra.body }),
  };
}

/** Pushes a one-layer image as a client would: layer, config, manifest under `tag`. */
async function push(
  registry: PersistentRegistry,
  repository: string,
  tag: string,
  layerText: string,
): Promise<string> {
  const blob = async (bytes: Uint8Array): Promise<string> => {
    const started = await registry.handle(req("POST", `/v2/${repository}/blobs/uploads/`));
    const location = new URL(started.headers.location!);
    const digest = digestOf(bytes);
    const done = await registry.handle(
      req("PUT", `${location.pathname}${location.search}&digest=${digest}`, { body: bytes }),
    );
    assert.equal(done.status, 201);
    return digest;
  };
  const layer = encoder.encode(layerText);
  const config = encoder.encode(`{"rootfs":"${layerText}"}`);
  const layerDigest = await blob(layer);
  const configDigest = await blob(config);
  const manifest = encoder.encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      config: {
        mediaType: "application/vnd.docker.container.image.v1+json",
        digest: configDigest,
        size: config.length,
      },
      layers: [
        {
          mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip",
          digest: layerDigest,
          size: layer.length,
        },
      ],
    }),
  );
  const put = await registry.handle(
    req("PUT", `/v2/${repository}/manifests/${tag}`, {
      body: manifest,
      headers: { "content-type": MANIFEST_TYPE },
    }),
  );
  assert.equal(put.status, 201, new TextDecoder().decode(put.body));
  return digestOf(manifest);
}

function freshDir(): string {
  return join(work, `registry-${++dirCount}`);
}

describe("PersistentRegistry", () => {
  it("keeps repositories, manifests, tags and blobs across a reopen", async () => {
    const dir = freshDir();
    const first = await open(dir);
    const digest = await push(first, "app", "1", "layer one");
    const reopened = await open(dir);
    assert.deepEqual(reopened.registry.snapshot(), first.registry.snapshot());
    assert.deepEqual(reopened.registry.tags("app"), [["1", digest]]);
    const got = await reopened.handle(
      req("GET", `/v2/app/manifests/1`, { headers: { accept: MANIFEST_TYPE } }),
    );
    assert.equal(got.status, 200);
    assert.equal(digestOf(got.body), digest);
    // Three blobs (layer, config, manifest), one file each, named by digest.
    assert.equal(readdirSync(join(dir, "blobs", "sha256")).length, 3);
  });

  it("saves only when something changed: GETs, HEADs and upload starts write nothing", async () => {
    const registry = await open(freshDir());
    await push(registry, "app", "1", "a");
    const saves = registry.saveCount;
    await registry.handle(req("GET", "/v2/app/tags/list"));
    await registry.handle(req("HEAD", "/v2/app/manifests/1"));
    await registry.handle(req("POST", "/v2/app/blobs/uploads/"));
    assert.equal(registry.saveCount, saves);
  });

  it("requests finishing together share saves, and each answer waits for its state on disk", async () => {
    const dir = freshDir();
    const registry = await open(dir);
    await Promise.all([
      push(registry, "a", "1", "x"),
      push(registry, "b", "1", "y"),
      push(registry, "c", "1", "z"),
    ]);
    const reopened = await open(dir);
    assert.deepEqual(reopened.registry.repositories(), ["a", "b", "c"]);
    assert.ok(registry.saveCount <= 9, `saves: ${registry.saveCount}`);
  });

  it("removes what an interrupted save left (temporary files, unnamed blobs) at open", async () => {
    const dir = freshDir();
    await push(await open(dir), "app", "1", "kept");
    const stray = join(dir, "blobs", "sha256", "ab".repeat(32));
    const temporary = join(dir, "registry.json.tmp-1-abc");
    writeFileSync(stray, "orphan");
    writeFileSync(temporary, "half");
    const reopened = await open(dir);
    assert.ok(!existsSync(stray));
    assert.ok(!existsSync(temporary));
    assert.deepEqual(reopened.registry.repositories(), ["app"]);
  });

  it("refuses to open a registry whose blob file was altered (verified against its digest)", async () => {
    const dir = freshDir();
    await push(await open(dir), "app", "1", "precious");
    const layer = digestOf(encoder.encode("precious")).slice(7);
    writeFileSync(join(dir, "blobs", "sha256", layer), "tampered");
    await assert.rejects(
      open(dir),
      (error) => isDrydockError(error) && /sha256/.test(error.message),
    );
  });

  it("refuses a damaged registry.json with a DataLoss error", async () => {
    const dir = freshDir();
    await push(await open(dir), "app", "1", "x");
    writeFileSync(join(dir, "registry.json"), "{not json");
    await assert.rejects(open(dir), (error) => isDrydockError(error) && error.code === "DataLoss");
  });

  it("a deleted tag's manifest is gone after a reopen (delete enabled)", async () => {
    const dir = freshDir();
    const registry = await open(dir, true);
    const digest = await push(registry, "app", "1", "bye");
    const deleted = await registry.handle(req("DELETE", `/v2/app/manifests/${digest}`));
    assert.equal(deleted.status, 202);
    const reopened = await open(dir, true);
    assert.deepEqual(reopened.registry.tags("app"), []);
    const snapshot = JSON.parse(readFileSync(join(dir, "registry.json"), "utf8"));
    assert.deepEqual(snapshot.repositories[0].manifests, []);
  });
});
