import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gzip } from "../../../src/archive/gzip.ts";
import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { readTar } from "../../../src/archive/tar-reader.ts";
import { writeTar } from "../../../src/archive/tar-writer.ts";
import { digestHex, digestOf } from "../../../src/digest/digest.ts";
import {
  loadDockerArchive,
  loadResponseStream,
} from "../../../src/image/docker-archive/load-docker-archive.ts";
import { configBytes } from "../../../src/image/image.ts";
import { CONTAINERD_IMAGE_NAME_ANNOTATION, writeOciLayout } from "../../../src/image/oci-layout.ts";
import { parseNormalizedNamed } from "../../../src/image/reference.ts";
import {
  archiveFile,
  archiveManifest,
  emptyStores,
  fixtureArchive,
  recordedLoadOutput,
  rewriteArchive,
} from "./docker-archive-support.ts";

const encoder = new TextEncoder();

describe("docker load: the recorded archives", () => {
  it("loads a tagged archive: images, blobs under diff IDs, dockerd's message", async () => {
    const stores = emptyStores();
    const archive = fixtureArchive("save-tagged.tar");
    const result = await loadDockerArchive({ archive, ...stores });
    assert.equal(result.messages.join(""), recordedLoadOutput().tagged);
    const [item] = archiveManifest(archive);
    const image = stores.images.resolve("fixture:3");
    assert.equal(image.id, `sha256:${item!.Config.replace(".json", "")}`);
    assert.deepEqual(result.images, [{ id: image.id, tags: ["fixture:3"] }]);
    assert.deepEqual(await stores.content.read(image.id), archiveFile(archive, item!.Config));
    for (const [index, layer] of image.layers.entries()) {
      const tar = await stores.content.read(layer.diffId);
      assert.deepEqual(tar, archiveFile(archive, item!.Layers[index]!));
      assert.equal(digestOf(tar), layer.diffId);
    }
  });

  it("says so when a tag moves from another image (recorded wording)", async () => {
    const stores = emptyStores();
    await loadDockerArchive({ archive: fixtureArchive("save-two-images.tar"), ...stores });
    const base = stores.images.resolve("fixture:base").id;
    stores.images.tag(parseNormalizedNamed("fixture:3"), base);
    const result = await loadDockerArchive({
      archive: fixtureArchive("save-tagged.tar"),
      ...stores,
    });
    assert.equal(result.messages.join(""), recordedLoadOutput().retagged);
    assert.deepEqual(stores.images.repoTags(base), ["fixture:base"]);
  });

  it("prints the ID of an untagged image", async () => {
    const stores = emptyStores();
    const result = await loadDockerArchive({
      archive: fixtureArchive("save-untagged.tar"),
      ...stores,
    });
    assert.equal(result.messages.join(""), recordedLoadOutput().untagged);
    assert.deepEqual(result.images[0]?.tags, []);
  });

  it("loads the same archive twice without new blobs or references", async () => {
    const stores = emptyStores();
    const archive = fixtureArchive("save-tagged.tar");
    await loadDockerArchive({ archive, ...stores });
    const before = stores.content.pool.stats();
    const again = await loadDockerArchive({ archive, ...stores });
    assert.deepEqual(again.messages, ["Loaded image: fixture:3\n"]);
    assert.deepEqual(stores.content.pool.stats(), before);
    assert.equal(
      stores.images.layers.get(stores.images.resolve("fixture:3").layers[2]!.chainId)?.references,
      1,
    );
  });

  it("frames the messages as dockerd's JSON stream", () => {
    assert.equal(
      loadResponseStream(["Loaded image: a:1\n", "x <y>\n"]),
      '{"stream":"Loaded image: a:1\\n"}\r\n{"stream":"x \\u003cy\\u003e\\n"}\r\n',
    );
  });
});

describe("docker load: other forms", () => {
  it("accepts a gzip-compressed archive and gzip-compressed layer files", async () => {
    const archive = rewriteArchive(fixtureArchive("save-tagged.tar"), (entry) =>
      entry.path.endsWith("/layer.tar") ? { ...entry, data: gzip(entry.data) } : entry,
    );
    const stores = emptyStores();
    await loadDockerArchive({ archive: gzip(archive), ...stores });
    const image = stores.images.resolve("fixture:3");
    for (const layer of image.layers)
      assert.equal(digestOf(await stores.content.read(layer.diffId)), layer.diffId);
  });

  it("loads Docker ≥ 25's layout (manifest.json into blobs/sha256) and a bare OCI layout", async () => {
    const source = emptyStores();
    await loadDockerArchive({ archive: fixtureArchive("save-tagged.tar"), ...source });
    const files = await writeOciLayout({
      images: [{ image: source.images.resolve("fixture:3"), refName: "3" }],
      content: source.content,
    });
    const index = JSON.parse(
      new TextDecoder().decode(files.find((file) => file.path === "index.json")!.data),
    );
    const manifestBytes = files.find(
      (file) => file.path === `blobs/sha256/${index.manifests[0].digest.slice(7)}`,
    )!.data;
    const manifest = JSON.parse(new TextDecoder().decode(manifestBytes));
    const blobPath = (digest: string) => `blobs/sha256/${digest.slice(7)}`;
    const dockerJson = `${JSON.stringify([{ Config: blobPath(manifest.config.digest), RepoTags: ["new:25"], Layers: manifest.layers.map((layer: { digest: string }) => blobPath(layer.digest)) }])}\n`;
    const asEntries = files.map((file) =>
      tarEntry({ path: file.path, type: "file", data: file.data }),
    );
    const docker25 = writeTar([
      ...asEntries,
      tarEntry({ path: "manifest.json", type: "file", data: encoder.encode(dockerJson) }),
    ]);
    const stores = emptyStores();
    const loaded = await loadDockerArchive({ archive: docker25, ...stores });
    assert.deepEqual(loaded.messages, ["Loaded image: new:25\n"]);
    assert.equal(
      stores.images.resolve("new:25").id,
      manifest.config.digest,
      "the OCI config's digest is the ID",
    );

    const named = JSON.parse(JSON.stringify(index));
    named.manifests[0].annotations[CONTAINERD_IMAGE_NAME_ANNOTATION] = "docker.io/library/oci:1";
    const layout = (indexJson: unknown) =>
      writeTar(
        asEntries.map((entry) =>
          entry.path === "index.json"
            ? { ...entry, data: encoder.encode(JSON.stringify(indexJson)) }
            : entry,
        ),
      );
    const fromOci = await loadDockerArchive({ archive: layout(named), ...emptyStores() });
    assert.deepEqual(fromOci.messages, ["Loaded image: oci:1\n"]);
    const anonymous = await loadDockerArchive({ archive: layout(index), ...emptyStores() });
    assert.deepEqual(anonymous.messages, [`Loaded image ID: ${manifest.config.digest}\n`]);
  });

  it("prints every image ID only when the archive's last image is untagged, as dockerd does", async () => {
    const archive = fixtureArchive("save-two-images.tar");
    const withTags = (tags: (string[] | null)[]) =>
      rewriteArchive(archive, (entry) => {
        if (entry.path !== "manifest.json") return entry;
        const items = archiveManifest(archive).map((item, index) => ({
          ...item,
          RepoTags: tags[index],
        }));
        return { ...entry, data: encoder.encode(`${JSON.stringify(items)}\n`) };
      });
    const ids = archiveManifest(archive).map(
      (item) => `sha256:${item.Config.replace(".json", "")}`,
    );
    const lastUntagged = await loadDockerArchive({
      archive: withTags([["a:1"], null]),
      ...emptyStores(),
    });
    assert.deepEqual(lastUntagged.messages, [
      "Loaded image: a:1\n",
      `Loaded image ID: ${ids[0]}\nLoaded image ID: ${ids[1]}\n`,
    ]);
    const lastTagged = await loadDockerArchive({
      archive: withTags([null, ["b:1", "b:2"]]),
      ...emptyStores(),
    });
    assert.deepEqual(lastTagged.messages, ["Loaded image: b:1\n", "Loaded image: b:2\n"]);
  });

  it("follows a symlinked layer.tar inside the archive and reads a shared layer once", async () => {
    const stores = emptyStores();
    const archive = fixtureArchive("save-two-images.tar");
    assert.ok(readTar(archive).some((entry) => entry.type === "symlink"));
    const result = await loadDockerArchive({ archive, ...stores });
    assert.equal(result.images.length, 2);
    const base = stores.images.resolve("fixture:base");
    assert.deepEqual(configBytes(base), await stores.content.read(base.id));
    assert.equal(digestHex(base.layers[0]!.diffId).length, 64);
  });
});
