import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Digest, parseDigest } from "../../../src/digest/digest.ts";
import { hasErrorCode } from "../../../src/errors/drydock-error.ts";
import {
  appendEmptyLayerHistory,
  appendLayer,
  type Image,
  scratchImage,
} from "../../../src/image/image.ts";
import { ImageDeleteConflictError } from "../../../src/image/image-delete-conflict-error.ts";
import { ImageNotFoundError } from "../../../src/image/image-not-found-error.ts";
import { ImageStore } from "../../../src/image/image-store.ts";
import { InvalidReferenceError } from "../../../src/image/invalid-reference-error.ts";
import { parseNormalizedNamed } from "../../../src/image/reference.ts";

const T0 = Date.UTC(2026, 10, 27) * 1000;
/** The two layers of the recorded `imgtest-small` build (COPY a.txt; LABEL; COPY b.txt). */
const LOWER = parseDigest(
  "sha256:debe8bc1e29be3c32563f1038a63b48c9d30a57b1bb14c098f497119c29bc18e",
);
const UPPER = parseDigest(
  "sha256:1ff1926333cbe02544901ce1dbc959fb088ebf3d0a6742e6fe933ca2b73f60bb",
);
const ref = (text: string) => parseNormalizedNamed(text);

/** Builds the recorded three-step image, each step an image whose parent is the previous one. */
function buildSmall(store: ImageStore): { copyA: Image; label: Image; copyB: Image } {
  const base = scratchImage({ createdUs: T0 });
  const copyA = appendLayer(base, {
    diffId: LOWER,
    history: { createdUs: T0 + 1, createdBy: "COPY a.txt /a.txt" },
  });
  const label = appendEmptyLayerHistory(copyA, { createdUs: T0 + 2, createdBy: "LABEL x=y" });
  const copyB = appendLayer(label, {
    diffId: UPPER,
    history: { createdUs: T0 + 3, createdBy: "COPY b.txt /b.txt" },
  });
  store.add(copyA);
  store.add(label, { parent: copyA.id });
  store.add(copyB, { parent: label.id });
  return { copyA, label, copyB };
}

function notFound(message: string): (error: unknown) => boolean {
  return (error) => error instanceof ImageNotFoundError && error.message === message;
}

describe("image store: images, parents and layers", () => {
  it("adds images once, links parents and children, lists sorted", () => {
    const store = new ImageStore();
    const { copyA, label, copyB } = buildSmall(store);
    assert.deepEqual(store.add(copyB, { parent: label.id }), { added: false });
    assert.equal(store.layers.get(LOWER)?.references, 3);
    assert.equal(store.parentOf(copyB.id), label.id);
    assert.deepEqual(store.childrenOf(copyA.id), [label.id]);
    assert.deepEqual(
      store.list().map((image) => image.id),
      [copyA.id, label.id, copyB.id].sort(),
    );
    assert.throws(
      () => store.add(scratchImage(), { parent: LOWER }),
      notFound(`No such image: ${LOWER}`),
    );
  });

  it("releases layers as dockerd's rmi reported them: image, its layer, parent, grandparent, base layer", () => {
    const store = new ImageStore();
    const { copyA, label, copyB } = buildSmall(store);
    store.tag(ref("imgtest-small:1"), copyB.id);
    store.tag(ref("imgtest-small:2"), copyB.id);
    assert.throws(
      () => store.delete(copyA.id),
      (error: unknown) =>
        error instanceof ImageDeleteConflictError &&
        error.message ===
          `conflict: unable to delete ${copyA.id.slice(7, 19)} (cannot be forced) - image has dependent child images`,
    );
    const top = store.delete(copyB.id);
    assert.deepEqual(
      top.untagged.map((reference) => reference.tag),
      ["1", "2"],
    );
    assert.deepEqual(top.releasedChainIds, [
      "sha256:0c6b66808844ad3edae677760985b184a94b55291457e6f0f2e3c4b2e516d1ca",
    ]);
    assert.deepEqual(store.delete(label.id).releasedChainIds, []);
    assert.deepEqual(store.delete(copyA.id).releasedChainIds, [LOWER]);
    assert.equal(store.size, 0);
    assert.equal(store.layers.size, 0);
  });
});

describe("image store: names", () => {
  it("lists RepoTags in dockerd's order (sorted by full reference) and RepoDigests familiar", () => {
    const store = new ImageStore();
    const { copyB } = buildSmall(store);
    for (const name of ["x", "localhost/x", "A.b/c", "a.b:5000", "foo/sha256:x", "a--b"])
      store.tag(ref(name), copyB.id);
    assert.deepEqual(store.repoTags(copyB.id), [
      "A.b/c:latest",
      "foo/sha256:x",
      "a--b:latest",
      "a.b:5000",
      "x:latest",
      "localhost/x:latest",
    ]);
    const digest = "sha256:434fffb197a2ae47e3ba65c6560cb9fa1a80d492730f40c990a89a8350292493";
    store.addDigestReference(ref(`localhost:5000/mini:1@${digest}`), copyB.id);
    assert.deepEqual(store.repoDigests(copyB.id), [`localhost:5000/mini@${digest}`]);
  });

  it("moves tags, untags, and refuses the names dockerd refuses", () => {
    const store = new ImageStore();
    const { copyA, copyB } = buildSmall(store);
    store.tag(ref("app"), copyA.id);
    store.tag(ref("app:latest"), copyB.id, { timeUs: T0 + 9 });
    assert.equal(store.resolve("app").id, copyB.id);
    assert.deepEqual(store.repoTags(copyA.id), []);
    assert.equal(store.lastTagTimeUs(copyB.id), T0 + 9);
    assert.equal(store.untag(ref("app")), copyB.id);
    assert.throws(() => store.untag(ref("app")), notFound("No such image: app:latest"));
    assert.throws(
      () => store.tag(ref("sha256:abc"), copyA.id),
      /^.*refusing to create an ambiguous tag using digest algorithm as name$/,
    );
    assert.throws(
      () => store.tag(ref(`a@sha256:${"1".repeat(64)}`), copyA.id),
      /refusing to create a tag with a digest reference/,
    );
    assert.throws(() => store.tag(ref("a"), LOWER), notFound(`No such image: ${LOWER}`));
  });
});

describe("image store: resolving what a user typed", () => {
  const store = new ImageStore();
  const { copyA, label, copyB } = buildSmall(store);
  store.tag(ref("busybox"), copyA.id);
  const digest = `sha256:${"4".repeat(64)}`;
  store.addDigestReference(ref(`localhost:5000/mini@${digest}`), label.id);
  const hex = (id: Digest) => id.slice(7);

  it("finds full IDs, 64-hex IDs, references and ID prefixes", () => {
    assert.equal(store.resolve(copyB.id).id, copyB.id);
    assert.equal(store.resolve(hex(copyB.id)).id, copyB.id);
    assert.equal(store.resolve("busybox").id, copyA.id);
    assert.equal(store.resolve("docker.io/library/busybox:latest").id, copyA.id);
    assert.equal(store.resolve(`localhost:5000/mini@${digest}`).id, label.id);
    assert.equal(store.resolve(`localhost:5000/mini:whatever@${digest}`).id, label.id);
    assert.equal(store.resolve(hex(copyB.id).slice(0, 12)).id, copyB.id);
    assert.equal(store.resolve(`sha256:${hex(label.id).slice(0, 5)}`).id, label.id);
  });

  it("lets a tag win over an ID prefix it spells", () => {
    const prefix = hex(copyB.id).slice(0, 6);
    store.tag(ref(prefix), copyA.id);
    assert.equal(store.resolve(prefix).id, copyA.id);
    store.untag(ref(prefix));
  });

  it("reports unknown names, IDs and ambiguous prefixes with dockerd's text", () => {
    assert.throws(() => store.resolve("nosuch"), notFound("No such image: nosuch:latest"));
    assert.throws(() => store.resolve("nosuch:1"), notFound("No such image: nosuch:1"));
    assert.throws(
      () => store.resolve(`sha256:${"0".repeat(64)}`),
      notFound(`No such image: sha256:${"0".repeat(64)}`),
    );
    assert.throws(
      () => store.resolve("0".repeat(64)),
      notFound(`No such image: sha256:${"0".repeat(64)}`),
    );
    assert.throws(
      () => store.resolve(`${"0".repeat(65)}`),
      notFound(`No such image: ${"0".repeat(65)}:latest`),
    );
    assert.throws(() => store.resolve("sha256:zz"), notFound("No such image: sha256:zz"));
    assert.throws(() => store.resolve("sha256:"), InvalidReferenceError);
  });

  it("treats an ambiguous prefix as not found, as dockerd 20.10 does", () => {
    const crowd = new ImageStore();
    const seen = new Map<string, Image>();
    let pair: [Image, Image] | undefined;
    for (let index = 0; pair === undefined; index++) {
      const image = scratchImage({ createdUs: T0 + index });
      crowd.add(image);
      const first = hex(image.id)[0]!;
      const other = seen.get(first);
      if (other === undefined) seen.set(first, image);
      else pair = [other, image];
    }
    const prefix = hex(pair[0].id)[0]!;
    assert.throws(
      () => crowd.resolve(prefix),
      (error: unknown) =>
        error instanceof ImageNotFoundError &&
        error.message === `No such image: ${prefix}:latest` &&
        error.data.ambiguous === true &&
        (error.data.candidates as string[]).length === 2,
    );
    assert.equal(crowd.resolve(hex(pair[0].id).slice(0, 10)).id, pair[0].id);
    assert.throws(() => store.resolve("UPPER"), InvalidReferenceError);
  });
});

describe("image store: persistence", () => {
  it("round-trips through JSON", () => {
    const store = new ImageStore();
    const { copyB } = buildSmall(store);
    store.tag(ref("small:1"), copyB.id, { timeUs: T0 });
    store.addDigestReference(ref(`localhost:5000/small@sha256:${"5".repeat(64)}`), copyB.id);
    const blob = {
      mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip",
      digest: LOWER,
      sizeBytes: 9,
    };
    assert.equal(
      store.recordCompressedLayers(copyB.id, [blob, undefined]).layers[0]?.compressed,
      blob,
    );
    assert.equal(
      store.recordCompressedLayers(copyB.id, [undefined, undefined]).layers[0]?.compressed,
      blob,
    );
    const json = JSON.parse(JSON.stringify(store.toJSON()));
    const copy = ImageStore.fromJSON(json);
    assert.deepEqual(copy.toJSON(), store.toJSON());
    assert.equal(copy.resolve("small:1").id, copyB.id);
    assert.equal(copy.lastTagTimeUs(copyB.id), T0);
    assert.deepEqual(copy.get(copyB.id).layers[0]?.compressed, blob);
    assert.deepEqual(
      copy.delete(copyB.id).releasedChainIds,
      store.delete(copyB.id).releasedChainIds,
    );
  });

  it("refuses damaged state as DataLoss", () => {
    const store = new ImageStore();
    buildSmall(store);
    const json = store.toJSON();
    const dataLoss = (error: unknown) => hasErrorCode(error, "DataLoss");
    const tampered = {
      ...json,
      images: json.images.map((entry, index) =>
        index === 0 ? { ...entry, config: `${entry.config} ` } : entry,
      ),
    };
    assert.throws(() => ImageStore.fromJSON(tampered), dataLoss);
    assert.throws(() => ImageStore.fromJSON({ ...json, images: json.images.slice(1) }), dataLoss);
    assert.throws(
      () =>
        ImageStore.fromJSON({
          ...json,
          layers: json.layers.map((layer) => ({ ...layer, references: 1 })),
        }),
      dataLoss,
    );
    assert.throws(() => ImageStore.fromJSON({ ...json, version: 2 }), dataLoss);
  });
});
