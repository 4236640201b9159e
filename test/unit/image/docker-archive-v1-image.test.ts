import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readTar } from "../../../src/archive/tar-reader.ts";
import { parseDigest } from "../../../src/digest/digest.ts";
import { serializeArchiveManifest } from "../../../src/image/docker-archive/archive-manifest.ts";
import { serializeRepositories } from "../../../src/image/docker-archive/repositories-file.ts";
import { v1LayersOf } from "../../../src/image/docker-archive/v1-image.ts";
import { imageFromConfig, imageFromConfigBytes } from "../../../src/image/image.ts";
import { fixtureArchive, fixtureText } from "./docker-archive-support.ts";

const MINI_CONFIG = readFileSync(
  join(import.meta.dirname, "..", "..", "fixtures", "image", "image-config.docker.json.bytes"),
);

describe("docker save: v1 layer IDs and json files (moby's v1.CreateID)", () => {
  for (const name of ["save-tagged.tar", "save-two-images.tar"] as const) {
    it(`equal every layer directory of the recorded ${name}`, () => {
      const files = new Map(readTar(fixtureArchive(name)).map((entry) => [entry.path, entry.data]));
      const text = (path: string) => new TextDecoder().decode(files.get(path));
      const manifest = JSON.parse(text("manifest.json")) as { Config: string; Layers: string[] }[];
      for (const item of manifest) {
        const image = imageFromConfigBytes(files.get(item.Config)!);
        const v1 = v1LayersOf(
          image.config,
          image.layers.map((layer) => layer.chainId),
        );
        assert.deepEqual(
          v1.map((layer) => `${layer.id}/layer.tar`),
          item.Layers,
        );
        for (const layer of v1) assert.equal(layer.json, text(`${layer.id}/json`), layer.id);
      }
    });
  }

  it("gives the wire recording's five directories and its top layer json for mini:1", () => {
    const image = imageFromConfigBytes(new Uint8Array(MINI_CONFIG));
    const v1 = v1LayersOf(
      image.config,
      image.layers.map((layer) => layer.chainId),
    );
    const [item] = JSON.parse(fixtureText("mini-save-manifest.json"));
    assert.deepEqual(
      v1.map((layer) => `${layer.id}/layer.tar`),
      item.Layers,
    );
    assert.equal(v1.at(-1)?.json, fixtureText("mini-save-v1-layer-json-top.json"));
    const repositories = serializeRepositories([
      { repository: "localhost:5000/mini", tag: "1", v1Id: v1.at(-1)!.id },
    ]);
    assert.equal(repositories, fixtureText("mini-save-repositories.json"));
    const manifest = serializeArchiveManifest([
      {
        config: `${image.id.slice(7)}.json`,
        repoTags: ["localhost:5000/mini:1"],
        layers: item.Layers,
      },
    ]);
    assert.equal(manifest, fixtureText("mini-save-manifest.json"));
  });

  it("writes lower layers as an epoch stub that hashes without os but records it", () => {
    const image = imageFromConfigBytes(new Uint8Array(MINI_CONFIG));
    const [bottom, second] = v1LayersOf(
      image.config,
      image.layers.map((layer) => layer.chainId),
    );
    assert.match(
      bottom!.json,
      /^\{"id":"[0-9a-f]{64}","created":"1970-01-01T00:00:00Z","container_config":\{"Hostname":""/,
    );
    assert.ok(bottom!.json.endsWith(',"Labels":null},"os":"linux"}'));
    assert.ok(second!.json.startsWith(`{"id":"${second!.id}","parent":"${bottom!.id}","created"`));
    const windows = imageFromConfig({ ...image.config, os: "windows" });
    const [windowsBottom] = v1LayersOf(
      windows.config,
      windows.layers.map((layer) => layer.chainId),
    );
    assert.equal(windowsBottom?.id, bottom?.id, "os is set after the ID is computed");
    assert.ok(windowsBottom?.json.endsWith('"os":"windows"}'));
  });

  it("keeps a legacy parent of a one-layer image and replaces it when a layer is below", () => {
    const diffId = parseDigest(`sha256:${"a".repeat(64)}`);
    const legacyParent = `sha256:${"b".repeat(64)}`;
    const base = imageFromConfig({
      architecture: "amd64",
      os: "linux",
      variant: "v8",
      parent: legacyParent,
      sizeBytes: 42,
      created: "2026-01-02T03:04:05.500Z",
      rootfs: { type: "layers", diffIds: [diffId] },
    });
    const [only] = v1LayersOf(
      base.config,
      base.layers.map((layer) => layer.chainId),
    );
    assert.match(
      only!.json,
      new RegExp(`"parent":"${legacyParent}","created":"2026-01-02T03:04:05.5Z"`),
    );
    assert.ok(only!.json.endsWith('"architecture":"amd64","variant":"v8","os":"linux","Size":42}'));
    const two = imageFromConfig({
      ...base.config,
      rootfs: { type: "layers", diffIds: [diffId, diffId] },
    });
    const [lower, top] = v1LayersOf(
      two.config,
      two.layers.map((layer) => layer.chainId),
    );
    assert.ok(top!.json.includes(`"parent":"${lower!.id}"`));
    assert.notEqual(top!.id, only!.id);
  });
});
