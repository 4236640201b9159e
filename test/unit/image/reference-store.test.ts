import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Digest, digestOf } from "../../../src/digest/digest.ts";
import { hasErrorCode, isLimitExceeded } from "../../../src/errors/drydock-error.ts";
import { familiarString, parseNormalizedNamed } from "../../../src/image/reference.ts";
import { ReferenceStore } from "../../../src/image/reference-store.ts";

const id = (label: string): Digest => digestOf(new TextEncoder().encode(label));
const ref = (text: string) => parseNormalizedNamed(text);
const DIGEST = `sha256:${"2".repeat(64)}`;

describe("reference store", () => {
  it("stores tags with the default tag and looks them up either way", () => {
    const store = new ReferenceStore();
    assert.equal(familiarString(store.addTag(ref("busybox"), id("a"))), "busybox:latest");
    assert.equal(store.get(ref("busybox")), id("a"));
    assert.equal(store.get(ref("docker.io/library/busybox:latest")), id("a"));
    assert.equal(store.get(ref("busybox:1")), undefined);
  });

  it("refuses to move a tag without force, and a digest ever", () => {
    const store = new ReferenceStore();
    store.addTag(ref("app:1"), id("a"));
    store.addTag(ref("app:1"), id("a"));
    assert.throws(
      () => store.addTag(ref("app:1"), id("b")),
      (error: unknown) =>
        hasErrorCode(error, "Conflict") &&
        (error as Error).message ===
          `Conflict: Tag app:1 is already set to image ${id("a")}, if you want to replace it, please use -f option`,
    );
    store.addTag(ref("app:1"), id("b"), { force: true });
    assert.deepEqual(store.referencesOf(id("a")), []);
    store.addDigest(ref(`app@${DIGEST}`), id("b"));
    assert.throws(
      () => store.addDigest(ref(`app@${DIGEST}`), id("a")),
      (error: unknown) =>
        hasErrorCode(error, "Conflict") &&
        (error as Error).message === `Cannot overwrite digest ${DIGEST}`,
    );
  });

  it("keeps a digest reference without its tag and finds tag+digest by digest", () => {
    const store = new ReferenceStore();
    const stored = store.addDigest(ref(`localhost:5000/mini:1@${DIGEST}`), id("a"));
    assert.equal(familiarString(stored), `localhost:5000/mini@${DIGEST}`);
    assert.equal(store.get(ref(`localhost:5000/mini:other@${DIGEST}`)), id("a"));
    assert.equal(store.delete(ref(`localhost:5000/mini@${DIGEST}`)), id("a"));
    assert.equal(store.size, 0);
  });

  it("lists sorted by full reference and enforces its limit", () => {
    const store = new ReferenceStore({ referenceCountMax: 3 });
    for (const name of ["b", "localhost/a", "a"]) store.addTag(ref(name), id("x"));
    assert.deepEqual(
      store.list().map((entry) => familiarString(entry.reference)),
      ["a:latest", "b:latest", "localhost/a:latest"],
    );
    assert.throws(() => store.addTag(ref("c"), id("x")), isLimitExceeded);
    store.addTag(ref("a"), id("y"), { force: true });
    assert.equal(store.size, 3);
  });
});
