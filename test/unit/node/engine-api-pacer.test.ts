import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import type { Engine } from "../../../src/engine/engine.ts";
import { EngineApiPacer } from "../../../src/node/engine-api-pacer.ts";

function world(startUs = 1_000_000): { loop: EventLoop; engine: Engine } {
  const loop = new EventLoop({ clock: new VirtualClock({ startUs }) });
  return { loop, engine: { name: "fake" } as unknown as Engine };
}

describe("EngineApiPacer", () => {
  it("paced: jumps the clock to the wall clock, then lets simulated sleeps take real time", async () => {
    const { loop, engine } = world();
    const pacer = new EngineApiPacer({ loop, engine, paced: true });
    pacer.start();
    assert.ok(Math.abs(loop.clock.nowUs() / 1000 - Date.now()) < 1000, "virtual time is wall time");
    const began = Date.now();
    await pacer.call(() => loop.sleep(200_000));
    const tookMs = Date.now() - began;
    assert.ok(tookMs >= 190 && tookMs < 1000, `took ${tookMs} ms`);
    await pacer.stop();
  });

  it("paced: a world saved ahead of the wall clock stays ahead, and never goes back", async () => {
    const aheadUs = (Date.now() + 3_600_000) * 1000;
    const { loop, engine } = world(aheadUs);
    const pacer = new EngineApiPacer({ loop, engine, paced: true });
    pacer.start();
    await pacer.call(() => loop.sleep(10_000));
    assert.ok(loop.clock.nowUs() >= aheadUs + 10_000);
    await pacer.stop();
  });

  it("unpaced: fires events as fast as they come; time stands still when nothing is due", async () => {
    const { loop, engine } = world();
    const pacer = new EngineApiPacer({ loop, engine, paced: false });
    pacer.start();
    const began = Date.now();
    await pacer.call(() => loop.sleep(3_600_000_000));
    assert.ok(Date.now() - began < 500);
    assert.equal(loop.clock.nowUs(), 1_000_000 + 3_600_000_000);
    await pacer.call(async () => undefined);
    assert.equal(loop.clock.nowUs(), 1_000_000 + 3_600_000_000);
    await pacer.stop();
  });

  it("starts calls in arrival order, each with the engine", async () => {
    const { loop, engine } = world();
    const pacer = new EngineApiPacer({ loop, engine, paced: false });
    pacer.start();
    const order: string[] = [];
    const calls = ["a", "b", "c"].map((name) =>
      pacer.call(async (given) => {
        assert.equal(given, engine);
        order.push(name);
        return name;
      }),
    );
    assert.deepEqual(await Promise.all(calls), ["a", "b", "c"]);
    assert.deepEqual(order, ["a", "b", "c"]);
    await pacer.stop();
  });

  it("refuses calls after stop, and resumes with another world after a pause", async () => {
    const first = world();
    const pacer = new EngineApiPacer({ ...first, paced: false });
    pacer.start();
    await pacer.pause();
    const queued = pacer.call(async (engine) => engine);
    const second = world();
    pacer.resume(second);
    assert.equal(await queued, second.engine);
    await pacer.stop();
    await assert.rejects(
      pacer.call(async () => 1),
      /shutting down/,
    );
  });
});
