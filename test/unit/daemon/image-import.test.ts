import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { gzip } from "../../../src/archive/gzip.ts";
import type { JsonMessage } from "../../../src/engine/json-message.ts";
import { createTestDaemon } from "./daemon-fixture.ts";

/** What dockerd 20.10 made of the same tar (test/fixtures/daemon/README.md). */
const TAR = new Uint8Array(
  readFileSync(new URL("../../fixtures/daemon/import-hello.tar", import.meta.url)),
);
const REAL_DIFF_ID = "sha256:4af3abbdcb9321473eae32e6ce3c7ac258673748dfc3df65c3b7e5d48fc84b08";

async function collect(stream: AsyncIterable<JsonMessage>): Promise<JsonMessage[]> {
  const messages: JsonMessage[] = [];
  for await (const message of stream) messages.push(message);
  return messages;
}

describe("docker import", () => {
  it("makes a one-layer image with the tar's digest as diff ID, as dockerd 20.10", async () => {
    const t = await createTestDaemon();
    const messages = await t.run(() => collect(t.daemon.imageImport(TAR, { repo: "imp:1" })));
    assert.equal(messages.length, 1);
    const id = messages[0]!.status!;
    assert.match(id, /^sha256:[0-9a-f]{64}$/);
    const image = await t.run(() => t.daemon.imageInspect("imp:1"));
    assert.equal(image.Id, id);
    assert.deepEqual(image.RootFS.Layers, [REAL_DIFF_ID]);
    assert.equal(image.Comment, "Imported from -");
    assert.deepEqual([image.Config?.Env, image.Config?.Cmd], [null, null]);
    const history = await t.run(() => t.daemon.imageHistory("imp:1"));
    assert.deepEqual(
      history.map((entry) => [entry.CreatedBy, entry.Comment, entry.Size]),
      [["", "Imported from -", 6]],
    );
  });

  it("applies --change and --message, and takes gzip tarballs", async () => {
    const t = await createTestDaemon();
    await t.run(() =>
      collect(
        t.daemon.imageImport(gzip(TAR), {
          repo: "imp",
          tag: "2",
          message: "a msg",
          changes: ['CMD ["sh"]', "ENV A=1"],
        }),
      ),
    );
    const image = await t.run(() => t.daemon.imageInspect("imp:2"));
    assert.deepEqual([image.Config?.Env, image.Config?.Cmd], [["A=1"], ["sh"]]);
    assert.equal(image.Comment, "a msg");
    assert.deepEqual(image.RootFS.Layers, [REAL_DIFF_ID]);
  });

  it("refuses what is not a tar in dockerd's words, storing nothing", async () => {
    const t = await createTestDaemon();
    const before = (await t.run(() => t.daemon.imageList({ all: true }))).length;
    await assert.rejects(
      t.run(() => collect(t.daemon.imageImport(new TextEncoder().encode("garbage\n"), {}))),
      /^.*Error processing tar file\(exit status 1\): unexpected EOF$/,
    );
    assert.equal((await t.run(() => t.daemon.imageList({ all: true }))).length, before);
  });
});
