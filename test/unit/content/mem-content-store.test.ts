import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BlobPool } from "../../../src/content/blob-pool.ts";
import { MemContentStore } from "../../../src/content/mem-content-store.ts";
import { writeBlob } from "../../../src/content/write-blob.ts";
import { type Digest, DigestMismatchError } from "../../../src/digest/digest.ts";
import { type ContentStoreHarness, describeContentStore } from "./content-store.contract.ts";

function harness(store: MemContentStore): ContentStoreHarness {
  return {
    store,
    corrupt: (digest: Digest) =>
      store.pool.injectCorruption(digest, (bytes) => {
        bytes[0] = (bytes[0] ?? 0) ^ 0xff;
      }),
  };
}

describeContentStore("MemContentStore with its own pool", (limits) =>
  harness(new MemContentStore({ limits })),
);

describeContentStore("MemContentStore on a pool shared with other stores", async (limits) => {
  const pool = new BlobPool();
  const neighbour = new MemContentStore({ pool });
  for (const text of ["same", "one", "precious"])
    await writeBlob(neighbour, new TextEncoder().encode(text));
  return harness(new MemContentStore({ pool, limits }));
});

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("blob pool sharing", () => {
  it("holds one copy for many hosts and drops it when the last host lets go", async () => {
    const pool = new BlobPool();
    const hosts = Array.from({ length: 100 }, () => new MemContentStore({ pool }));
    const layer = new Uint8Array(64 * 1024).fill(7);
    const infos = await Promise.all(hosts.map((host) => writeBlob(host, layer)));
    const digest = infos[0]!.digest;
    assert.deepEqual(pool.stats(), {
      blobCount: 1,
      totalSizeBytes: layer.length,
      referenceCount: 100,
    });
    await hosts[0]!.delete(digest);
    assert.equal(pool.references(digest), 99);
    assert.deepEqual(await hosts[1]!.read(digest), layer);
    for (const host of hosts.slice(1)) await host.delete(digest);
    assert.deepEqual(pool.stats(), { blobCount: 0, totalSizeBytes: 0, referenceCount: 0 });
  });

  it("shows one host's corruption to every host holding the blob", async () => {
    const pool = new BlobPool();
    const [a, b] = [new MemContentStore({ pool }), new MemContentStore({ pool })];
    const { digest } = await writeBlob(a, bytesOf("shared"));
    await writeBlob(b, bytesOf("shared"));
    pool.injectCorruption(digest, (bytes) => bytes.fill(0));
    await assert.rejects(a.read(digest), DigestMismatchError);
    await assert.rejects(b.read(digest), DigestMismatchError);
  });

  it("releases everything when a host is disposed", async () => {
    const pool = new BlobPool();
    const [a, b] = [new MemContentStore({ pool }), new MemContentStore({ pool })];
    await writeBlob(a, bytesOf("one"));
    await writeBlob(a, bytesOf("two"));
    await writeBlob(b, bytesOf("two"));
    await a.writer({ ref: "pending" });
    a.dispose();
    assert.deepEqual(pool.stats(), { blobCount: 1, totalSizeBytes: 3, referenceCount: 1 });
    assert.deepEqual(await a.ingests(), []);
  });

  it("enforces the pool's size limit without registering the blob", async () => {
    const pool = new BlobPool({ sizeBytesMax: 4 });
    const store = new MemContentStore({ pool });
    await assert.rejects(
      writeBlob(store, bytesOf("too big")),
      /blob pool size in bytes exceeds the limit of 4/,
    );
    assert.equal(pool.stats().blobCount, 0);
    assert.deepEqual(await store.ingests(), []);
  });

  it("can skip read verification for benchmarks", async () => {
    const store = new MemContentStore({ verifyOnRead: false });
    const { digest } = await writeBlob(store, bytesOf("fast"));
    store.pool.injectCorruption(digest, (bytes) => bytes.fill(0));
    assert.deepEqual(await store.read(digest), new Uint8Array(4));
  });
});
