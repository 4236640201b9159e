import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runDocker } from "../../../src/client/docker-cli.ts";
import { drivenEngine } from "../../../src/client/driven-engine.ts";
import { openMemoryEngine } from "../../../src/daemon/engine-host.ts";
import type { Engine } from "../../../src/engine/engine.ts";
import { bufferIo } from "../client/helpers/buffer-io.ts";

async function docker(engine: Engine, ...argv: string[]) {
  const io = bufferIo();
  const exitCode = await runDocker((work) => work(engine), argv, io.io);
  return { exitCode, stdout: io.stdout(), stderr: io.stderr() };
}

const actions = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((line) => line.split(" ").slice(1, 3).join(" "));

describe("docker events with since/until at the edges of time", () => {
  it("replays kept events for --until alone, as dockerd does", async () => {
    const engine = drivenEngine(await openMemoryEngine({ seed: 1 }));
    await docker(engine, "tag", "busybox", "copy");
    // 2026-01-01T01:00:00Z, an hour after the world's clock starts.
    const result = await docker(engine, "events", "--until", "1767229200");
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(actions(result.stdout), ["image tag"]);
  });

  it("follows a far-future --until (beyond the clock's range) until the world is idle", async () => {
    const host = await openMemoryEngine({ seed: 2 });
    const engine = drivenEngine(host);
    await docker(engine, "run", "-d", "--name", "sl", "busybox", "sleep", "5");
    const before = (await docker(engine, "info", "--format", "{{.SystemTime}}")).stdout;
    const result = await docker(engine, "events", "--until", "1000000000000");
    assert.equal(result.exitCode, 0, result.stderr);
    // The container's sleep ends (its die event comes), then nothing more can happen.
    assert.deepEqual(actions(result.stdout), [
      "container create",
      "network connect",
      "container start",
      "container die",
      "network disconnect",
    ]);
    const after = (await docker(engine, "info", "--format", "{{.SystemTime}}")).stdout;
    assert.match(before, /^2026-01-01T00:00:0/);
    assert.match(after, /^2026-01-01T00:00:0[5-9]/);
  });

  it("refuses timestamps and durations Go cannot hold, as the CLI does", async () => {
    const engine = drivenEngine(await openMemoryEngine({ seed: 3 }));
    for (const value of ["99999999999999999999", "2562048h", "abc"]) {
      const result = await docker(engine, "events", "--until", value);
      assert.deepEqual(
        [result.exitCode, result.stderr],
        [1, `failed to parse value as time or duration: "${value}"\n`],
      );
    }
  });
});
