import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openMemoryEngine } from "../../../src/daemon/engine-host.ts";
import type { TraceEvent } from "../../../src/trace/trace-event.ts";
import { collectText } from "./daemon-fixture.ts";

describe("engine host", () => {
  it("runs busybox on the just-bash runtime, drives virtual time only inside run, traces steps 7-9", async () => {
    const events: TraceEvent[] = [];
    const host = await openMemoryEngine({ seed: 42, traceSinks: [(event) => events.push(event)] });
    const result = await host.run(async (engine) => {
      const { Id } = await engine.containerCreate({
        Image: "busybox",
        Cmd: ["sh", "-c", "echo hi; sleep 2; cat /etc/hostname"],
      });
      const session = await engine.containerAttach(Id, {
        stdout: true,
        stderr: true,
        stream: true,
      });
      const done = engine.containerWait(Id, { condition: "next-exit" });
      await engine.containerStart(Id);
      return { id: Id, out: await collectText(session.output), status: await done };
    });
    assert.equal(result.out, `hi\n${result.id.slice(0, 12)}\n`);
    assert.deepEqual(result.status, { StatusCode: 0, Error: null });
    const steps = events
      .filter((event) => event.step !== undefined)
      .map((event) => `${event.step} ${event.kind}`);
    assert.deepEqual(
      steps.filter((step) => !step.includes("runtime.process")),
      [
        "7 daemon.container.create",
        "8 daemon.rootfs.prepare",
        "9 runtime.container.start",
        "9 runtime.container.exit",
      ],
    );
    const exit = events.find((event) => event.kind === "runtime.container.exit")!;
    const start = events.find((event) => event.kind === "runtime.container.start")!;
    assert.equal(exit.tUs - start.tUs, 2_000_000);
    assert.equal(exit.host, "drydock");
    const info = await host.run((engine) => engine.info());
    // The container's 2 s and its start (DEFAULT_DAEMON_COSTS.containerStartUs, 110 ms).
    assert.equal(info.SystemTime, "2026-01-01T00:00:02.11Z", "time passed only while work ran");
    await host.close();
    await assert.rejects(
      host.run(async () => 1),
      /closed/,
    );
  });

  it("lets a started container reach its trap before the next command (docker stop runs it)", async () => {
    // dockerd 20.10: `run -d … sh -c 'trap "echo got TERM; exit 3" TERM; while …'` then at once
    // `stop -t 3`: the trap runs, exit code 3. Each command is its own run, as the CLI's are.
    const stopped = await runThenStop(
      'trap "echo got TERM; exit 3" TERM; while true; do sleep 1; done',
      3,
    );
    assert.deepEqual([stopped.exitCode, stopped.logs], [3, "got TERM\n"]);
  });

  it("runs a pending trap once the statement it arrived during ends (stop during sleep 5)", async () => {
    // dockerd 20.10: `sh -c 'trap "echo got TERM; exit 3" TERM; sleep 5; echo done'`, then at
    // once `stop -t 10`: the stop takes until the sleep ends (5.0 s), exit 3, "got TERM".
    const stopped = await runThenStop('trap "echo got TERM; exit 3" TERM; sleep 5; echo done', 10);
    assert.ok(stopped.stopUs >= 4_800_000, "the stop waited for the sleep");
    assert.deepEqual([stopped.exitCode, stopped.logs], [3, "got TERM\n"]);
  });

  it("gives the same IDs and names for the same seed", async () => {
    const names: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const host = await openMemoryEngine({ seed: 7 });
      names.push(
        await host.run(async (engine) => {
          const { Id } = await engine.containerCreate({ Image: "alpine", Cmd: ["true"] });
          return [Id, (await engine.containerInspect(Id)).Name];
        }),
      );
      await host.close();
    }
    assert.deepEqual(names[0], names[1]);
  });
});

/** `docker run -d busybox sh -c SCRIPT`, then `docker stop -t N` as the next command. */
async function runThenStop(
  script: string,
  timeoutSeconds: number,
): Promise<{ exitCode: number; logs: string; stopUs: number }> {
  const host = await openMemoryEngine({ seed: 1 });
  const id = await host.run(async (engine) => {
    const { Id } = await engine.containerCreate({ Image: "busybox", Cmd: ["sh", "-c", script] });
    await engine.containerStart(Id);
    return Id;
  });
  const before = host.loop.clock.nowUs();
  await host.run((engine) => engine.containerStop(id, { timeoutSeconds }));
  const stopUs = host.loop.clock.nowUs() - before;
  const state = await host.run(async (engine) => (await engine.containerInspect(id)).State);
  const logs = await host.run((engine) => collectText(engine.containerLogs(id, { stdout: true })));
  await host.close();
  return { exitCode: state.ExitCode, logs, stopUs };
}
