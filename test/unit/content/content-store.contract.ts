import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BlobCommitError } from "../../../src/content/blob-commit-error.ts";
import type { BlobInfo, ContentLimits, ContentStore } from "../../../src/content/content-store.ts";
import { writeBlob } from "../../../src/content/write-blob.ts";
import { type Digest, DigestMismatchError, digestOf } from "../../../src/digest/digest.ts";
import { hasErrorCode, isLimitExceeded, isNotFound } from "../../../src/errors/drydock-error.ts";

/** What an implementation gives the contract: a fresh store, and a way to damage stored bytes. */
export interface ContentStoreHarness {
  readonly store: ContentStore;
  /** Flips stored bytes of a committed blob behind the store's back (fault injection). */
  readonly corrupt: (digest: Digest) => void;
}

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

async function listing(store: ContentStore): Promise<BlobInfo[]> {
  const out: BlobInfo[] = [];
  await store.walk((info) => {
    out.push(info);
  });
  return out;
}

async function assertEmpty(store: ContentStore): Promise<void> {
  assert.deepEqual(await listing(store), []);
  assert.deepEqual(await store.ingests(), []);
}

/**
 * The behaviour every `ContentStore` must have. Each implementation calls this with a factory;
 * the factory receives limits to apply (or none for the defaults).
 */
export function describeContentStore(
  name: string,
  makeStore: (
    limits?: Partial<ContentLimits>,
  ) => ContentStoreHarness | Promise<ContentStoreHarness>,
): void {
  describe(`content store contract: ${name}`, () => {
    it("writes in chunks, commits, and reads back verified copies", async () => {
      const { store } = await makeStore();
      const writer = await store.writer({ ref: "upload-1" });
      const chunk = bytesOf("hello ");
      await writer.write(chunk);
      chunk.fill(0);
      await writer.write(bytesOf("world"));
      assert.equal(writer.offsetBytes, 11);
      const digest = digestOf(bytesOf("hello world"));
      assert.equal(await store.has(digest), false, "invisible before commit");
      assert.deepEqual(await writer.commit({ expectedDigest: digest, expectedSizeBytes: 11 }), {
        digest,
        sizeBytes: 11,
      });
      assert.deepEqual(await store.read(digest), bytesOf("hello world"));
      assert.deepEqual(await store.info(digest), { digest, sizeBytes: 11 });
      const copy = await store.read(digest);
      copy.fill(1);
      assert.deepEqual(await store.read(digest), bytesOf("hello world"), "reads are copies");
      assert.deepEqual(
        await store.read(digest, { offsetBytes: 6, lengthBytes: 3 }),
        bytesOf("wor"),
      );
      assert.deepEqual(await store.read(digest, { offsetBytes: 6 }), bytesOf("world"));
      await assert.rejects(store.read(digest, { offsetBytes: 5, lengthBytes: 10 }), (error) =>
        hasErrorCode(error, "InvalidArgument"),
      );
      assert.deepEqual(await store.ingests(), []);
    });

    it("rejects a wrong digest and leaves the store unchanged", async () => {
      const { store } = await makeStore();
      const writer = await store.writer({ ref: "bad" });
      await writer.write(bytesOf("actual"));
      await assert.rejects(
        writer.commit({ expectedDigest: digestOf(bytesOf("announced")) }),
        (error) => {
          return (
            error instanceof BlobCommitError &&
            error.reason === "digest" &&
            hasErrorCode(error, "FailedPrecondition")
          );
        },
      );
      await assertEmpty(store);
      assert.equal(await store.has(digestOf(bytesOf("actual"))), false);
      await assert.rejects(writer.write(bytesOf("more")), (error) =>
        hasErrorCode(error, "FailedPrecondition"),
      );
    });

    it("rejects a size mismatch", async () => {
      const { store } = await makeStore();
      await assert.rejects(
        (async () => {
          const writer = await store.writer();
          await writer.write(bytesOf("four"));
          await writer.commit({ expectedSizeBytes: 5 });
        })(),
        (error) =>
          error instanceof BlobCommitError &&
          error.message === "unexpected commit size 4, expected 5: failed precondition",
      );
      await assertEmpty(store);
    });

    it("leaves nothing behind after an abort", async () => {
      const { store } = await makeStore();
      const writer = await store.writer({ ref: "gone" });
      await writer.write(bytesOf("data"));
      assert.deepEqual(await store.ingests(), [{ ref: "gone", offsetBytes: 4 }]);
      await writer.abort();
      await writer.abort();
      await assertEmpty(store);
      await assert.rejects(writer.commit(), (error) => hasErrorCode(error, "FailedPrecondition"));
      const again = await store.writer({ ref: "gone" });
      await again.abort();
    });

    it("detects corrupted bytes on read", async () => {
      const { store, corrupt } = await makeStore();
      const info = await writeBlob(store, bytesOf("precious"));
      corrupt(info.digest);
      await assert.rejects(
        store.read(info.digest),
        (error) => error instanceof DigestMismatchError && hasErrorCode(error, "DataLoss"),
      );
    });

    it("ingests the same content twice concurrently into one blob; a ref is held by one writer", async () => {
      const { store } = await makeStore();
      const [first, second] = await Promise.all([
        store.writer({ ref: "a" }),
        store.writer({ ref: "b" }),
      ]);
      await assert.rejects(store.writer({ ref: "a" }), (error) =>
        hasErrorCode(error, "Unavailable"),
      );
      await Promise.all([first.write(bytesOf("same")), second.write(bytesOf("sa"))]);
      await second.write(bytesOf("me"));
      const digest = digestOf(bytesOf("same"));
      const infos = await Promise.all([
        first.commit({ expectedDigest: digest }),
        second.commit({ expectedDigest: digest }),
      ]);
      assert.deepEqual(infos[0], infos[1]);
      assert.deepEqual(await listing(store), [{ digest, sizeBytes: 4 }]);
      assert.deepEqual(await store.ingests(), []);
    });

    it("walks in digest order and deletes", async () => {
      const { store } = await makeStore();
      const digests: Digest[] = [];
      for (const text of ["one", "two", "three", "four"])
        digests.push((await writeBlob(store, bytesOf(text))).digest);
      assert.deepEqual(
        (await listing(store)).map((info) => info.digest),
        [...digests].sort(),
      );
      await store.delete(digests[0]!);
      assert.equal(await store.has(digests[0]!), false);
      await assert.rejects(store.read(digests[0]!), isNotFound);
      await assert.rejects(
        store.info(digests[0]!),
        (error) => (error as Error).message === `content digest ${digests[0]}: not found`,
      );
      await assert.rejects(store.delete(digests[0]!), isNotFound);
      assert.equal((await listing(store)).length, 3);
    });

    it("stores the empty blob", async () => {
      const { store } = await makeStore();
      const info = await writeBlob(store, new Uint8Array(0));
      assert.equal(
        info.digest,
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      );
      assert.deepEqual(await store.read(info.digest), new Uint8Array(0));
    });

    it("enforces its limits and stays unchanged when it does", async () => {
      const { store } = await makeStore({
        blobSizeBytesMax: 8,
        activeIngestCountMax: 2,
        blobCountMax: 1,
      });
      const writer = await store.writer();
      await writer.write(bytesOf("12345"));
      await assert.rejects(writer.write(bytesOf("6789")), isLimitExceeded);
      await assertEmpty(store);
      const open = [await store.writer(), await store.writer()];
      await assert.rejects(store.writer(), isLimitExceeded);
      for (const item of open) await item.abort();
      await writeBlob(store, bytesOf("first"));
      await assert.rejects(writeBlob(store, bytesOf("second")), isLimitExceeded);
      assert.equal((await listing(store)).length, 1);
      assert.deepEqual(await store.ingests(), []);
    });
  });
}
