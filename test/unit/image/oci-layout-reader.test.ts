import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { digestOf } from "../../../src/digest/digest.ts";
import { hasErrorCode } from "../../../src/errors/drydock-error.ts";
import { ArchiveTree } from "../../../src/image/docker-archive/archive-tree.ts";
import { loadDockerArchive } from "../../../src/image/docker-archive/load-docker-archive.ts";
import type { LayoutFile } from "../../../src/image/layout-file.ts";
import { MediaType } from "../../../src/image/media-types.ts";
import { ociBlobPath, writeOciLayout } from "../../../src/image/oci-layout.ts";
import { readOciLayout } from "../../../src/image/oci-layout-reader.ts";
import { emptyStores, fixtureArchive } from "./docker-archive-support.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function layout() {
  const stores = emptyStores();
  await loadDockerArchive({ archive: fixtureArchive("save-two-images.tar"), ...stores });
  const top = stores.images.resolve("fixture:3");
  const base = stores.images.resolve("fixture:base");
  const files = await writeOciLayout({
    images: [{ image: top, refName: "3" }, { image: base }],
    content: stores.content,
  });
  return { ...stores, top, base, files };
}

const read = (files: readonly LayoutFile[]) =>
  readOciLayout(ArchiveTree.fromFiles(files, { symlinkFollowMax: 8 }));

function replaced(files: readonly LayoutFile[], path: string, data: Uint8Array): LayoutFile[] {
  return files.map((file) => (file.path === path ? { path, data } : file));
}

function indexOf(files: readonly LayoutFile[]) {
  return JSON.parse(decoder.decode(files.find((file) => file.path === "index.json")!.data));
}

describe("OCI image layout: reading", () => {
  it("reads back what it wrote: names, OCI configs, every layer's tar", async () => {
    const { files, top, base, content } = await layout();
    const images = read(files);
    assert.deepEqual(
      images.map((image) => image.refName),
      ["3", undefined],
    );
    for (const [found, original] of [
      [images[0]!, top],
      [images[1]!, base],
    ] as const) {
      assert.deepEqual(found.image.config.rootfs, original.config.rootfs);
      assert.equal(found.image.config.created, original.config.created);
      assert.equal(found.manifest.config.mediaType, MediaType.ociConfig);
      for (const [at, layer] of original.layers.entries()) {
        assert.deepEqual(found.layerTars[at], await content.read(layer.diffId));
      }
    }
  });

  it("refuses a blob that does not match its descriptor, or is missing", async () => {
    const { files } = await layout();
    const manifestPath = ociBlobPath(indexOf(files).manifests[0].digest);
    const manifest = files.find((file) => file.path === manifestPath)!;
    const tampered = replaced(
      files,
      manifestPath,
      encoder.encode(`${decoder.decode(manifest.data)} `),
    );
    assert.throws(() => read(tampered), { message: /content does not match its descriptor/ });
    const missing = files.filter((file) => file.path !== manifestPath);
    assert.throws(() => read(missing), {
      message: new RegExp(`^open ${manifestPath}: no such file or directory$`),
    });
  });

  it("refuses a layer in the wrong place: invalid diffID", async () => {
    const { files } = await layout();
    const index = indexOf(files);
    const manifestPath = ociBlobPath(index.manifests[0].digest);
    const manifest = JSON.parse(
      decoder.decode(files.find((file) => file.path === manifestPath)!.data),
    );
    manifest.layers.reverse();
    const bytes = encoder.encode(JSON.stringify(manifest));
    index.manifests[0].digest = digestOf(bytes);
    index.manifests[0].size = bytes.length;
    const swapped = [
      ...replaced(files, "index.json", encoder.encode(JSON.stringify(index))),
      { path: ociBlobPath(digestOf(bytes)), data: bytes },
    ];
    assert.throws(() => read(swapped), {
      message: /^invalid diffID for layer 0: expected "sha256:/,
    });
  });

  it("refuses a missing or unknown layout version", async () => {
    const { files } = await layout();
    assert.throws(() => read(files.filter((file) => file.path !== "oci-layout")), {
      message: /^open oci-layout: no such file/,
    });
    const future = replaced(files, "oci-layout", encoder.encode('{"imageLayoutVersion":"2.0.0"}'));
    assert.throws(
      () => read(future),
      (error) => hasErrorCode(error, "Unimplemented"),
    );
  });

  it("follows a nested index to linux/amd64 and skips entries that are not images", async () => {
    const { files } = await layout();
    const index = indexOf(files);
    const image = { ...index.manifests[0], platform: { architecture: "amd64", os: "linux" } };
    const arm = { ...index.manifests[1], platform: { architecture: "arm64", os: "linux" } };
    const nested = encoder.encode(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociIndex,
        manifests: [arm, image].map(({ annotations: _, ...rest }) => rest),
      }),
    );
    const artifact = {
      mediaType: "application/vnd.example+json",
      digest: index.manifests[1].digest,
      size: 1,
    };
    const top = {
      schemaVersion: 2,
      manifests: [
        { mediaType: MediaType.ociIndex, digest: digestOf(nested), size: nested.length },
        artifact,
      ],
    };
    const withNested = [
      ...replaced(files, "index.json", encoder.encode(JSON.stringify(top))),
      { path: ociBlobPath(digestOf(nested)), data: nested },
    ];
    const found = read(withNested);
    assert.equal(found.length, 1);
    assert.equal(found[0]?.manifestDigest, index.manifests[0].digest);
  });
});
