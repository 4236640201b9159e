import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { digestOf } from "../../../src/digest/digest.ts";
import { isLimitExceeded } from "../../../src/errors/drydock-error.ts";
import { descriptorOf } from "../../../src/image/descriptor.ts";
import { ImageFormatError } from "../../../src/image/image-format-error.ts";
import {
  checkImageManifest,
  createManifest,
  encodeManifest,
  parseManifest,
  serializeManifest,
} from "../../../src/image/manifest.ts";
import { MediaType } from "../../../src/image/media-types.ts";
import { fixtureBytes, fixtureText } from "./fixtures.ts";

const LAYER = "sha256:2a0873a96e222dafa8f1135d093685fdde8dd8ed08e37998beffaca3df2e95c7";
const CONFIG = "sha256:9af700bc989c5dc4c038638d790a6d10c8a5e2cc86d54ec1276bf0bc90611a1b";

function manifestJson(patch: Record<string, unknown>): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.ociConfig, digest: CONFIG, size: 10 },
    layers: [{ mediaType: MediaType.ociLayerGzip, digest: LAYER, size: 20 }],
    ...patch,
  });
}

function rejects(field: string, pattern: RegExp): (error: unknown) => boolean {
  return (error) =>
    error instanceof ImageFormatError && error.data.field === field && pattern.test(error.message);
}

describe("manifests: byte-exact round trips", () => {
  const files = [
    "docker-push-manifest.v2.json.bytes",
    "docker-push-manifest-import.v2.json.bytes",
    "docker-push-manifest-empty.v2.json.bytes",
    "skopeo-oci-manifest.json.bytes",
    "manifest-all-instructions.oci.json.bytes",
  ];
  for (const name of files) {
    it(`re-serialises ${name} to the same bytes`, () => {
      const text = fixtureText(name);
      assert.equal(serializeManifest(parseManifest(text)), text);
    });
  }

  it("reproduces the digest dockerd reported for its push", () => {
    const manifest = parseManifest(fixtureBytes("docker-push-manifest.v2.json.bytes"));
    const encoded = encodeManifest(manifest);
    assert.equal(
      encoded.digest,
      "sha256:434fffb197a2ae47e3ba65c6560cb9fa1a80d492730f40c990a89a8350292493",
    );
    assert.equal(encoded.bytes.length, 1356);
    assert.equal(encoded.mediaType, MediaType.dockerManifest);
  });

  it("builds the pushed manifest from descriptors, three-space indented (docker) or compact (OCI)", () => {
    const pushed = parseManifest(fixtureText("docker-push-manifest.v2.json.bytes"));
    const built = createManifest({
      dialect: "docker",
      config: pushed.config,
      layers: pushed.layers,
    });
    assert.equal(serializeManifest(built), fixtureText("docker-push-manifest.v2.json.bytes"));
    const oci = createManifest({
      dialect: "oci",
      config: pushed.config,
      layers: pushed.layers.slice(0, 1),
    });
    assert.match(
      serializeManifest(oci),
      /^\{"schemaVersion":2,"mediaType":"application\/vnd\.oci\.image\.manifest\.v1\+json","config":\{"mediaType":[^}]*"digest":[^}]*"size":2845\}/,
    );
  });

  it("keeps OCI extras: annotations (sorted), subject, artifactType", () => {
    const text = manifestJson({
      artifactType: "application/x-test",
      subject: { mediaType: MediaType.ociManifest, digest: LAYER, size: 5 },
      annotations: { z: "1", a: "2" },
    });
    const manifest = parseManifest(text);
    assert.equal(manifest.subject?.sizeBytes, 5);
    assert.match(
      serializeManifest(manifest),
      /"subject":\{[^}]+\},"annotations":\{"a":"2","z":"1"\}\}$/,
    );
  });
});

describe("manifests: validation", () => {
  it("refuses schema 1 with a clear message, by version or by media type", () => {
    assert.throws(
      () => parseManifest('{"schemaVersion":1,"name":"x"}'),
      rejects("schemaVersion", /schema 1 is not supported/),
    );
    assert.throws(
      () => parseManifest(manifestJson({ mediaType: MediaType.dockerSchema1SignedManifest })),
      rejects("mediaType", /schema 1 is not supported/),
    );
    assert.throws(
      () => parseManifest(manifestJson({}), { contentType: MediaType.dockerSchema1Manifest }),
      /schema 1/,
    );
  });

  it("refuses unknown schema versions and missing members", () => {
    assert.throws(
      () => parseManifest(manifestJson({ schemaVersion: 3 })),
      rejects("schemaVersion", /unsupported schema version 3/),
    );
    assert.throws(
      () => parseManifest(manifestJson({ schemaVersion: undefined })),
      rejects("schemaVersion", /missing/),
    );
    assert.throws(
      () => parseManifest(manifestJson({ config: undefined })),
      rejects("config", /missing/),
    );
    assert.throws(
      () => parseManifest(manifestJson({ layers: null })),
      rejects("layers", /missing/),
    );
    assert.throws(
      () =>
        parseManifest(
          manifestJson({ layers: [{ mediaType: MediaType.ociLayerGzip, digest: LAYER }] }),
        ),
      rejects("layers[0].size", /missing/),
    );
  });

  it("refuses bad digests and sizes, naming the member", () => {
    const badDigest = { mediaType: MediaType.ociLayerGzip, digest: "sha256:1234", size: 1 };
    assert.throws(
      () => parseManifest(manifestJson({ layers: [badDigest] })),
      rejects("layers[0].digest", /invalid checksum digest length/),
    );
    const md5 = { mediaType: MediaType.ociLayerGzip, digest: "md5:abcd", size: 1 };
    assert.throws(
      () => parseManifest(manifestJson({ layers: [md5] })),
      rejects("layers[0].digest", /unsupported digest algorithm/),
    );
    const negative = { mediaType: MediaType.ociLayerGzip, digest: LAYER, size: -1 };
    assert.throws(
      () => parseManifest(manifestJson({ layers: [negative] })),
      rejects("layers[0].size", /non-negative integer/),
    );
  });

  it("refuses unsupported media types, indexes, and contradicting Content-Types", () => {
    assert.throws(
      () => parseManifest(manifestJson({ mediaType: "text/plain" })),
      rejects("mediaType", /unsupported manifest media type text\/plain/),
    );
    assert.throws(
      () => parseManifest(manifestJson({ mediaType: MediaType.ociIndex })),
      rejects("mediaType", /is an index/),
    );
    assert.throws(
      () => parseManifest(manifestJson({ mediaType: undefined, manifests: [] })),
      rejects("manifests", /found an index/),
    );
    assert.throws(
      () =>
        parseManifest(manifestJson({}), {
          contentType: `${MediaType.dockerManifest}; charset=utf-8`,
        }),
      rejects("mediaType", /does not match the Content-Type/),
    );
    assert.throws(
      () =>
        parseManifest(manifestJson({ mediaType: undefined }), {
          contentType: MediaType.dockerManifest,
        }),
      rejects("mediaType", /missing/),
    );
  });

  it("takes the dialect from the media type, or from the Content-Type when absent", () => {
    assert.equal(
      parseManifest(fixtureText("docker-push-manifest.v2.json.bytes")).dialect,
      "docker",
    );
    const bare = parseManifest(manifestJson({ mediaType: undefined }));
    assert.equal(bare.dialect, "oci");
    assert.equal(bare.mediaType, undefined);
    assert.doesNotMatch(
      serializeManifest(bare),
      /"mediaType":"application\/vnd\.oci\.image\.manifest/,
    );
  });

  it("refuses oversized and non-JSON input before anything else", () => {
    assert.throws(
      () => parseManifest(manifestJson({}), { limits: { sizeBytesMax: 50 } }),
      isLimitExceeded,
    );
    assert.throws(() => parseManifest("not json"), /invalid image manifest: not valid JSON/);
  });

  it("checks that a manifest describes a runnable image", () => {
    checkImageManifest(parseManifest(fixtureText("docker-push-manifest.v2.json.bytes")));
    const artifact = parseManifest(
      manifestJson({ config: { mediaType: MediaType.ociEmptyJson, digest: LAYER, size: 2 } }),
    );
    assert.throws(
      () => checkImageManifest(artifact),
      rejects("config.mediaType", /unsupported config media type/),
    );
    const odd = parseManifest(
      manifestJson({ layers: [{ mediaType: "application/x-odd", digest: LAYER, size: 1 }] }),
    );
    assert.throws(
      () => checkImageManifest(odd),
      rejects("layers[0].mediaType", /unsupported layer media type/),
    );
  });

  it("describes bytes in hand", () => {
    const bytes = new TextEncoder().encode("{}");
    assert.deepEqual(descriptorOf(MediaType.ociEmptyJson, bytes), {
      mediaType: MediaType.ociEmptyJson,
      digest: digestOf(bytes),
      sizeBytes: 2,
    });
  });
});
