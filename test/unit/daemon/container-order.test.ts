import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryStateStore } from "../../../src/daemon/memory-state-store.ts";
import { open } from "./persistence-fixture.ts";

describe("container listing order", () => {
  it("lists containers made at one simulated instant newest first, also after a reopen", async () => {
    const store = new MemoryStateStore();
    const names = ["a1", "b2", "c3", "d4", "e5"];
    for (const name of names) {
      // One command each: time stands still between commands, so all share one instant.
      const host = await open(store);
      await host.run((engine) =>
        engine.containerCreate({ Image: "busybox", Cmd: ["true"] }, { name }),
      );
      await host.close();
    }
    const host = await open(store);
    const listed = await host.run((engine) => engine.containerList({ all: true }));
    assert.deepEqual(
      listed.map((row) => row.Names[0]),
      names.map((name) => `/${name}`).reverse(),
    );
    assert.equal(new Set(listed.map((row) => row.Created)).size, 1, "all made at one instant");
    await host.close();
  });
});
