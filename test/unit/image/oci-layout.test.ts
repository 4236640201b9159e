import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gunzip } from "../../../src/archive/gzip.ts";
import { type Digest, digestOf } from "../../../src/digest/digest.ts";
import { loadDockerArchive } from "../../../src/image/docker-archive/load-docker-archive.ts";
import type { Image } from "../../../src/image/image.ts";
import type { LayoutFile } from "../../../src/image/layout-file.ts";
import { MediaType } from "../../../src/image/media-types.ts";
import {
  OCI_LAYOUT_FILE_TEXT,
  ociBlobPath,
  writeOciLayout,
} from "../../../src/image/oci-layout.ts";
import { emptyStores, fixtureArchive, fixtureText } from "./docker-archive-support.ts";

const decoder = new TextDecoder();

async function fixtureImage() {
  const stores = emptyStores();
  await loadDockerArchive({ archive: fixtureArchive("save-tagged.tar"), ...stores });
  return { ...stores, image: stores.images.resolve("fixture:3") };
}

function fileText(files: readonly LayoutFile[], path: string): string {
  const file = files.find((item) => item.path === path);
  assert.ok(file !== undefined, `no ${path}`);
  return decoder.decode(file.data);
}

function blob(files: readonly LayoutFile[], digest: string): Uint8Array {
  return files.find((item) => item.path === ociBlobPath(digest as Digest))!.data;
}

describe("OCI image layout: what skopeo copy … oci:DIR:name writes", () => {
  it("has skopeo's config bytes, manifest and index shape; only the gzip streams differ", async () => {
    const { image, content } = await fixtureImage();
    const files = await writeOciLayout({ images: [{ image, refName: "fixture" }], content });
    assert.equal(fileText(files, "oci-layout"), OCI_LAYOUT_FILE_TEXT);
    assert.equal(OCI_LAYOUT_FILE_TEXT, '{"imageLayoutVersion": "1.0.0"}');
    const index = JSON.parse(fileText(files, "index.json"));
    const manifestText = decoder.decode(blob(files, index.manifests[0].digest));
    const manifest = JSON.parse(manifestText);
    assert.equal(
      decoder.decode(blob(files, manifest.config.digest)),
      fixtureText("skopeo-oci-config.json"),
    );
    const skopeoManifest = JSON.parse(fixtureText("skopeo-oci-manifest.json"));
    skopeoManifest.layers.forEach((layer: { digest: string; size: number }, at: number) => {
      layer.digest = manifest.layers[at].digest;
      layer.size = manifest.layers[at].size;
    });
    assert.equal(manifestText, JSON.stringify(skopeoManifest));
    const skopeoIndex = JSON.parse(fixtureText("skopeo-oci-index.json"));
    skopeoIndex.manifests[0].digest = index.manifests[0].digest;
    skopeoIndex.manifests[0].size = index.manifests[0].size;
    assert.equal(fileText(files, "index.json"), JSON.stringify(skopeoIndex));
  });

  it("gzips each layer with a zero mtime; the blob unzips to the diff ID's tar", async () => {
    const { image, content } = await fixtureImage();
    const files = await writeOciLayout({ images: [{ image }], content });
    const index = JSON.parse(fileText(files, "index.json"));
    assert.equal(index.manifests[0].annotations, undefined);
    const manifest = JSON.parse(decoder.decode(blob(files, index.manifests[0].digest)));
    manifest.layers.forEach((layer: { mediaType: string; digest: string }, at: number) => {
      const data = blob(files, layer.digest);
      assert.equal(layer.mediaType, MediaType.ociLayerGzip);
      assert.deepEqual([...data.subarray(0, 8)], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
      assert.equal(digestOf(gunzip(data, { sizeBytesMax: 1 << 20 })), image.layers[at]!.diffId);
    });
  });

  it("lists every file once, sorted, each blob under its digest, the same on every run", async () => {
    const { image, content } = await fixtureImage();
    const first = await writeOciLayout({
      images: [
        { image, refName: "a" },
        { image, refName: "b" },
      ],
      content,
    });
    const paths = first.map((file) => file.path);
    assert.deepEqual(paths, [...paths].sort());
    assert.equal(new Set(paths).size, paths.length);
    for (const file of first.filter((item) => item.path.startsWith("blobs/"))) {
      assert.equal(file.path, ociBlobPath(digestOf(file.data)));
    }
    const index = JSON.parse(fileText(first, "index.json"));
    assert.deepEqual(
      index.manifests.map((entry: { annotations: Record<string, string> }) =>
        Object.values(entry.annotations),
      ),
      [["a"], ["b"]],
    );
    assert.deepEqual(
      await writeOciLayout({
        images: [
          { image, refName: "a" },
          { image, refName: "b" },
        ],
        content,
      }),
      first,
    );
  });

  it("compresses through the cache, and reuses a compressed blob the content store holds", async () => {
    const { image, content } = await fixtureImage();
    const cache = new Map<Digest, Uint8Array>();
    await writeOciLayout({ images: [{ image }], content, cache });
    assert.deepEqual(
      [...cache.keys()],
      image.layers.map((layer) => layer.diffId),
    );
    const marker = new Uint8Array([1, 2, 3]);
    cache.set(image.layers[0]!.diffId, marker);
    const cached = await writeOciLayout({ images: [{ image }], content, cache });
    assert.ok(
      cached.some((file) => file.path === ociBlobPath(digestOf(marker))),
      "the cached bytes were used",
    );

    const gz = cache.get(image.layers[1]!.diffId)!;
    const stored = await content.writer();
    await stored.write(gz);
    const info = await stored.commit();
    const withKnown: Image = {
      ...image,
      layers: image.layers.map((layer, at) =>
        at === 1
          ? {
              ...layer,
              compressed: {
                mediaType: MediaType.dockerLayerGzip,
                digest: info.digest,
                sizeBytes: gz.length,
              },
            }
          : layer,
      ),
    };
    const files = await writeOciLayout({ images: [{ image: withKnown }], content });
    const index = JSON.parse(fileText(files, "index.json"));
    const manifest = JSON.parse(decoder.decode(blob(files, index.manifests[0].digest)));
    assert.deepEqual(manifest.layers[1], {
      mediaType: MediaType.ociLayerGzip,
      digest: info.digest,
      size: gz.length,
    });
  });
});
