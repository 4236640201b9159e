import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BlobPool } from "../../../src/content/blob-pool.ts";
import { digestOf } from "../../../src/digest/digest.ts";
import { AssertionError } from "../../../src/errors/assert.ts";
import { isLimitExceeded } from "../../../src/errors/drydock-error.ts";

describe("blob pool", () => {
  const bytes = new TextEncoder().encode("layer");
  const digest = digestOf(bytes);

  it("loads bytes only for the first reference and drops them with the last", () => {
    const pool = new BlobPool();
    let loads = 0;
    const load = () => {
      loads++;
      return bytes;
    };
    pool.retain(digest, load);
    pool.retain(digest, load);
    assert.equal(loads, 1);
    assert.equal(pool.references(digest), 2);
    assert.equal(pool.release(digest), false);
    assert.equal(pool.release(digest), true);
    assert.equal(pool.has(digest), false);
    assert.throws(() => pool.release(digest), AssertionError);
  });

  it("refuses a blob that would exceed its size limit and stays unchanged", () => {
    const pool = new BlobPool({ sizeBytesMax: 3 });
    assert.throws(() => pool.retain(digest, () => bytes), isLimitExceeded);
    assert.deepEqual(pool.stats(), { blobCount: 0, totalSizeBytes: 0, referenceCount: 0 });
  });

  it("corrupts only blobs it holds", () => {
    const pool = new BlobPool();
    assert.throws(() => pool.injectCorruption(digest, () => {}), AssertionError);
    pool.retain(digest, () => bytes.slice());
    pool.injectCorruption(digest, (held) => held.fill(0));
    assert.deepEqual(pool.bytesOf(digest), new Uint8Array(5));
  });
});
