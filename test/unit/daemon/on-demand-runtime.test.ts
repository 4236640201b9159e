import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { BuiltinRuntime } from "../../../src/daemon/builtin-runtime.ts";
import { OnDemandRuntime } from "../../../src/daemon/on-demand-runtime.ts";
import type { Engine } from "../../../src/engine/engine.ts";

function countingRuntime() {
  const loop = new EventLoop({ clock: new VirtualClock() });
  let loads = 0;
  const runtime = new OnDemandRuntime({
    load: async () => {
      loads++;
      return new BuiltinRuntime({ scheduler: loop });
    },
  });
  return { runtime, loads: () => loads };
}

/** An engine that records which methods were called, as far as the gate cares. */
function recordingEngine(calls: string[]): Engine {
  const methods = {
    containerList: async () => {
      calls.push("containerList");
      return [];
    },
    containerStart: async (name: string) => {
      calls.push(`containerStart ${name}`);
    },
    imageBuild: () => {
      calls.push("imageBuild");
      return (async function* () {
        yield { stream: "Step 1/1\n" };
      })();
    },
  };
  return methods as unknown as Engine;
}

describe("OnDemandRuntime", () => {
  it("loads once, however often it is asked", async () => {
    const { runtime, loads } = countingRuntime();
    assert.equal(runtime.requested, false);
    await Promise.all([runtime.load(), runtime.load()]);
    await runtime.load();
    assert.equal(loads(), 1);
    assert.equal(runtime.loaded, true);
  });

  it("has no processes before it loads, and refuses to start one", () => {
    const { runtime } = countingRuntime();
    assert.deepEqual(runtime.processes("c1"), []);
    runtime.resume("c1");
    assert.throws(() => runtime.pause("c1"), /before the container runtime loaded/);
    assert.throws(
      () => runtime.start({ containerId: "c1" } as never),
      /before the container runtime loaded/,
    );
  });

  it("lets calls that start no process through without loading", async () => {
    const { runtime, loads } = countingRuntime();
    const calls: string[] = [];
    const engine = runtime.gate(recordingEngine(calls), () => true);
    assert.deepEqual(await engine.containerList(), []);
    assert.equal(runtime.requested, false);
    assert.equal(loads(), 0);
    assert.deepEqual(calls, ["containerList"]);
  });

  it("asks for the runtime on a process-starting call, and makes the call once it loaded", async () => {
    const { runtime, loads } = countingRuntime();
    const calls: string[] = [];
    const engine = runtime.gate(recordingEngine(calls), () => false);
    const started = engine.containerStart("web");
    assert.equal(runtime.requested, true, "asked for synchronously, before the world is driven");
    assert.deepEqual(calls, [], "the call waits for the runtime");
    await started;
    assert.deepEqual(calls, ["containerStart web"]);
    assert.equal(loads(), 1);
    await engine.containerStart("db");
    assert.equal(loads(), 1);
  });

  it("opens a build stream only once the runtime loaded, asked for at the first next", async () => {
    const { runtime } = countingRuntime();
    const calls: string[] = [];
    const engine = runtime.gate(recordingEngine(calls), () => false);
    const stream = engine.imageBuild({ tar: new Uint8Array() } as never, {});
    assert.equal(runtime.requested, false);
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    assert.equal(runtime.requested, true);
    assert.deepEqual(await first, { done: false, value: { stream: "Step 1/1\n" } });
    assert.deepEqual(calls, ["imageBuild"]);
    assert.equal((await iterator.next()).done, true);
  });

  it("fails loudly when a process would start inside simulated time before it loaded", () => {
    const { runtime } = countingRuntime();
    const engine = runtime.gate(recordingEngine([]), () => true);
    assert.throws(() => engine.containerStart("web"), /loads only before the world runs/);
  });
});
