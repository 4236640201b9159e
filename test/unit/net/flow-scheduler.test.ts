import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { type Channel, FlowScheduler } from "../../../src/net/flow-scheduler.ts";
import { maxMinRates } from "../../../src/net/max-min-rates.ts";

const MB = 1_000_000;

function world(): { loop: EventLoop; flows: FlowScheduler; at: () => number } {
  const loop = new EventLoop({ clock: new VirtualClock({ startUs: 0 }) });
  return { loop, flows: new FlowScheduler({ scheduler: loop }), at: () => loop.clock.nowUs() };
}

function channel(
  id: number,
  capacityBytesPerSecond: number,
): Channel & { capacityBytesPerSecond: number } {
  return { id, capacityBytesPerSecond };
}

describe("maxMinRates", () => {
  it("splits a shared resource equally and gives the rest of a wider one to the unconstrained flow", () => {
    // Flow 0 crosses a 1 MB/s link and the 10 MB/s uplink; flow 1 a 10 MB/s link and the uplink.
    assert.deepEqual(
      maxMinRates(
        [
          [0, 2],
          [1, 2],
        ],
        [1 * MB, 10 * MB, 10 * MB],
      ),
      [1 * MB, 9 * MB],
    );
    assert.deepEqual(maxMinRates([[0], [0], [0]], [3 * MB]), [MB, MB, MB]);
  });

  it("freezes flows at their own bottleneck", () => {
    // Three flows on a 6 MB/s uplink, one of them also behind a 1 MB/s link.
    assert.deepEqual(maxMinRates([[0, 1], [1], [1]], [MB, 6 * MB]), [MB, 2.5 * MB, 2.5 * MB]);
  });
});

describe("FlowScheduler", () => {
  it("moves N bytes alone in exactly N/bandwidth microseconds", async () => {
    const { loop, flows, at } = world();
    const flow = flows.start({ channels: [channel(0, MB)], sizeBytes: 3 * MB });
    await loop.runUntil(flow.done);
    assert.equal(at(), 3_000_000);
  });

  it("rounds a fractional finish up to the next microsecond", async () => {
    const { loop, flows, at } = world();
    await loop.runUntil(flows.start({ channels: [channel(0, 3 * MB)], sizeBytes: 10 }).done);
    assert.equal(at(), 4); // 3.33 µs
  });

  it("shares a channel between two concurrent flows, and gives it back when one ends", async () => {
    const { loop, flows, at } = world();
    const link = channel(0, MB);
    const ends: Record<string, number> = {};
    const a = flows.start({ channels: [link], sizeBytes: MB });
    void a.done.then(() => {
      ends.a = at();
    });
    loop.at(500_000, "start b", () => {
      void flows.start({ channels: [link], sizeBytes: MB }).done.then(() => {
        ends.b = at();
      });
    });
    await loop.runUntilIdle();
    // a: 0.5 MB alone, then 0.5 MB at half rate; b: 0.5 MB at half rate, then 0.5 MB alone.
    assert.deepEqual(ends, { a: 1_500_000, b: 2_000_000 });
  });

  it("two flows started together end together at twice the lone time", async () => {
    const { loop, flows, at } = world();
    const link = channel(0, 2 * MB);
    const done = [1, 2].map(() => flows.start({ channels: [link], sizeBytes: MB }).done);
    await loop.runUntil(done[0]!);
    assert.equal(at(), 1_000_000);
    await loop.runUntil(done[1]!);
    assert.equal(at(), 1_000_000);
  });

  it("reports progress every 512 KiB at the simulated instant it is reached", async () => {
    const { loop, flows, at } = world();
    const seen: string[] = [];
    const size = 2 * 1024 * 1024;
    const flow = flows.start({
      channels: [channel(0, 1024 * 1024)],
      sizeBytes: size,
      onProgress: (p) => seen.push(`${p.doneBytes}/${p.totalBytes}@${at()}`),
    });
    await loop.runUntil(flow.done);
    assert.deepEqual(seen, [
      `524288/${size}@500000`,
      `1048576/${size}@1000000`,
      `1572864/${size}@1500000`,
      `2097152/${size}@2000000`,
    ]);
  });

  it("bounds progress reports to about a hundred for a large transfer", async () => {
    const { loop, flows } = world();
    let count = 0;
    const flow = flows.start({
      channels: [channel(0, 1_000 * MB)],
      sizeBytes: 1_000 * MB,
      onProgress: () => count++,
    });
    await loop.runUntil(flow.done);
    assert.equal(count, 100);
  });

  it("adjusts a flow in flight when its channel's capacity changes", async () => {
    const { loop, flows, at } = world();
    const link = channel(0, MB);
    const flow = flows.start({ channels: [link], sizeBytes: MB });
    loop.at(250_000, "slow", () => {
      link.capacityBytesPerSecond = MB / 2;
      flows.capacityChanged();
    });
    await loop.runUntil(flow.done);
    assert.equal(at(), 250_000 + 1_500_000);
  });

  it("an aborted flow never settles and frees its share at once", async () => {
    const { loop, flows, at } = world();
    const link = channel(0, MB);
    const a = flows.start({ channels: [link], sizeBytes: MB });
    const b = flows.start({ channels: [link], sizeBytes: MB });
    let aSettled = false;
    void a.done.finally(() => {
      aSettled = true;
    });
    loop.at(400_000, "abort a", () => a.abort());
    await loop.runUntil(b.done);
    // b: 0.2 MB at half rate in 0.4 s, then 0.8 MB alone.
    assert.equal(at(), 1_200_000);
    assert.equal(aSettled, false);
    assert.equal(flows.flowCount, 0);
  });
});
