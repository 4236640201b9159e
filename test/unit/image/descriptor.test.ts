import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { digestOf } from "../../../src/digest/digest.ts";
import { writeGoJson } from "../../../src/digest/go-json.ts";
import { descriptorJson, readDescriptor } from "../../../src/image/descriptor.ts";
import { ImageFormatError } from "../../../src/image/image-format-error.ts";
import { MediaType } from "../../../src/image/media-types.ts";

describe("descriptors", () => {
  const digest = digestOf(new Uint8Array([1]));
  const descriptor = {
    mediaType: MediaType.ociManifest,
    digest,
    sizeBytes: 7,
    annotations: { b: "2", a: "1" },
    platform: { architecture: "arm64", os: "linux", variant: "v8", features: ["sse4"] },
  };

  it("orders members as each dialect's Go struct does", () => {
    assert.deepEqual(Object.keys(descriptorJson(descriptor, "docker")), [
      "mediaType",
      "size",
      "digest",
      "urls",
      "annotations",
      "platform",
    ]);
    const oci = writeGoJson(descriptorJson(descriptor, "oci"));
    assert.equal(
      oci,
      `{"mediaType":"${MediaType.ociManifest}","digest":"${digest}","size":7,"annotations":{"a":"1","b":"2"},"platform":{"architecture":"arm64","os":"linux","variant":"v8"}}`,
    );
    assert.match(writeGoJson(descriptorJson(descriptor, "docker")), /"features":\["sse4"\]/);
  });
});

describe("descriptor validation", () => {
  const digest = digestOf(new Uint8Array([2]));
  const at = { kind: "manifest" as const, path: "layers[3]" };
  const field = (name: string) => (error: unknown) =>
    error instanceof ImageFormatError && error.data.field === name;

  it("reads a full descriptor, frozen", () => {
    const descriptor = readDescriptor(
      {
        mediaType: MediaType.ociLayerGzip,
        digest,
        size: 3,
        urls: ["https://x/y"],
        annotations: { k: "v" },
      },
      at,
    );
    assert.deepEqual(descriptor, {
      mediaType: MediaType.ociLayerGzip,
      digest,
      sizeBytes: 3,
      urls: ["https://x/y"],
      annotations: { k: "v" },
    });
    assert.ok(Object.isFrozen(descriptor));
  });

  it("names the member that is wrong", () => {
    assert.throws(() => readDescriptor({ digest, size: 1 }, at), field("layers[3].mediaType"));
    assert.throws(
      () => readDescriptor({ mediaType: "", digest, size: 1 }, at),
      field("layers[3].mediaType"),
    );
    assert.throws(
      () => readDescriptor({ mediaType: "x", digest, size: 1.5 }, at),
      field("layers[3].size"),
    );
    assert.throws(
      () => readDescriptor({ mediaType: "x", digest, size: 1, urls: [1] }, at),
      field("layers[3].urls[0]"),
    );
    assert.throws(
      () => readDescriptor({ mediaType: "x", digest, size: 1, annotations: { a: 1 } }, at),
      field("layers[3].annotations.a"),
    );
    assert.throws(
      () => readDescriptor({ mediaType: "x", digest, size: 1, platform: { os: "linux" } }, at),
      field("layers[3].platform.architecture"),
    );
    assert.throws(() => readDescriptor("nope", at), field("layers[3]"));
  });
});
