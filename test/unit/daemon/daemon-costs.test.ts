import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DEFAULT_DAEMON_COSTS,
  layerExtractUs,
  NO_DAEMON_COSTS,
} from "../../../src/daemon/daemon-costs.ts";
import { createTestDaemon, runContainer } from "./daemon-fixture.ts";

test("a pulled layer takes its fixed extract time plus its bytes at the extract rate", () => {
  assert.equal(layerExtractUs(DEFAULT_DAEMON_COSTS, 0), 55_000);
  // 1.2 MB at 60 MB/s: 20 ms more.
  assert.equal(layerExtractUs(DEFAULT_DAEMON_COSTS, 1_200_000), 75_000);
  assert.equal(layerExtractUs(NO_DAEMON_COSTS, 1_200_000), 0);
});

test("starts, restarts (by hand and by policy) and execs take their calibrated time", async () => {
  const t = await createTestDaemon({ overrides: { costs: DEFAULT_DAEMON_COSTS } });
  const id = await runContainer(t, {
    cmd: ["sh", "-c", "sleep 1; exit 3"],
    hostConfig: { RestartPolicy: { Name: "on-failure", MaximumRetryCount: 1 } },
    start: false,
  });
  const at: Record<string, number> = {};
  const t0 = t.loop.clock.nowUs();
  const since = () => t.loop.clock.nowUs() - t0;
  await t.run(async () => {
    await t.daemon.containerStart(id);
    at.started = since();
    const { Id: exec } = await t.daemon.execCreate(id, { Cmd: ["echo", "hi"], AttachStdout: true });
    const session = await t.daemon.execStart(exec);
    at.execAnswered = since();
    for await (const frame of session.output) if (frame.data.length > 0) at.execOutput ??= since();
    await t.daemon.containerWait(id, { condition: "next-exit" });
    at.firstExit = since();
    await t.daemon.containerWait(id, { condition: "next-exit" });
    at.secondExit = since();
    await t.daemon.containerRestart(id);
    at.restarted = since();
  });
  const start = DEFAULT_DAEMON_COSTS.containerStartUs;
  assert.deepEqual(at, {
    started: start,
    // The exec is answered at once (the hijack head goes first) and runs after runc's start.
    execAnswered: start,
    execOutput: start + DEFAULT_DAEMON_COSTS.execStartUs,
    firstExit: start + 1_000_000,
    // Policy: 100 ms back-off, then a start, then the second run's second.
    secondExit: start + 1_000_000 + 100_000 + start + 1_000_000,
    restarted: start + 1_000_000 + 100_000 + start + 1_000_000 + start,
  });
});
