import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryStateStore } from "../../../src/daemon/memory-state-store.ts";
import type { Engine } from "../../../src/engine/engine.ts";
import { observe, open, populate, settle } from "./persistence-fixture.ts";

describe("persistence", () => {
  it("between commands the world stands still: running containers keep running, IDs continue", async () => {
    const store = new MemoryStateStore();
    let host = await open(store);
    const id = await host.run(populate);
    const before = await host.run(observe);
    await host.close();
    host = await open(store);
    const after = await host.run(observe);
    assert.deepEqual(after, before, "a closed and reopened world looks exactly the same");
    assert.equal(after.ps.find((row) => row[0] !== id)?.[2], "running");
    assert.equal(after.ps.find((row) => row[0] === id)?.[3], "Exited (0) Less than a second ago");
    assert.deepEqual(after.volumes, ["vol"]);
    assert.equal(
      after.logs,
      // The process wrote once started: 110 ms in (DEFAULT_DAEMON_COSTS.containerStartUs).
      "2026-01-01T00:00:00.110000000Z hello\n2026-01-01T00:00:00.110000000Z oops\n",
    );
    assert.deepEqual(after.diff, [{ Path: "/f", Kind: 1 }]);
    const next = await host.run(
      async (engine) => (await engine.containerCreate({ Image: "busybox", Cmd: ["true"] })).Id,
    );
    assert.ok(!after.ps.some((row) => row[0] === next), "a new container never reuses an ID");
    await host.close();
  });

  it("replays to the same world: reopening between commands changes no byte of the state", async () => {
    const work: ((engine: Engine) => Promise<unknown>)[] = [populate, observe, settle];
    const interrupted = new MemoryStateStore();
    for (const step of work) {
      const host = await open(interrupted);
      await host.run(step);
      await host.close();
    }
    const continuous = new MemoryStateStore();
    const host = await open(continuous);
    for (const step of work) await host.run(step);
    await host.close();
    assert.deepEqual((await interrupted.load())?.manifest, (await continuous.load())?.manifest);
  });

  it("restarts the world as dockerd restarts when the journal grows past its limit", async () => {
    const store = new MemoryStateStore();
    let host = await open(store, 5, { entryCountMax: 3 });
    const id = await host.run(populate);
    await host.close();
    assert.match(
      host.notices.join("\n"),
      /world was restarted .* 1 running container\(s\) stopped/,
    );
    host = await open(store);
    const restored = await host.run(observe);
    assert.equal(restored.ps.find((row) => row[0] === id)?.[3], "Exited (0) 10 seconds ago");
    assert.equal(
      restored.ps.find((row) => row[0] !== id)?.[2],
      "running",
      "unless-stopped restarts with the daemon",
    );
    await host.close();
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
        error.code === "DataLoss" && /is damaged/.test(error.message),
    );
  });
});
