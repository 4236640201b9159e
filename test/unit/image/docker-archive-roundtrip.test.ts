import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { writeTar } from "../../../src/archive/tar-writer.ts";
import { writeBlob } from "../../../src/content/write-blob.ts";
import { digestOf } from "../../../src/digest/digest.ts";
import { ArchiveTree } from "../../../src/image/docker-archive/archive-tree.ts";
import { loadDockerArchive } from "../../../src/image/docker-archive/load-docker-archive.ts";
import { saveDockerArchive } from "../../../src/image/docker-archive/save-docker-archive.ts";
import { appendLayer, configBytes, type Image, scratchImage } from "../../../src/image/image.ts";
import { writeOciLayout } from "../../../src/image/oci-layout.ts";
import { readOciLayout } from "../../../src/image/oci-layout-reader.ts";
import { parseNormalizedNamed } from "../../../src/image/reference.ts";
import { emptyStores } from "./docker-archive-support.ts";

const SEED = 2026_11_28;
const RUNS = 60;
const T0 = Date.UTC(2026, 0, 1) * 1000;

/** A small layer: a few files; drawn from a short list so that images share layers. */
const layerTar = fc
  .array(
    fc.record({
      name: fc.constantFrom("a", "b", "dir/c", "d.txt"),
      text: fc.string({ maxLength: 6 }),
    }),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((files) => {
    const seen = new Set<string>();
    const unique = files.filter((file) => !seen.has(file.name) && seen.add(file.name));
    return writeTar(
      unique.map((file) =>
        tarEntry({ path: file.name, type: "file", data: new TextEncoder().encode(file.text) }),
      ),
    );
  });

const imageSpec = fc.record({
  layers: fc.array(layerTar, { minLength: 1, maxLength: 3 }),
  createdUs: fc.nat({ max: 10 ** 12 }),
  tag: fc.option(fc.constantFrom("app:1", "app:2", "localhost:5000/x/y:z", "other"), {
    nil: undefined,
  }),
});

describe("docker save → docker load → docker save, on drawn images", () => {
  it("keeps IDs, tags and layer bytes, and writes the same archive again", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(imageSpec, { minLength: 1, maxLength: 3 }),
        fc.nat({ max: 10 ** 12 }),
        async (specs, nowUs) => {
          const stores = emptyStores();
          const names: string[] = [];
          const images: Image[] = [];
          for (const spec of specs) {
            let image = scratchImage({ createdUs: T0 });
            for (const [index, tar] of spec.layers.entries()) {
              await writeBlob(stores.content, tar);
              image = appendLayer(image, {
                diffId: digestOf(tar),
                history: { createdUs: T0 + spec.createdUs + index },
              });
            }
            stores.images.add(image);
            images.push(image);
            if (spec.tag === undefined) names.push(image.id);
            else {
              stores.images.tag(parseNormalizedNamed(spec.tag), image.id);
              names.push(spec.tag);
            }
          }
          const archive = await saveDockerArchive({ ...stores, names, nowUs: T0 + nowUs });
          const loaded = emptyStores();
          await loadDockerArchive({ archive, ...loaded });
          for (const name of names) {
            const original = stores.images.resolve(name);
            const copy = loaded.images.resolve(name);
            assert.equal(copy.id, original.id);
            assert.deepEqual(await loaded.content.read(copy.id), configBytes(original));
            for (const layer of original.layers) {
              assert.deepEqual(
                await loaded.content.read(layer.diffId),
                await stores.content.read(layer.diffId),
              );
            }
          }
          const again = await saveDockerArchive({ ...loaded, names, nowUs: T0 + nowUs });
          assert.equal(Buffer.compare(again, archive), 0);

          const layout = await writeOciLayout({
            images: images.map((image) => ({ image })),
            content: stores.content,
          });
          const read = readOciLayout(ArchiveTree.fromFiles(layout, { symlinkFollowMax: 8 }));
          for (const [at, image] of images.entries()) {
            assert.deepEqual(read[at]?.image.config.rootfs.diffIds, image.config.rootfs.diffIds);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
