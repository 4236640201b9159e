import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DirStateStore } from "../../../src/node/dir-state-store.ts";
import { observe, open, populate, settle } from "../daemon/persistence-fixture.ts";

describe("DirStateStore", () => {
  it("keeps the previous state when a save dies before its manifest is written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drydock-state-"));
    try {
      const store = new DirStateStore({ dir });
      const host = await open(store);
      await host.run(populate);
      await host.close();
      const before = await store.load();
      writeFileSync(
        join(dir, "blobs", "sha256", "f".repeat(64)),
        "partial blob of a save that crashed",
      );
      writeFileSync(join(dir, "state.json.tmp-1-0"), "{ half written");
      const after = await store.load();
      assert.deepEqual(after?.manifest, before?.manifest);
      const again = await open(store);
      assert.equal((await again.run(observe)).volumes.length, 1);
      await again.close();
      assert.ok(
        !readdirSync(join(dir, "blobs", "sha256")).includes("f".repeat(64)),
        "unreferenced blobs are collected",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("verifies blobs when it loads them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drydock-state-"));
    try {
      const store = new DirStateStore({ dir });
      const host = await open(store);
      await host.run(populate);
      await host.run(settle);
      await host.close();
      const [blob] = readdirSync(join(dir, "blobs", "sha256"));
      writeFileSync(join(dir, "blobs", "sha256", blob!), "flipped bits");
      await assert.rejects(store.load(), /digest mismatch/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
