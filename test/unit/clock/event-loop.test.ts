import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { isDrydockError } from "../../../src/errors/drydock-error.ts";

function makeLoop(): EventLoop {
  return new EventLoop({ clock: new VirtualClock({ startUs: 1_000 }) });
}

describe("EventLoop", () => {
  it("fires events in (due time, sequence) order and moves the clock to each", async () => {
    const loop = makeLoop();
    const seen: string[] = [];
    loop.at(5_000, "c", () => seen.push(`c@${loop.clock.nowUs()}`));
    loop.at(2_000, "a", () => seen.push(`a@${loop.clock.nowUs()}`));
    loop.at(5_000, "d", () => seen.push(`d@${loop.clock.nowUs()}`));
    loop.at(2_000, "b", () => seen.push(`b@${loop.clock.nowUs()}`));
    await loop.runUntilIdle();
    assert.deepEqual(seen, ["a@2000", "b@2000", "c@5000", "d@5000"]);
  });

  it("never moves time backwards: an instant in the past fires now", async () => {
    const loop = makeLoop();
    let firedAt = -1;
    loop.at(10, "late", () => {
      firedAt = loop.clock.nowUs();
    });
    await loop.runUntilIdle();
    assert.equal(firedAt, 1_000);
  });

  it("skips cancelled events", async () => {
    const loop = makeLoop();
    const seen: string[] = [];
    const handle = loop.after(10, "x", () => seen.push("x"));
    loop.after(20, "y", () => seen.push("y"));
    loop.cancel(handle);
    await loop.runUntilIdle();
    assert.deepEqual(seen, ["y"]);
  });

  it("lets promise chains started by one event finish before the next event", async () => {
    const loop = makeLoop();
    const seen: string[] = [];
    loop.after(10, "first", () => {
      void Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => seen.push("chain end"));
    });
    loop.after(10, "second", () => seen.push("second"));
    await loop.runUntilIdle();
    assert.deepEqual(seen, ["chain end", "second"]);
  });

  it("runs async work that sleeps in simulated time, without waiting in real time", async () => {
    const loop = makeLoop();
    const work = (async () => {
      await loop.sleep(3_600_000_000); // one simulated hour
      await loop.sleep(500);
      return loop.clock.nowUs();
    })();
    const startedAt = performance.now();
    assert.equal(await loop.runUntil(work), 1_000 + 3_600_000_000 + 500);
    assert.ok(performance.now() - startedAt < 5_000);
  });

  it("interleaves concurrent sleepers deterministically", async () => {
    const loop = makeLoop();
    const seen: string[] = [];
    const worker = async (name: string, delays: number[]) => {
      for (const delay of delays) {
        await loop.sleep(delay);
        seen.push(`${name}@${loop.clock.nowUs() - 1_000}`);
      }
    };
    await loop.runUntil(Promise.all([worker("p", [5, 5, 5]), worker("q", [7, 1, 10])]));
    assert.deepEqual(seen, ["p@5", "q@7", "q@8", "p@10", "p@15", "q@18"]);
  });

  it("reports a deadlock instead of hanging", async () => {
    const loop = makeLoop();
    const never = new Promise<void>(() => undefined);
    await assert.rejects(loop.runUntil(never), (error: unknown) => {
      assert.ok(isDrydockError(error));
      assert.match(error.message, /deadlock/);
      return true;
    });
  });

  it("propagates the rejection of the work it drives", async () => {
    const loop = makeLoop();
    const failing = (async () => {
      await loop.sleep(10);
      throw new Error("boom");
    })();
    await assert.rejects(loop.runUntil(failing), /boom/);
  });

  it("stops at untilUs and leaves later events pending", async () => {
    const loop = makeLoop();
    const seen: number[] = [];
    for (const offset of [10, 20, 30]) loop.after(offset, "t", () => seen.push(offset));
    await loop.runUntilIdle({ untilUs: 1_020 });
    assert.deepEqual(seen, [10, 20]);
    assert.equal(loop.clock.nowUs(), 1_020);
    assert.equal(loop.pendingCount, 1);
  });

  it("lets time pass until untilUs even when nothing is scheduled", async () => {
    const loop = makeLoop();
    await loop.runUntilIdle({ untilUs: 5_000 });
    assert.equal(loop.clock.nowUs(), 5_000);
    await loop.runUntilIdle({ untilUs: 10 });
    assert.equal(loop.clock.nowUs(), 5_000);
  });

  it("enforces its event budget", async () => {
    const loop = new EventLoop({ clock: new VirtualClock(), eventCountMax: 100 });
    const tick = (): void => {
      loop.after(1, "tick", tick);
    };
    tick();
    await assert.rejects(loop.runUntilIdle(), /exceeds the limit of 100/);
  });
});
