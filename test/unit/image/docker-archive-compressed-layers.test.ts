import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { digestOf } from "../../../src/digest/digest.ts";
import { hasErrorCode } from "../../../src/errors/drydock-error.ts";
import { uncompressedLayer } from "../../../src/image/docker-archive/layer-content.ts";
import { loadDockerArchive } from "../../../src/image/docker-archive/load-docker-archive.ts";
import {
  archiveFile,
  emptyStores,
  fixtureArchive,
  rewriteArchive,
} from "./docker-archive-support.ts";

/** A file of test/fixtures/archive/codecs (README there: how each was compressed). */
function codecFixture(name: string): Uint8Array {
  return new Uint8Array(
    readFileSync(new URL(`../../fixtures/archive/codecs/${name}`, import.meta.url)),
  );
}

const TAGGED = fixtureArchive("save-tagged.tar");
const BZIP2_LAYER = "e13d85fd32745fae727e21cd92ad0d7485334ed15c9422ef1e15c5c86f7a8057/layer.tar";
const XZ_LAYER = "29575f84e3fa29aa6084a692bedabc9811021b6a0fa210ba2a6d44a267255c85/layer.tar";
const LIMITS = { path: "x/layer.tar", sizeBytesMax: 1 << 20 };

describe("docker load: bzip2, xz and zstd layer files (dockerd 20.10)", () => {
  it("loads layers compressed by bzip2 and xz under their uncompressed diff IDs", async () => {
    const archive = rewriteArchive(TAGGED, (entry) => {
      if (entry.path === BZIP2_LAYER)
        return { ...entry, data: codecFixture("save-tagged-e13d85.layer.tar.bz2") };
      if (entry.path === XZ_LAYER)
        return { ...entry, data: codecFixture("save-tagged-29575f.layer.tar.xz") };
      return entry;
    });
    const stores = emptyStores();
    await loadDockerArchive({ archive, ...stores });
    const image = stores.images.resolve("fixture:3");
    const diffIds = image.layers.map((layer) => layer.diffId);
    for (const path of [BZIP2_LAYER, XZ_LAYER]) {
      const tar = archiveFile(TAGGED, path);
      assert.ok(diffIds.includes(digestOf(tar)), path);
      assert.deepEqual(await stores.content.read(digestOf(tar)), tar);
    }
  });

  it("loads a whole archive compressed by xz, as `docker load` does", async () => {
    const stores = emptyStores();
    await loadDockerArchive({ archive: codecFixture("save-tagged.tar.xz"), ...stores });
    const image = stores.images.resolve("fixture:3");
    assert.equal(image.layers.length, 3);
  });

  it("decodes a real layer compressed by bzip2 and by xz to the same diff ID", () => {
    const tar = new Uint8Array(
      readFileSync(new URL("../../fixtures/archive/basic.layer.tar", import.meta.url)),
    );
    for (const name of ["basic.layer.tar.bz2", "basic.layer.tar.xz"]) {
      assert.equal(uncompressedLayer(codecFixture(name), LIMITS).diffId, digestOf(tar), name);
    }
  });

  it("words a damaged layer as dockerd does: Go's bzip2 error, xz's stderr", () => {
    const bz2 = codecFixture("basic.layer.tar.bz2");
    assert.throws(() => uncompressedLayer(bz2.subarray(0, bz2.length - 10), LIMITS), {
      message: "Error processing tar file(unexpected EOF): ",
    });
    const xz = codecFixture("basic.layer.tar.xz");
    assert.throws(() => uncompressedLayer(xz.subarray(0, xz.length - 10), LIMITS), {
      message: "Error processing tar file(exit status 1: xz: (stdin): Unexpected end of input\n): ",
    });
  });

  it("reads a zstd layer as a tar, which fails, and bounds the decompressed size", () => {
    assert.throws(
      () => uncompressedLayer(codecFixture("add-context.tar.zst"), LIMITS),
      (error) =>
        hasErrorCode(error, "InvalidArgument") &&
        /^Error processing tar file\(exit status 1\): unexpected EOF/.test(
          (error as Error).message,
        ),
    );
    assert.throws(
      () =>
        uncompressedLayer(codecFixture("basic.layer.tar.xz"), { ...LIMITS, sizeBytesMax: 1000 }),
      (error) => hasErrorCode(error, "LimitExceeded"),
    );
  });
});
