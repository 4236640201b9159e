import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gzip } from "../../../src/archive/gzip.ts";
import { type TarEntry, tarEntry } from "../../../src/archive/tar-entry.ts";
import { readTar } from "../../../src/archive/tar-reader.ts";
import { writeTar } from "../../../src/archive/tar-writer.ts";
import { MemContentStore } from "../../../src/content/mem-content-store.ts";
import { digestOf } from "../../../src/digest/digest.ts";
import { hasErrorCode } from "../../../src/errors/drydock-error.ts";
import { loadDockerArchive } from "../../../src/image/docker-archive/load-docker-archive.ts";
import { ImageStore } from "../../../src/image/image-store.ts";
import { parseNormalizedNamed } from "../../../src/image/reference.ts";
import {
  archiveManifest,
  emptyStores,
  fixtureArchive,
  rewriteArchive,
  storeSnapshot,
} from "./docker-archive-support.ts";

const encoder = new TextEncoder();
const TAGGED = fixtureArchive("save-tagged.tar");
const [ITEM] = archiveManifest(TAGGED);
const LAYER0 = ITEM!.Layers[0]!;
const CONFIG = ITEM!.Config;

/** Stores that already hold an image and a tag, so "unchanged" is a real claim. */
async function busyStores() {
  const stores = emptyStores();
  await loadDockerArchive({ archive: fixtureArchive("save-untagged.tar"), ...stores });
  const id = stores.images.list()[0]!.id;
  stores.images.tag(parseNormalizedNamed("fixture:3"), id);
  return stores;
}

/** Loads `archive`, expects `matches`, and checks the stores did not change. */
async function refused(
  archive: Uint8Array,
  matches: RegExp | ((error: unknown) => boolean),
  stores?: Awaited<ReturnType<typeof busyStores>>,
): Promise<void> {
  const target = stores ?? (await busyStores());
  const before = await storeSnapshot(target);
  await assert.rejects(loadDockerArchive({ archive, ...target }), (error: unknown) =>
    matches instanceof RegExp ? matches.test((error as Error).message) : matches(error),
  );
  assert.deepEqual(await storeSnapshot(target), before);
}

function withManifest(items: unknown): Uint8Array {
  return rewriteArchive(TAGGED, (entry) =>
    entry.path === "manifest.json"
      ? { ...entry, data: encoder.encode(JSON.stringify(items)) }
      : entry,
  );
}

function withExtra(...extra: TarEntry[]): Uint8Array {
  return writeTar([...readTar(TAGGED), ...extra]);
}

describe("docker load refuses damaged archives and leaves the stores as they were", () => {
  it("a tampered layer: invalid diffID, dockerd's wording", async () => {
    const archive = rewriteArchive(TAGGED, (entry) => {
      if (entry.path !== LAYER0) return entry;
      const inner = readTar(entry.data).map((file) =>
        file.path === "hello.txt" ? { ...file, data: encoder.encode("jello\n") } : file,
      );
      return { ...entry, data: writeTar(inner) };
    });
    const image = JSON.parse(
      new TextDecoder().decode(readTar(TAGGED).find((e) => e.path === CONFIG)!.data),
    );
    const expected = image.rootfs.diff_ids[0];
    await refused(archive, (error) => {
      const message = (error as Error).message;
      return (
        message.startsWith(`invalid diffID for layer 0: expected "${expected}", got "sha256:`) &&
        hasErrorCode(error, "InvalidArgument")
      );
    });
  });

  it("a missing layer, config or manifest entry", async () => {
    const drop = (path: string) =>
      rewriteArchive(TAGGED, (entry) => (entry.path === path ? undefined : entry));
    await refused(drop(LAYER0), new RegExp(`^open ${LAYER0}: no such file or directory$`));
    await refused(drop(CONFIG), new RegExp(`^open ${CONFIG}: no such file or directory$`));
    await refused(
      withManifest([{ ...ITEM, Layers: ITEM!.Layers.slice(1) }]),
      /^invalid manifest, layers length mismatch: expected 2, got 3$/,
    );
  });

  it("manifest.json paths outside the archive", async () => {
    await refused(
      withManifest([{ ...ITEM, Config: `../${CONFIG}` }]),
      /points outside the archive/,
    );
    await refused(
      withManifest([{ ...ITEM, Layers: ["/etc/passwd", ...ITEM!.Layers.slice(1)] }]),
      /points outside the archive/,
    );
  });

  it("unsafe or absurd entries: duplicates, devices, links out or in circles, bad hard links", async () => {
    const manifest = readTar(TAGGED).find((entry) => entry.path === "manifest.json")!;
    await refused(withExtra(manifest), /a second entry with the same path/);
    await refused(
      withExtra(tarEntry({ path: "dev", type: "char", devMajor: 1, devMinor: 3 })),
      /an entry of type char/,
    );
    await refused(
      withExtra(tarEntry({ path: "../evil", type: "file" })),
      /points outside the archive/,
    );
    await refused(
      withExtra(tarEntry({ path: "h", type: "hardlink", linkTarget: "nothing" })),
      /not an earlier file/,
    );
    const relink = (target: string) =>
      rewriteArchive(TAGGED, (entry) =>
        entry.path === LAYER0
          ? tarEntry({ path: LAYER0, type: "symlink", linkTarget: target })
          : entry,
      );
    await refused(relink("../../../etc/passwd"), /leads outside the archive/);
    await refused(relink("layer.tar"), /too many links/);
  });

  it("a truncated tar or bytes that are no tar", async () => {
    await refused(
      TAGGED.subarray(0, TAGGED.length - 3000),
      /^Error processing tar file\(exit status 1\): unexpected EOF/,
    );
    await refused(
      encoder.encode("not a tar at all"),
      /^Error processing tar file\(exit status 1\): unexpected EOF/,
    );
    await refused(gzip(TAGGED).subarray(0, 500), /^Error processing tar file\(exit status 1\)/);
  });

  it("a config that does not hash to its name, a bad config, a Windows image, a bad tag", async () => {
    const config = readTar(TAGGED).find((entry) => entry.path === CONFIG)!;
    const text = new TextDecoder().decode(config.data);
    const rewriteConfig = (next: string) =>
      rewriteArchive(TAGGED, (entry) =>
        entry.path === CONFIG ? { ...entry, data: encoder.encode(next) } : entry,
      );
    await refused(
      rewriteConfig(`${text} `),
      new RegExp(`^${CONFIG}: digest mismatch: expected "sha256:`),
    );
    const renamed = (next: string) => {
      const name = `${digestOf(encoder.encode(next)).slice(7)}.json`;
      return rewriteArchive(withManifest([{ ...ITEM, Config: name }]), (entry) =>
        entry.path === CONFIG ? { ...entry, path: name, data: encoder.encode(next) } : entry,
      );
    };
    await refused(
      renamed(text.replace('"os":"linux"', '"os":"windows"')),
      /^cannot load windows image on linux$/,
    );
    await refused(
      renamed(text.replace('"os":"linux"', '"os":"plan9"')),
      /^cannot load plan9 image on linux: unsupported os plan9$/,
    );
    await refused(renamed('{"rootfs":'), /invalid image config: not valid JSON/);
    await refused(withManifest([{ ...ITEM, RepoTags: ["fixture"] }]), /^invalid tag "fixture"$/);
    await refused(
      withManifest({ Config: CONFIG }),
      /cannot unmarshal object into Go value of type \[\]manifestItem/,
    );
  });

  it("archives without manifest.json: dockerd's legacy loader's first missing file", async () => {
    await refused(writeTar([]), /^open repositories: no such file or directory$/);
    await refused(
      writeTar([tarEntry({ path: "junk/x", type: "file" })]),
      /^open junk\/json: no such file or directory$/,
    );
    await refused(
      writeTar([tarEntry({ path: "abc/json", type: "file", data: encoder.encode("{}") })]),
      (error) => hasErrorCode(error, "Unimplemented"),
    );
  });

  it("limits: decompressed layer size, image count", async () => {
    const gzipped = rewriteArchive(TAGGED, (entry) =>
      entry.path.endsWith("/layer.tar") ? { ...entry, data: gzip(entry.data) } : entry,
    );
    const stores = await busyStores();
    const before = await storeSnapshot(stores);
    await assert.rejects(
      loadDockerArchive({ archive: gzipped, ...stores, limits: { layerSizeBytesMax: 1000 } }),
      (error) => hasErrorCode(error, "LimitExceeded"),
    );
    await assert.rejects(
      loadDockerArchive({ archive: TAGGED, ...stores, limits: { imageCountMax: 0 } }),
      (error) => hasErrorCode(error, "LimitExceeded"),
    );
    assert.deepEqual(await storeSnapshot(stores), before);
  });

  it("rolls back blobs already written when the content store fills up", async () => {
    const stores = {
      images: new ImageStore(),
      content: new MemContentStore({ limits: { blobCountMax: 2 } }),
    };
    await refused(TAGGED, (error) => hasErrorCode(error, "LimitExceeded"), stores);
  });

  it("rolls back images, tags and blobs when the image store is full at the second image", async () => {
    const stores = {
      images: new ImageStore({ limits: { imageCountMax: 1 } }),
      content: new MemContentStore(),
    };
    const archive = fixtureArchive("save-two-images.tar");
    await refused(archive, (error) => hasErrorCode(error, "LimitExceeded"), stores);
    assert.equal(stores.images.size, 0);
  });
});
