import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { digestOf } from "../../../src/digest/digest.ts";
import {
  isForeignLayer,
  isIndexMediaType,
  isLayerMediaType,
  layerCompression,
  MediaType,
  OCI_EMPTY_JSON,
  ociMediaTypeOf,
} from "../../../src/image/media-types.ts";

describe("media types", () => {
  it("classifies layers by compression and foreignness", () => {
    assert.equal(layerCompression(MediaType.dockerLayerGzip), "gzip");
    assert.equal(layerCompression(MediaType.ociLayerZstd), "zstd");
    assert.equal(layerCompression(MediaType.ociLayerTar), "none");
    assert.equal(layerCompression(MediaType.ociConfig), undefined);
    assert.ok(
      isLayerMediaType(MediaType.dockerForeignLayerGzip) &&
        isForeignLayer(MediaType.dockerForeignLayerGzip),
    );
    assert.ok(!isForeignLayer(MediaType.ociLayerGzip));
    assert.ok(
      isIndexMediaType(MediaType.dockerManifestList) && !isIndexMediaType(MediaType.dockerManifest),
    );
  });

  it("knows the empty JSON blob and the Docker-to-OCI renaming skopeo applies", () => {
    assert.equal(digestOf(new TextEncoder().encode(OCI_EMPTY_JSON.text)), OCI_EMPTY_JSON.digest);
    assert.equal(ociMediaTypeOf(MediaType.dockerLayerGzip), MediaType.ociLayerGzip);
    assert.equal(ociMediaTypeOf(MediaType.dockerConfig), MediaType.ociConfig);
    assert.equal(ociMediaTypeOf(MediaType.ociLayerZstd), MediaType.ociLayerZstd);
  });
});
