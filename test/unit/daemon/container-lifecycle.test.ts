import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTestDaemon, expectDockerError, runContainer } from "./daemon-fixture.ts";
import { recordedMessage, recordedStatus } from "./recorded.ts";

const recorded = (name: string, values: Record<string, string> = {}) => ({
  message: recordedMessage(name, values),
  status: recordedStatus(name),
});

describe("container lifecycle", () => {
  it("refuses illegal transitions of a created container with dockerd's words", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, { cmd: ["sleep", "300"], name: "dd-c1", start: false });
    const d = t.daemon;
    await expectDockerError(
      t,
      () => d.containerKill("dd-c1"),
      recorded("kill-created", { name: "dd-c1", id }),
    );
    await expectDockerError(t, () => d.containerPause("dd-c1"), recorded("pause-created", { id }));
    await expectDockerError(
      t,
      () => d.containerUnpause("dd-c1"),
      recorded("unpause-created", { id }),
    );
    await expectDockerError(t, () => d.containerTop("dd-c1"), recorded("top-stopped", { id }));
    await expectDockerError(
      t,
      () => d.containerResize("dd-c1", { height: 10, width: 10 }),
      recorded("resize-stopped", { id }),
    );
    await expectDockerError(
      t,
      () => d.execCreate("dd-c1", { Cmd: ["echo"] }),
      recorded("exec-stopped", { id }),
    );
    await t.run(() => d.containerStop("dd-c1"));
    assert.equal((await t.run(() => d.containerInspect("dd-c1"))).State.Status, "created");
  });

  it("refuses what a paused container cannot do, and kills it with SIGKILL", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, { cmd: ["sleep", "300"], name: "dd-p1" });
    const d = t.daemon;
    await t.run(() => d.containerPause("dd-p1"));
    await expectDockerError(t, () => d.containerPause("dd-p1"), recorded("pause-paused", { id }));
    await expectDockerError(t, () => d.containerStart("dd-p1"), recorded("start-paused"));
    await expectDockerError(
      t,
      () => d.execCreate("dd-p1", { Cmd: ["echo"] }),
      recorded("exec-paused", { name: "dd-p1" }),
    );
    await expectDockerError(t, () => d.containerRemove("dd-p1"), {
      message: `You cannot remove a paused container ${id}. Unpause and then stop the container before attempting removal or force remove`,
      status: 409,
    });
    assert.equal(
      (await t.run(() => d.containerList()))[0]?.Status,
      "Up Less than a second (Paused)",
    );
    await t.run(() => d.containerKill("dd-p1"));
    const state = (await t.run(() => d.containerInspect(id))).State;
    assert.deepEqual([state.Status, state.ExitCode, state.Paused], ["exited", 137, false]);
  });

  it("stops with the stop signal, then SIGKILL after the timeout: PID 1 ignores SIGTERM", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, { cmd: ["sleep", "300"] });
    const before = t.loop.clock.nowUs();
    await t.run(() => t.daemon.containerStop(id, { timeoutSeconds: 2 }));
    assert.equal(t.loop.clock.nowUs() - before, 2_000_000);
    const state = (await t.run(() => t.daemon.containerInspect(id))).State;
    assert.deepEqual([state.Status, state.ExitCode], ["exited", 137]);
    await t.run(() => t.daemon.containerStop(id));
    assert.equal(
      t.loop.clock.nowUs() - before,
      2_000_000,
      "stopping a stopped container does nothing (304)",
    );
  });

  it("a container that ends by itself before the timeout is not killed", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, { cmd: ["sh", "-c", "sleep 1; exit 4"] });
    await t.run(() => t.daemon.containerStop(id, { timeoutSeconds: 10 }));
    assert.equal((await t.run(() => t.daemon.containerInspect(id))).State.ExitCode, 4);
  });

  it("kill checks the signal, and SIGTERM to a paused container unpauses it but PID 1 lives on", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, { cmd: ["sleep", "300"], name: "dd-q1" });
    const d = t.daemon;
    await expectDockerError(
      t,
      () => d.containerKill("dd-q1", { signal: "FOO" }),
      recorded("kill-invalid-signal"),
    );
    await expectDockerError(
      t,
      () => d.containerKill("dd-q1", { signal: "0" }),
      recorded("kill-signal-zero"),
    );
    await expectDockerError(
      t,
      () => d.containerKill("dd-q1", { signal: "65" }),
      recorded("kill-signal-65", { name: "dd-q1" }),
    );
    await expectDockerError(
      t,
      () => d.containerKill("dd-q1", { signal: "-1" }),
      recorded("kill-signal-minus-one", { name: "dd-q1" }),
    );
    await expectDockerError(t, () => d.containerKill("nosuch"), recorded("kill-no-such"));
    await t.run(() => d.containerPause(id));
    await t.run(() => d.containerKill(id, { signal: "sigterm" }));
    const state = (await t.run(() => d.containerInspect(id))).State;
    assert.deepEqual([state.Status, state.Paused], ["running", false]);
  });

  it("restart stops and starts again; rm of a running container needs force", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, { cmd: ["sleep", "300"], name: "dd-p2" });
    const d = t.daemon;
    const firstPid = (await t.run(() => d.containerInspect(id))).State.Pid;
    await t.run(() => d.containerRestart(id, { timeoutSeconds: 1 }));
    const state = (await t.run(() => d.containerInspect(id))).State;
    assert.equal(state.Status, "running");
    assert.notEqual(state.Pid, firstPid);
    await expectDockerError(t, () => d.containerRemove("dd-p2"), recorded("rm-running", { id }));
    await t.run(() => d.containerRemove("dd-p2", { force: true }));
    await expectDockerError(t, () => d.containerRemove("dd-c1"), recorded("rm-no-such"));
  });

  it("wait settles at once for not-running, at the next exit, or at removal", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["sh", "-c", "sleep 2; exit 7"],
      start: false,
      hostConfig: { AutoRemove: true },
    });
    const d = t.daemon;
    const results = await t.run(async () => {
      const created = await d.containerWait(id);
      const nextExit = d.containerWait(id, { condition: "next-exit" });
      const removed = d.containerWait(id, { condition: "removed" });
      await d.containerStart(id);
      return { created, exit: await nextExit, removed: await removed };
    });
    assert.deepEqual(results.created, { StatusCode: 0, Error: null });
    assert.deepEqual(results.exit, { StatusCode: 7, Error: null });
    assert.deepEqual(results.removed, { StatusCode: 7, Error: null });
    await expectDockerError(t, () => d.containerInspect(id), {
      message: `No such container: ${id}`,
      status: 404,
    });
  });

  it("a program that cannot start leaves the container created, with exit code and error", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, { cmd: ["nosuchcmd"], name: "dd-s2", start: false });
    await expectDockerError(
      t,
      () => t.daemon.containerStart(id),
      recorded("start-not-found-program"),
    );
    const state = (await t.run(() => t.daemon.containerInspect(id))).State;
    assert.deepEqual(
      [state.Status, state.ExitCode, state.Error],
      ["created", 127, recordedMessage("start-not-found-program")],
    );
    assert.equal((await t.run(() => t.daemon.containerList({ all: true })))[0]?.Status, "Created");
  });

  it("an --rm container whose program cannot start is removed, as dockerd does", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["nosuchcmd"],
      start: false,
      hostConfig: { AutoRemove: true },
    });
    await expectDockerError(
      t,
      () => t.daemon.containerStart(id),
      recorded("start-not-found-program"),
    );
    assert.deepEqual(await t.run(() => t.daemon.containerList({ all: true })), []);
  });

  it("renames with dockerd's checks", async () => {
    const t = await createTestDaemon();
    await runContainer(t, { cmd: ["true"], name: "dd-p3", start: false });
    const other = await runContainer(t, { cmd: ["true"], name: "dd-p5", start: false });
    const d = t.daemon;
    await expectDockerError(t, () => d.containerRename("dd-p3", "dd-p3"), recorded("rename-same"));
    await expectDockerError(t, () => d.containerRename("dd-p3", "x"), recorded("rename-invalid"));
    await expectDockerError(
      t,
      () => d.containerRename("dd-p3", "dd-p5"),
      recorded("rename-conflict", { id: other }),
    );
    await t.run(() => d.containerRename("dd-p3", "dd-p4"));
    assert.equal((await t.run(() => d.containerInspect("dd-p4"))).Name, "/dd-p4");
  });
});
