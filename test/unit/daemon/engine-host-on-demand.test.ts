import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { drivenEngine } from "../../../src/client/driven-engine.ts";
import { type EngineHostOptions, openEngineHost } from "../../../src/daemon/engine-host.ts";
import { MemoryStateStore } from "../../../src/daemon/memory-state-store.ts";
import type { Engine } from "../../../src/engine/engine.ts";
import { isUserlandReady } from "../../../src/runtime/userland.ts";
import type { TraceEvent } from "../../../src/trace/trace-event.ts";
import { contextTar } from "../builder/executor/support/harness.ts";
import { collectText } from "./daemon-fixture.ts";

/** What a CLI session does, one driven engine call at a time: list, then run and build. */
async function session(engine: Engine) {
  const listed = await engine.containerList({ all: true });
  const readyAfterList = isUserlandReady();
  const { Id } = await engine.containerCreate({
    Image: "busybox",
    Cmd: ["sh", "-c", "echo hi; sleep 1; echo $RANDOM"],
  });
  const attach = await engine.containerAttach(Id, { stdout: true, stderr: true, stream: true });
  const done = engine.containerWait(Id, { condition: "next-exit" });
  await engine.containerStart(Id);
  const output = await collectText(attach.output);
  const status = await done;
  const archive = contextTar({ Dockerfile: "FROM busybox\nRUN echo built > /f\n" });
  const build = [];
  for await (const message of engine.imageBuild({ kind: "tar", archive }, { tags: ["app"] }))
    build.push(message);
  return { listed, readyAfterList, id: Id, output, status, build };
}

async function runSession(options: EngineHostOptions) {
  const events: TraceEvent[] = [];
  const host = await openEngineHost({ seed: 11, traceSinks: [(e) => events.push(e)], ...options });
  const result = await session(drivenEngine(host));
  await host.close();
  return { result, events };
}

/**
 * The CLI's embedded engine loads the container runtime (just-bash's commands) only before a
 * call that can start a process, never inside simulated time; a world that loads it on demand
 * behaves exactly as one that loads it when it opens.
 */
describe("engine host with the runtime loaded on demand", () => {
  it("loads nothing for a listing, and gives the same results and trace as loading at open", async () => {
    const onDemand = await runSession({ runtimeLoading: "on-demand" });
    assert.equal(onDemand.result.readyAfterList, false, "docker ps loads no userland");
    assert.equal(isUserlandReady(), true);
    assert.match(onDemand.result.output, /^hi\n[0-9]+\n$/);
    assert.deepEqual(onDemand.result.status, { StatusCode: 0, Error: null });
    assert.ok(
      onDemand.result.build.some((message) =>
        /Successfully tagged app:latest/.test(message.stream ?? ""),
      ),
      JSON.stringify(onDemand.result.build),
    );
    const atOpen = await runSession({ runtimeLoading: "open" });
    assert.deepEqual(
      { ...atOpen.result, readyAfterList: false },
      onDemand.result,
      "same IDs, output, exit status and build",
    );
    assert.deepEqual(atOpen.events, onDemand.events);
  });

  it("loads the runtime before replaying a journal, so running containers go on running", async () => {
    const store = new MemoryStateStore();
    const first = await openEngineHost({ seed: 4, store, runtimeLoading: "on-demand" });
    const engine = drivenEngine(first);
    const { Id } = await engine.containerCreate({ Image: "busybox", Cmd: ["sleep", "100"] });
    await engine.containerStart(Id);
    await first.close();
    const second = await openEngineHost({ store, runtimeLoading: "on-demand" });
    const top = await drivenEngine(second).containerTop(Id);
    assert.deepEqual(
      top.Processes.map((row) => row.at(-1)),
      ["sleep 100"],
    );
    await second.close();
  });
});
