import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { HealthConfig } from "../../../src/engine/api-types.ts";
import { createTestDaemon, runContainer, type TestDaemon } from "./daemon-fixture.ts";

const S = 1_000_000_000;

function withHealth(test: string[], config: Omit<HealthConfig, "Test"> = {}) {
  return { Healthcheck: { Test: test, ...config } };
}

async function health(t: TestDaemon, id: string) {
  return (await t.run(() => t.daemon.containerInspect(id))).State.Health;
}

async function actions(t: TestDaemon): Promise<string[]> {
  const seen: string[] = [];
  const until = String(Math.ceil(t.loop.clock.nowUs() / 1e6) + 1);
  await t.run(async () => {
    for await (const event of t.daemon.events({ since: "0", until }))
      if (event.Type === "container") seen.push(event.Action);
  });
  return seen;
}

/** Seconds of the log's Start/End after the container started. */
function offsets(startedAt: string, log: readonly { Start: string; End: string }[]): string[] {
  const base = Date.parse(startedAt);
  return log.map(
    (probe) =>
      `${(Date.parse(probe.Start) - base) / 1000}-${(Date.parse(probe.End) - base) / 1000}`,
  );
}

describe("healthchecks (dockerd 20.10's monitor)", () => {
  it("starts as `starting`, probes after each interval, and turns healthy with a log entry", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["sleep", "100"],
      ...withHealth(["CMD-SHELL", "echo ok"], { Interval: 5 * S }),
    });
    assert.deepEqual(await health(t, id), { Status: "starting", FailingStreak: 0, Log: [] });
    const [row] = await t.run(() => t.daemon.containerList());
    assert.equal(row?.Status, "Up Less than a second (health: starting)");
    await t.advance(4.9);
    assert.equal((await health(t, id))?.Status, "starting");
    await t.advance(0.2);
    const after = await health(t, id);
    assert.equal(after?.Status, "healthy");
    assert.equal(after?.Log.length, 1);
    assert.deepEqual([after?.Log[0]?.ExitCode, after?.Log[0]?.Output], [0, "ok\n"]);
    const inspect = await t.run(() => t.daemon.containerInspect(id));
    assert.deepEqual(offsets(inspect.State.StartedAt, after?.Log ?? []), ["5-5"]);
    // The probe's exec is gone from the container once it ended.
    assert.equal(inspect.ExecIDs, null);
    assert.deepEqual((await actions(t)).slice(2), [
      "exec_create: /bin/sh -c echo ok",
      "exec_start: /bin/sh -c echo ok",
      "exec_die",
      "health_status: healthy",
    ]);
    const [healthy] = await t.run(() => t.daemon.containerList());
    assert.match(healthy?.Status ?? "", /^Up \d+ seconds \(healthy\)$/);
    // Later probes keep the status (no new event) and the log holds the last five.
    await t.advance(60);
    const later = await health(t, id);
    assert.equal(later?.Log.length, 5);
    assert.equal((await actions(t)).filter((a) => a.startsWith("health_status")).length, 1);
  });

  it("counts failures to `retries` (default 3), then unhealthy; a success resets the streak", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["sh", "-c", "sleep 4; echo up > /ready; sleep 100"],
      ...withHealth(["CMD-SHELL", "cat /ready"], { Interval: 1 * S }),
    });
    await t.advance(2.5);
    assert.deepEqual(
      [(await health(t, id))?.Status, (await health(t, id))?.FailingStreak],
      ["starting", 2],
    );
    await t.advance(1);
    const unhealthy = await health(t, id);
    assert.deepEqual([unhealthy?.Status, unhealthy?.FailingStreak], ["unhealthy", 3]);
    assert.equal(unhealthy?.Log[0]?.ExitCode, 1);
    assert.match(unhealthy?.Log[0]?.Output ?? "", /ready/);
    await t.advance(1.1);
    assert.deepEqual(
      [(await health(t, id))?.Status, (await health(t, id))?.FailingStreak],
      ["healthy", 0],
    );
    const statuses = (await actions(t)).filter((a) => a.startsWith("health_status"));
    assert.deepEqual(statuses, ["health_status: unhealthy", "health_status: healthy"]);
    const filtered = async (value: string) =>
      (await t.run(() => t.daemon.containerList({ filters: { health: [value] } }))).length;
    assert.deepEqual(
      [await filtered("healthy"), await filtered("none"), await filtered("starting")],
      [1, 0, 0],
    );
  });

  it("does not count failures inside the start period while starting", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["sleep", "100"],
      ...withHealth(["CMD-SHELL", "exit 1"], { Interval: 1 * S, StartPeriod: 3 * S, Retries: 1 }),
    });
    await t.advance(2.5);
    const early = await health(t, id);
    assert.deepEqual([early?.Status, early?.FailingStreak, early?.Log.length], ["starting", 0, 2]);
    await t.advance(1);
    const late = await health(t, id);
    assert.deepEqual([late?.Status, late?.FailingStreak], ["unhealthy", 1]);
  });

  it("ends a probe at the timeout with exit -1 and waits the interval after it", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["sleep", "100"],
      ...withHealth(["CMD", "sleep", "10"], { Interval: 1 * S, Timeout: 2 * S, Retries: 5 }),
    });
    await t.advance(6.5);
    const state = await health(t, id);
    const inspect = await t.run(() => t.daemon.containerInspect(id));
    assert.deepEqual(offsets(inspect.State.StartedAt, state?.Log ?? []), ["1-3", "4-6"]);
    assert.deepEqual(
      [state?.Log[0]?.ExitCode, state?.Log[0]?.Output],
      [-1, "Health check exceeded timeout (2s)"],
    );
    assert.equal((await actions(t)).filter((a) => a.startsWith("exec_create")).length, 3);
    assert.ok((await actions(t)).includes("exec_create: sleep 10"));
  });

  it("stops with the container or a pause (unhealthy) and starts again as `starting`", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["sleep", "100"],
      ...withHealth(["CMD-SHELL", "true"], { Interval: 1 * S }),
    });
    await t.advance(1.5);
    assert.equal((await health(t, id))?.Status, "healthy");
    await t.run(() => t.daemon.containerPause(id));
    assert.equal((await health(t, id))?.Status, "unhealthy");
    await t.advance(5);
    assert.equal((await health(t, id))?.Log.length, 1, "no probes while paused");
    await t.run(() => t.daemon.containerUnpause(id));
    await t.advance(1.5);
    assert.deepEqual(
      [(await health(t, id))?.Status, (await health(t, id))?.Log.length],
      ["healthy", 2],
    );
    await t.run(() => t.daemon.containerKill(id));
    assert.equal((await health(t, id))?.Status, "unhealthy");
    const [row] = await t.run(() => t.daemon.containerList({ all: true }));
    assert.match(row?.Status ?? "", /^Exited \(137\)/);
    await t.run(() => t.daemon.containerStart(id));
    const restarted = await health(t, id);
    assert.deepEqual(
      [restarted?.Status, restarted?.FailingStreak, restarted?.Log.length],
      ["starting", 0, 2],
    );
  });

  it("has no Health without a runnable test (none, NONE, unknown type)", async () => {
    const t = await createTestDaemon();
    for (const test of [undefined, ["NONE"], ["BOGUS", "x"]]) {
      const id = await runContainer(t, {
        cmd: ["sleep", "100"],
        ...(test === undefined ? {} : withHealth(test, { Interval: 1 * S })),
      });
      await t.advance(2);
      assert.equal(await health(t, id), undefined);
    }
    const none = await t.run(() => t.daemon.containerList({ filters: { health: ["none"] } }));
    assert.equal(none.length, 3);
  });

  it("keeps the first 4096 bytes of a probe's output and marks the cut", async () => {
    const t = await createTestDaemon();
    const long = "x".repeat(5000);
    const id = await runContainer(t, {
      cmd: ["sleep", "100"],
      ...withHealth(["CMD", "echo", long], { Interval: 1 * S }),
    });
    await t.advance(1.5);
    const output = (await health(t, id))?.Log[0]?.Output ?? "";
    assert.equal(output, `${"x".repeat(4096)}...`);
  });
});
