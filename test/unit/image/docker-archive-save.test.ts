import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readTar } from "../../../src/archive/tar-reader.ts";
import type { Digest } from "../../../src/digest/digest.ts";
import { hasErrorCode } from "../../../src/errors/drydock-error.ts";
import { loadDockerArchive } from "../../../src/image/docker-archive/load-docker-archive.ts";
import { saveDockerArchive } from "../../../src/image/docker-archive/save-docker-archive.ts";
import { appendLayer, scratchImage } from "../../../src/image/image.ts";
import { archiveManifest, emptyStores, fixtureArchive } from "./docker-archive-support.ts";

async function loaded(name: Parameters<typeof fixtureArchive>[0]) {
  const stores = emptyStores();
  await loadDockerArchive({ archive: fixtureArchive(name), ...stores });
  return stores;
}

function differenceAt(left: Uint8Array, right: Uint8Array): number {
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    if (left[index] !== right[index]) return index;
  }
  return -1;
}

describe("docker save: byte-identical to dockerd 20.10", () => {
  it("writes the recorded tagged archive", async () => {
    const stores = await loaded("save-tagged.tar");
    const saved = await saveDockerArchive({ ...stores, names: ["fixture:3"], nowUs: 0 });
    assert.equal(differenceAt(saved, fixtureArchive("save-tagged.tar")), -1);
  });

  it("writes the recorded archive of an image saved by ID (RepoTags null, no repositories)", async () => {
    const stores = await loaded("save-untagged.tar");
    const [item] = archiveManifest(fixtureArchive("save-untagged.tar"));
    assert.equal(item?.RepoTags, null);
    const id = item!.Config.replace(".json", "");
    const saved = await saveDockerArchive({ ...stores, names: [id], nowUs: 0 });
    assert.equal(differenceAt(saved, fixtureArchive("save-untagged.tar")), -1);
    assert.equal(
      readTar(saved).some((entry) => entry.path === "repositories"),
      false,
    );
  });

  it("writes the recorded two-image archive: shared layer directories, a symlinked layer.tar", async () => {
    const recorded = fixtureArchive("save-two-images.tar");
    const stores = await loaded("save-two-images.tar");
    const link = readTar(recorded).find((entry) => entry.type === "symlink");
    assert.ok(link !== undefined, "the recorded archive links a layer.tar shared by two v1 IDs");
    assert.match(link.linkTarget, /^\.\.\/[0-9a-f]{64}\/layer\.tar$/);
    // dockerd writes images in Go map order; the recording's order is passed as the names' order.
    const names = archiveManifest(recorded).flatMap((item) => item.RepoTags ?? []);
    const saved = await saveDockerArchive({ ...stores, names, nowUs: link.mtimeUs });
    assert.equal(differenceAt(saved, recorded), -1);
  });

  it("stamps a symlinked layer directory with the save time, the others with the image's time", async () => {
    const stores = await loaded("save-two-images.tar");
    const names = archiveManifest(fixtureArchive("save-two-images.tar")).flatMap(
      (item) => item.RepoTags ?? [],
    );
    const nowUs = Date.UTC(2030, 0, 1) * 1000;
    const entries = readTar(await saveDockerArchive({ ...stores, names, nowUs }));
    const link = entries.find((entry) => entry.type === "symlink")!;
    const linkDir = link.path.split("/")[0]!;
    for (const entry of entries.filter((item) => item.path.startsWith(linkDir))) {
      assert.equal(entry.mtimeUs, nowUs, entry.path);
    }
    const others = entries.filter(
      (entry) =>
        !entry.path.startsWith(linkDir) && !["manifest.json", "repositories"].includes(entry.path),
    );
    assert.ok(others.every((entry) => entry.mtimeUs > 0 && entry.mtimeUs < nowUs));
  });
});

describe("docker save: which images a name selects", () => {
  it("saves every tag of a repository for a bare name", async () => {
    const stores = await loaded("save-two-images.tar");
    const saved = await saveDockerArchive({ ...stores, names: ["fixture"], nowUs: 0 });
    const tags = archiveManifest(saved).map((item) => item.RepoTags);
    assert.deepEqual(tags, [["fixture:3"], ["fixture:base"]]);
  });

  it("saves by ID prefix, with or without sha256:, untagged", async () => {
    const stores = await loaded("save-tagged.tar");
    const id = stores.images.resolve("fixture:3").id;
    for (const name of [id.slice(7, 19), id.slice(0, 19)]) {
      const [item] = archiveManifest(
        await saveDockerArchive({ ...stores, names: [name], nowUs: 0 }),
      );
      assert.equal(item?.RepoTags, null);
      assert.equal(item?.Config, `${id.slice(7)}.json`);
    }
  });

  it("adds a tag once, and an ID that a tag also names once", async () => {
    const stores = await loaded("save-tagged.tar");
    const id = stores.images.resolve("fixture:3").id;
    const names = ["fixture:3", id, "fixture:3"];
    const manifest = archiveManifest(await saveDockerArchive({ ...stores, names, nowUs: 0 }));
    assert.deepEqual(
      manifest.map((item) => item.RepoTags),
      [["fixture:3"]],
    );
  });

  it("fails as dockerd does for unknown names", async () => {
    const stores = await loaded("save-tagged.tar");
    const save = (name: string) => saveDockerArchive({ ...stores, names: [name], nowUs: 0 });
    await assert.rejects(save("fixture:nope"), { message: "reference does not exist" });
    await assert.rejects(save("nope"), { message: "No such image: nope" });
    await assert.rejects(save("Bad:Name"), (error) => hasErrorCode(error, "InvalidArgument"));
  });

  it("refuses an image without layers: empty export - not implemented", async () => {
    const stores = emptyStores();
    const image = scratchImage({ createdUs: 0 });
    stores.images.add(image);
    await assert.rejects(saveDockerArchive({ ...stores, names: [image.id], nowUs: 0 }), {
      message: "empty export - not implemented",
    });
  });

  it("records a parent that is saved too (Parent), and load restores the link", async () => {
    const stores = await loaded("save-tagged.tar");
    const child = stores.images.resolve("fixture:3");
    const parentImage = appendLayer(scratchImage({ createdUs: 0 }), {
      diffId: child.layers[0]!.diffId,
      history: { createdUs: 1_000_000 },
    });
    stores.images.add(parentImage);
    stores.images.setParent(child.id, parentImage.id);
    const tar = await saveDockerArchive({
      ...stores,
      names: ["fixture:3", parentImage.id],
      nowUs: 0,
    });
    const manifest = archiveManifest(tar);
    assert.equal(manifest[0]?.Parent, parentImage.id);
    assert.equal(manifest[1]?.Parent, undefined);
    const alone = archiveManifest(
      await saveDockerArchive({ ...stores, names: ["fixture:3"], nowUs: 0 }),
    );
    assert.equal(alone[0]?.Parent, undefined, "no Parent when the parent is not in the archive");
    const again = emptyStores();
    await loadDockerArchive({ archive: tar, ...again });
    assert.equal(again.images.parentOf(child.id), parentImage.id);
  });

  it("reads every layer through the content store, which verifies it", async () => {
    const stores = await loaded("save-tagged.tar");
    const layer: Digest = stores.images.resolve("fixture:3").layers[1]!.diffId;
    stores.content.pool.injectCorruption(layer, (bytes) => {
      bytes[600] = bytes[600]! ^ 1;
    });
    await assert.rejects(
      saveDockerArchive({ ...stores, names: ["fixture:3"], nowUs: 0 }),
      (error) => hasErrorCode(error, "DataLoss"),
    );
  });
});
