import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";

/** Settles after a few real macrotask turns: real I/O, as far as the loop can tell. */
function realIo<T>(value: T, turns = 5): Promise<T> {
  return new Promise((resolve) => {
    const step = (left: number): void => {
      if (left === 0) resolve(value);
      else setImmediate(() => step(left - 1));
    };
    step(turns);
  });
}

describe("EventLoop.external", () => {
  it("waits for real I/O instead of reporting a deadlock", async () => {
    const loop = new EventLoop({ clock: new VirtualClock() });
    assert.equal(await loop.runUntil(loop.external(realIo("answer"))), "answer");
  });

  it("without it, the same wait is a deadlock (the guard stays live)", async () => {
    const loop = new EventLoop({ clock: new VirtualClock() });
    await assert.rejects(loop.runUntil(realIo("answer")), /simulation deadlock/);
  });

  it("fires no event while real I/O is in flight: it takes no simulated time", async () => {
    const loop = new EventLoop({ clock: new VirtualClock() });
    const startUs = loop.clock.nowUs();
    const fired: number[] = [];
    loop.after(1_000, "tick", () => fired.push(loop.clock.nowUs()));
    const work = (async () => {
      const answer = await loop.external(realIo(7, 20));
      return { answer, nowUs: loop.clock.nowUs(), fired: fired.length };
    })();
    const seen = await loop.runUntil(work);
    assert.deepEqual(seen, { answer: 7, nowUs: startUs, fired: 0 });
    await loop.runUntilIdle();
    assert.deepEqual(fired, [startUs + 1_000]);
  });

  it("a failed request is waited for too, and its error reaches the caller", async () => {
    const loop = new EventLoop({ clock: new VirtualClock() });
    const failing = realIo(undefined).then(() => {
      throw new Error("connection refused");
    });
    await assert.rejects(loop.runUntil(loop.external(failing)), /connection refused/);
  });
});
