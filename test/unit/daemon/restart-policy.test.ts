import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RestartPolicy } from "../../../src/engine/api-types.ts";
import { createTestDaemon, runContainer } from "./daemon-fixture.ts";

const policy = (Name: string, MaximumRetryCount = 0): { RestartPolicy: RestartPolicy } => ({
  RestartPolicy: { Name, MaximumRetryCount },
});

describe("restart policies", () => {
  it("on-failure:2 restarts twice with dockerd's back-off (100 ms, then 200 ms), then stays exited", async () => {
    const t = await createTestDaemon();
    const start = t.loop.clock.nowUs();
    const id = await runContainer(t, {
      cmd: ["sh", "-c", "exit 3"],
      hostConfig: policy("on-failure", 2),
      start: false,
    });
    const states: string[] = [];
    await t.run(async () => {
      const first = t.daemon.containerWait(id, { condition: "next-exit" });
      await t.daemon.containerStart(id);
      await first;
      const inspect = await t.daemon.containerInspect(id);
      states.push(
        `3:${inspect.State.Status}:${inspect.RestartCount}:${t.loop.clock.nowUs() - start}`,
      );
      for (let i = 0; i < 2; i++) {
        const exit = await t.daemon.containerWait(id, { condition: "next-exit" });
        const inspect = await t.daemon.containerInspect(id);
        states.push(
          `${exit.StatusCode}:${inspect.State.Status}:${inspect.RestartCount}:${t.loop.clock.nowUs() - start}`,
        );
      }
    });
    assert.deepEqual(states, ["3:restarting:1:0", "3:restarting:2:100000", "3:exited:2:300000"]);
    const [row] = await t.run(() => t.daemon.containerList({ all: true }));
    assert.equal(row?.Status, "Exited (3) Less than a second ago");
  });

  it("on-failure does not restart after success; always does; stop cancels it", async () => {
    const t = await createTestDaemon();
    const ok = await runContainer(t, { cmd: ["true"], hostConfig: policy("on-failure") });
    const always = await runContainer(t, {
      cmd: ["sh", "-c", "sleep 3"],
      hostConfig: policy("always"),
    });
    await t.advance(5);
    const inspect = (id: string) => t.run(() => t.daemon.containerInspect(id));
    assert.deepEqual(
      [(await inspect(ok)).State.Status, (await inspect(ok)).RestartCount],
      ["exited", 0],
    );
    assert.equal((await inspect(always)).State.Status, "running");
    assert.equal((await inspect(always)).RestartCount, 1);
    await t.run(() => t.daemon.containerStop(always));
    await t.advance(5);
    assert.equal((await inspect(always)).State.Status, "exited");
  });

  it("kill of a restarting container stops it; a manual start resets the count", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["sh", "-c", "sleep 1; exit 1"],
      hostConfig: policy("always"),
    });
    await t.advance(1.05);
    assert.equal((await t.run(() => t.daemon.containerInspect(id))).State.Status, "restarting");
    const list = await t.run(() => t.daemon.containerList());
    assert.match(list[0]?.Status ?? "", /^Restarting \(1\) Less than a second ago$/);
    await t.run(() => t.daemon.containerKill(id));
    const state = await t.run(() => t.daemon.containerInspect(id));
    assert.deepEqual([state.State.Status, state.RestartCount], ["exited", 1]);
    await t.run(() => t.daemon.containerStart(id));
    assert.equal((await t.run(() => t.daemon.containerInspect(id))).RestartCount, 0);
  });

  it("a daemon restart starts always and unless-stopped containers, not those stopped by hand", async () => {
    const t = await createTestDaemon();
    const always = await runContainer(t, { cmd: ["sleep", "100"], hostConfig: policy("always") });
    const unless = await runContainer(t, {
      cmd: ["sleep", "100"],
      hostConfig: policy("unless-stopped"),
    });
    const stopped = await runContainer(t, {
      cmd: ["sleep", "100"],
      hostConfig: policy("unless-stopped"),
    });
    const none = await runContainer(t, { cmd: ["sleep", "100"] });
    await t.run(() => t.daemon.containerStop(stopped, { timeoutSeconds: 0 }));
    await t.run(() => t.daemon.shutdown());
    const codes = await t.run(async () =>
      Promise.all(
        [always, unless, stopped, none].map(
          async (id) => (await t.daemon.containerInspect(id)).State.ExitCode,
        ),
      ),
    );
    assert.deepEqual(codes, [137, 137, 137, 137]);
    assert.deepEqual(t.daemon.boot().sort(), [always, unless].sort());
  });
});
