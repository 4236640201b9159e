import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type EngineApiDaemon, startEngineApiDaemon } from "../../../src/node/engine-api-daemon.ts";

function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const poll = () => {
      if (condition()) resolve(true);
      else if (Date.now() > deadline) resolve(false);
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe("EngineApiCheckpoint: the daemon saves its world at rest", () => {
  let dir: string;
  let daemon: EngineApiDaemon;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "drydock-checkpoint-"));
    daemon = await startEngineApiDaemon({
      address: { kind: "unix", path: join(dir, "d.sock") },
      dataRoot: join(dir, "root"),
      checkpoint: { quietMs: 100, checkEveryMs: 20 },
    });
  });
  after(async () => {
    await daemon.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("does not save while a container runs, then saves and keeps serving the same world", async () => {
    const first = daemon.served;
    await daemon.pacer.call(async (engine) => {
      await engine.imageTag("busybox", { repo: "kept", tag: "1" });
      await engine.containerCreate(
        { Image: "busybox", Cmd: ["cat"], OpenStdin: true },
        { name: "reader" },
      );
      await engine.containerStart("reader");
    });
    assert.equal(
      await until(() => daemon.served !== first, 400),
      false,
      "saved with a container running",
    );
    await daemon.pacer.call((engine) => engine.containerKill("reader"));
    assert.ok(await until(() => daemon.served !== first, 3000), "saved at rest");
    assert.ok(existsSync(join(dir, "root", "daemon", "state.json")));
    const tags = await daemon.pacer.call(
      async (engine) => (await engine.imageInspect("kept:1")).RepoTags,
    );
    assert.deepEqual(tags, ["busybox:latest", "kept:1"]);
    const state = await daemon.pacer.call(
      async (engine) => (await engine.containerInspect("reader")).State.Status,
    );
    assert.equal(state, "exited");
  });
});
