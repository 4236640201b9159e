/**
 * drydock's OCI layouts against skopeo: skopeo reads what drydock writes, and drydock reads what
 * skopeo writes (layouts and docker-archives). Needs only skopeo; skips, with the reason, without.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { digestOf } from "../../src/digest/digest.ts";
import { ArchiveTree } from "../../src/image/docker-archive/archive-tree.ts";
import { loadDockerArchive } from "../../src/image/docker-archive/load-docker-archive.ts";
import type { LayoutFile } from "../../src/image/layout-file.ts";
import { ociBlobPath, writeOciLayout } from "../../src/image/oci-layout.ts";
import { readOciLayout } from "../../src/image/oci-layout-reader.ts";
import { readFileList } from "../../src/node/read-file-list.ts";
import { writeFileList } from "../../src/node/write-file-list.ts";
import { which } from "../support/real-docker.ts";
import { emptyStores, fixtureArchive, fixtureText } from "../unit/image/docker-archive-support.ts";

const execFileAsync = promisify(execFile);
const skopeo = which("skopeo");
const skip = skopeo === undefined ? "skopeo is not installed (apt-get install skopeo)" : false;
const work = mkdtempSync(join(tmpdir(), "drydock-skopeo-"));
after(() => rmSync(work, { recursive: true, force: true }));
const decoder = new TextDecoder();

async function run(...args: string[]): Promise<string> {
  return (await execFileAsync(skopeo!, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** The recorded fixture image, loaded into drydock and written as an OCI layout on disk. */
async function drydockLayout(name: string): Promise<{ dir: string; files: readonly LayoutFile[] }> {
  const stores = emptyStores();
  await loadDockerArchive({ archive: fixtureArchive("save-tagged.tar"), ...stores });
  const image = stores.images.resolve("fixture:3");
  const files = await writeOciLayout({
    images: [{ image, refName: "fixture" }],
    content: stores.content,
  });
  const dir = join(work, name);
  await writeFileList(dir, files);
  return { dir, files };
}

function file(files: readonly LayoutFile[], path: string): Uint8Array {
  return files.find((item) => item.path === path)!.data;
}

describe("interop: drydock OCI layout → skopeo", { skip }, () => {
  it("skopeo inspect sees drydock's manifest, config and layers", async () => {
    const { dir, files } = await drydockLayout("inspect");
    const index = JSON.parse(decoder.decode(file(files, "index.json")));
    const manifestBytes = file(files, ociBlobPath(index.manifests[0].digest));
    const manifest = JSON.parse(decoder.decode(manifestBytes));
    const inspected = JSON.parse(await run("inspect", `oci:${dir}:fixture`));
    assert.equal(inspected.Digest, index.manifests[0].digest);
    assert.deepEqual(
      inspected.Layers,
      manifest.layers.map((layer: { digest: string }) => layer.digest),
    );
    assert.equal(inspected.Architecture, "amd64");
    assert.equal(inspected.Os, "linux");
    assert.equal(
      await run("inspect", "--raw", `oci:${dir}:fixture`),
      decoder.decode(manifestBytes),
    );
    assert.equal(
      await run("inspect", "--config", "--raw", `oci:${dir}:fixture`),
      fixtureText("skopeo-oci-config.json"),
    );
  });

  it("skopeo copy oci:… dir:… keeps drydock's manifest and every blob", async () => {
    const { dir, files } = await drydockLayout("copy");
    const out = join(work, "copied");
    await run("copy", "-q", `oci:${dir}:fixture`, `dir:${out}`);
    const index = JSON.parse(decoder.decode(file(files, "index.json")));
    const manifestBytes = file(files, ociBlobPath(index.manifests[0].digest));
    assert.deepEqual(new Uint8Array(readFileSync(join(out, "manifest.json"))), manifestBytes);
    const manifest = JSON.parse(decoder.decode(manifestBytes));
    for (const blob of [manifest.config, ...manifest.layers]) {
      const copied = new Uint8Array(readFileSync(join(out, blob.digest.slice(7))));
      assert.equal(digestOf(copied), blob.digest);
      assert.deepEqual(copied, file(files, ociBlobPath(blob.digest)));
    }
  });
});

describe("interop: skopeo → drydock", { skip }, () => {
  it("reads skopeo's OCI layout of the recorded archive: same config bytes, same layer tars", async () => {
    const dir = join(work, "from-skopeo");
    await run(
      "copy",
      "-q",
      `docker-archive:${join(import.meta.dirname, "..", "fixtures", "docker-archive", "save-tagged.tar")}`,
      `oci:${dir}:fixture`,
    );
    const images = readOciLayout(
      ArchiveTree.fromFiles(await readFileList(dir), { symlinkFollowMax: 8 }),
    );
    assert.equal(images.length, 1);
    assert.equal(images[0]?.refName, "fixture");
    assert.equal(images[0]?.image.configJson, fixtureText("skopeo-oci-config.json"));
    const stores = emptyStores();
    await loadDockerArchive({ archive: fixtureArchive("save-tagged.tar"), ...stores });
    const original = stores.images.resolve("fixture:3");
    for (const [at, layer] of original.layers.entries()) {
      assert.deepEqual(images[0]?.layerTars[at], await stores.content.read(layer.diffId));
    }
  });

  it("loads the docker-archive skopeo writes from drydock's layout", async () => {
    const { dir } = await drydockLayout("to-archive");
    const tar = join(work, "skopeo-archive.tar");
    await run("copy", "-q", `oci:${dir}:fixture`, `docker-archive:${tar}:skopeo/fixture:1`);
    const stores = emptyStores();
    const result = await loadDockerArchive({
      archive: new Uint8Array(readFileSync(tar)),
      ...stores,
    });
    assert.deepEqual(result.messages, ["Loaded image: skopeo/fixture:1\n"]);
    const image = stores.images.resolve("skopeo/fixture:1");
    assert.equal(image.config.rootfs.diffIds.length, 3);
  });
});
