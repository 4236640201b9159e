import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readWorld, writeWorld } from "../../../../src/daemon/journal/world-file.ts";
import { canonicalJson } from "../../../../src/digest/canonical-json.ts";
import { digestOf } from "../../../../src/digest/digest.ts";
import { SeededRng } from "../../../../src/random/rng.ts";

const encoder = new TextEncoder();
const host = { seed: 1, bootCount: 0 };

/** A registry record naming a snapshot blob, and the blobs to go with it. */
function registryAtRest(contents: string) {
  const snapshot = encoder.encode(contents);
  const layer = encoder.encode("a layer both the daemon and the registry hold");
  const record = { snapshot: digestOf(snapshot), rng: SeededRng.fromSeed(1).fork("r").snapshot() };
  return {
    record,
    layer,
    registries: {
      records: new Map([["localhost:5000", record]]),
      blobs: new Map([
        [record.snapshot, snapshot],
        [digestOf(layer), layer],
      ]),
    },
  };
}

function manifestJson(saved: { manifest: Uint8Array }): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(saved.manifest));
}

describe("world file", () => {
  it("keeps the registries' records, their blobs beside the world's other blobs", () => {
    const { record, layer, registries } = registryAtRest('{"blobs":[]}');
    const journalBlobs = new Map([[digestOf(layer), layer]]);
    const saved = writeWorld({ host, base: undefined, registries, journalBlobs });
    assert.deepEqual(manifestJson(saved).registries, { "localhost:5000": record });
    // The snapshot, and the layer once though the journal and the registry both hold it.
    assert.equal(saved.blobs.size, 2);
    const world = readWorld(saved);
    assert.deepEqual([...world.registries], [["localhost:5000", record]]);
  });

  it("writes no registries when all are new, as worlds saved before registries were", () => {
    const saved = writeWorld({ host, base: undefined });
    assert.equal(
      new TextDecoder().decode(saved.manifest),
      canonicalJson({ format: "drydock-embedded-world", version: 1, host, base: null }),
    );
    assert.equal(readWorld(saved).registries.size, 0);
  });

  it("refuses a registry record that is malformed or names a missing snapshot", () => {
    const { registries } = registryAtRest("{}");
    const saved = writeWorld({ host, base: undefined, registries });
    const missing = { manifest: saved.manifest, blobs: new Map<string, Uint8Array>() };
    assert.throws(() => readWorld(missing), {
      code: "DataLoss",
      message: /snapshot .* is missing/,
    });
    const manifest = manifestJson(saved);
    const broken = {
      ...manifest,
      registries: { "localhost:5000": { snapshot: "sha256:x", rng: { words: [1] } } },
    };
    assert.throws(
      () => readWorld({ manifest: encoder.encode(JSON.stringify(broken)), blobs: saved.blobs }),
      { code: "DataLoss", message: /registry localhost:5000 is malformed/ },
    );
    const list = { ...manifest, registries: [] };
    assert.throws(
      () => readWorld({ manifest: encoder.encode(JSON.stringify(list)), blobs: saved.blobs }),
      { code: "DataLoss" },
    );
  });
});
