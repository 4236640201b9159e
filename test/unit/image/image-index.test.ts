import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Digest, digestOf } from "../../../src/digest/digest.ts";
import { isNotFound } from "../../../src/errors/drydock-error.ts";
import type { Descriptor } from "../../../src/image/descriptor.ts";
import { ImageFormatError } from "../../../src/image/image-format-error.ts";
import {
  createImageIndex,
  parseImageIndex,
  requirePlatformManifest,
  selectPlatformManifest,
  serializeImageIndex,
} from "../../../src/image/image-index.ts";
import { MediaType } from "../../../src/image/media-types.ts";
import type { Platform } from "../../../src/image/platform.ts";
import { fixtureText } from "./fixtures.ts";

function entry(name: string, platform?: Platform): Descriptor {
  const digest = digestOf(new TextEncoder().encode(name)) as Digest;
  return platform === undefined
    ? { mediaType: MediaType.ociManifest, digest, sizeBytes: 100 }
    : { mediaType: MediaType.ociManifest, digest, sizeBytes: 100, platform };
}

describe("image indexes: byte-exact round trips", () => {
  for (const name of [
    "docker-manifest-list.v2.json.bytes",
    "skopeo-oci-index.json.bytes",
    "oci-layout-index.json.bytes",
  ]) {
    it(`re-serialises ${name} to the same bytes`, () => {
      const text = fixtureText(name);
      assert.equal(serializeImageIndex(parseImageIndex(text)), text);
    });
  }

  it("rebuilds the docker CLI's manifest list from its entries", () => {
    const list = parseImageIndex(fixtureText("docker-manifest-list.v2.json.bytes"));
    assert.equal(list.dialect, "docker");
    const rebuilt = createImageIndex({ dialect: "docker", manifests: list.manifests });
    assert.equal(serializeImageIndex(rebuilt), fixtureText("docker-manifest-list.v2.json.bytes"));
  });

  it("reads the annotations of an OCI layout index", () => {
    const index = parseImageIndex(fixtureText("oci-layout-index.json.bytes"));
    assert.equal(index.mediaType, undefined);
    assert.deepEqual(index.manifests[0]?.annotations, {
      "org.opencontainers.image.ref.name": "mini",
    });
  });
});

describe("image indexes: validation", () => {
  it("requires a platform on every Docker manifest list entry", () => {
    const text = JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.dockerManifestList,
      manifests: [{ mediaType: MediaType.dockerManifest, digest: entry("a").digest, size: 3 }],
    });
    assert.throws(
      () => parseImageIndex(text),
      (error: unknown) =>
        error instanceof ImageFormatError && error.data.field === "manifests[0].platform",
    );
  });

  it("refuses a manifest where an index is expected", () => {
    assert.throws(
      () => parseImageIndex(fixtureText("skopeo-oci-manifest.json.bytes")),
      /unsupported index media type/,
    );
    assert.throws(
      () => parseImageIndex('{"schemaVersion":2,"config":{},"layers":[]}'),
      /expected an index but found a manifest/,
    );
    assert.throws(() => parseImageIndex('{"schemaVersion":2}'), /manifests: missing/);
  });
});

describe("platform selection", () => {
  const amd64 = entry("amd64", { os: "linux", architecture: "amd64" });
  const amd64v3 = entry("amd64v3", { os: "linux", architecture: "amd64", variant: "v3" });
  const arm64 = entry("arm64", { os: "linux", architecture: "arm64", variant: "v8" });
  const armv6 = entry("armv6", { os: "linux", architecture: "arm", variant: "v6" });
  const attestation = entry("attestation", { os: "unknown", architecture: "unknown" });
  const index = createImageIndex({
    dialect: "oci",
    manifests: [attestation, arm64, amd64v3, amd64, armv6],
  });

  it("picks linux/amd64 by default, preferring the exact variant", () => {
    assert.equal(selectPlatformManifest(index), amd64);
    assert.equal(
      selectPlatformManifest(index, { os: "linux", architecture: "amd64", variant: "v3" }),
      amd64v3,
    );
  });

  it("falls back to the newest older variant the host can run", () => {
    const only = createImageIndex({ dialect: "oci", manifests: [amd64v3, amd64] });
    assert.equal(
      selectPlatformManifest(only, { os: "linux", architecture: "amd64", variant: "v4" }),
      amd64v3,
    );
    assert.equal(
      selectPlatformManifest(createImageIndex({ dialect: "oci", manifests: [amd64v3] })),
      undefined,
    );
    assert.equal(
      selectPlatformManifest(index, { os: "linux", architecture: "arm", variant: "v7" }),
      armv6,
    );
  });

  it("normalises aliases: aarch64 is arm64/v8, x86_64 is amd64", () => {
    assert.equal(selectPlatformManifest(index, { os: "linux", architecture: "aarch64" }), arm64);
    assert.equal(selectPlatformManifest(index, { os: "Linux", architecture: "x86_64" }), amd64);
  });

  it("skips entries without a platform and fails as dockerd does when nothing matches", () => {
    const none = createImageIndex({
      dialect: "oci",
      manifests: [entry("no-platform"), attestation, arm64],
    });
    assert.equal(selectPlatformManifest(none), undefined);
    assert.throws(
      () => requirePlatformManifest(none),
      (error: unknown) =>
        isNotFound(error) &&
        (error as Error).message ===
          "no matching manifest for linux/amd64 in the manifest list entries",
    );
    assert.equal(requirePlatformManifest(index), amd64);
  });
});
