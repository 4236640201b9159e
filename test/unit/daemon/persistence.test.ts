import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryStateStore } from "../../../src/daemon/memory-state-store.ts";
import { observe, open, populate } from "./persistence-fixture.ts";

describe("persistence", () => {
  it("a restored daemon has the same containers, images, volumes, logs and diffs; IDs continue", async () => {
    const store = new MemoryStateStore();
    let host = await open(store);
    const id = await host.run(populate);
    await host.close();
    const firstSave = await store.load();
    host = await open(store);
    const restored = await host.run(observe);
    assert.equal(restored.ps.find((row) => row[0] === id)?.[3], "Exited (0) 10 seconds ago");
    assert.equal(
      restored.ps.find((row) => row[0] !== id)?.[2],
      "running",
      "unless-stopped restarts with the daemon",
    );
    assert.deepEqual(restored.volumes, ["vol"]);
    assert.equal(
      restored.logs,
      "2026-01-01T00:00:00.000000000Z hello\n2026-01-01T00:00:00.000000000Z oops\n",
    );
    assert.deepEqual(restored.diff, [{ Path: "/f", Kind: 1 }]);
    assert.deepEqual(
      restored.images.map((row) => row[1]),
      [["busybox:latest", "copy:1"]],
    );
    const next = await host.run(
      async (engine) => (await engine.containerCreate({ Image: "busybox", Cmd: ["true"] })).Id,
    );
    assert.ok(!restored.ps.some((row) => row[0] === next), "a new container never reuses an ID");
    await host.close();
    host = await open(store);
    assert.deepEqual((await host.run(observe)).images, restored.images);
    await host.close();
    assert.notDeepEqual(await store.load(), firstSave);
  });

  it("is deterministic: the same commands and seed give the same IDs and state bytes", async () => {
    const states: Uint8Array[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const store = new MemoryStateStore();
      const host = await open(store, 11);
      ids.push(await host.run(populate));
      await host.close();
      states.push((await store.load())!.manifest);
    }
    assert.equal(ids[0], ids[1]);
    assert.deepEqual(states[0], states[1]);
  });

  it("refuses a damaged state with DataLoss instead of starting half a daemon", async () => {
    const store = new MemoryStateStore();
    await store.save({ manifest: new TextEncoder().encode("{not json"), blobs: new Map() });
    await assert.rejects(
      open(store),
      (error: Error & { code?: string }) =>
        error.code === "DataLoss" && /daemon state is damaged/.test(error.message),
    );
  });
});
