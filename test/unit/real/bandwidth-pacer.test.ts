import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BandwidthPacer, RELEASE_AHEAD_MS } from "../../../src/real/bandwidth-pacer.ts";

/** A pacer on a hand-moved clock; `setRate(rate)` with the same rate makes it look again. */
function manualPacer(bytesPerSecond: number) {
  const clock = { nowMs: 1_000 };
  const pacer = new BandwidthPacer({ bytesPerSecond, nowMs: () => clock.nowMs });
  const released: string[] = [];
  const send = (label: string, sizeBytes: number, signal?: AbortSignal) =>
    void pacer.send(sizeBytes, signal).then(() => released.push(label));
  const lookAt = async (nowMs: number) => {
    clock.nowMs = nowMs;
    pacer.setRate(pacer.bytesPerSecond);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { pacer, released, send, lookAt };
}

describe("BandwidthPacer", () => {
  it("lets pieces out in order, each once the link is done with the ones before", async () => {
    // 1 000 bytes per second: a 100-byte piece keeps the link busy 100 ms.
    const { pacer, released, send, lookAt } = manualPacer(1_000);
    send("a", 100);
    send("b", 100);
    send("c", 100);
    await lookAt(1_000);
    assert.deepEqual(released, ["a"]);
    await lookAt(1_100 - RELEASE_AHEAD_MS - 1);
    assert.deepEqual(released, ["a"]);
    await lookAt(1_100 - RELEASE_AHEAD_MS);
    assert.deepEqual(released, ["a", "b"]);
    // A late look releases everything whose turn has passed: the link does not fall behind.
    await lookAt(1_500);
    assert.deepEqual(released, ["a", "b", "c"]);
    assert.equal(pacer.queuedCount, 0);
    pacer.clear();
  });

  it("banks no credit while idle", async () => {
    const { pacer, released, send, lookAt } = manualPacer(1_000);
    send("a", 100);
    await lookAt(5_000);
    send("b", 100);
    send("c", 100);
    await lookAt(5_000);
    assert.deepEqual(released, ["a", "b"]);
    pacer.clear();
  });

  it("finishes the piece being sent at the new rate", async () => {
    const { pacer, released, send, lookAt } = manualPacer(1_000);
    send("a", 1_000);
    send("b", 10);
    await lookAt(1_500);
    assert.deepEqual(released, ["a"]);
    // Half of "a" is left: 500 bytes at 10 000 bytes per second is 50 ms.
    pacer.setRate(10_000);
    await lookAt(1_550 - RELEASE_AHEAD_MS);
    assert.deepEqual(released, ["a", "b"]);
    pacer.clear();
  });

  it("forgets an aborted piece", async () => {
    const { pacer, released, send, lookAt } = manualPacer(1_000);
    const abort = new AbortController();
    send("a", 100);
    send("b", 100, abort.signal);
    send("c", 100);
    abort.abort();
    assert.equal(pacer.queuedCount, 1);
    await lookAt(1_100);
    assert.deepEqual(released, ["a", "c"]);
    pacer.clear();
  });

  it("paces on the wall clock with its own timers", async () => {
    // 100 000 bytes per second, 20 pieces of 2 000 bytes: at least 380 ms.
    const pacer = new BandwidthPacer({ bytesPerSecond: 100_000 });
    const startMs = performance.now();
    await Promise.all(Array.from({ length: 20 }, () => pacer.send(2_000)));
    const tookMs = performance.now() - startMs;
    assert.ok(tookMs >= 380 - RELEASE_AHEAD_MS, `took ${tookMs} ms`);
  });

  it("refuses a rate that is not positive", () => {
    assert.throws(() => new BandwidthPacer({ bytesPerSecond: 0 }), /positive/);
    const pacer = new BandwidthPacer({ bytesPerSecond: 1 });
    assert.throws(() => pacer.setRate(Number.NaN), /positive/);
  });
});
