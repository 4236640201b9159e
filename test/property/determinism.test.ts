import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { EventLoop } from "../../src/clock/event-loop.ts";
import { VirtualClock } from "../../src/clock/virtual-clock.ts";
import { SeededRng } from "../../src/random/rng.ts";
import { formatJsonl } from "../../src/trace/formatters.ts";
import { ClockTracer, MemoryTraceSink } from "../../src/trace/tracer.ts";

/**
 * A small simulated workload: workers on forked generators sleep random simulated times and trace
 * what they do. Everything random in it comes from the seed.
 */
async function traceOfWorld(seed: number, workers: number): Promise<string> {
  const clock = new VirtualClock();
  const loop = new EventLoop({ clock });
  const memory = new MemoryTraceSink();
  const tracer = new ClockTracer({ clock, sinks: [memory.sink] });
  const root = SeededRng.fromSeed(seed);
  const work = Array.from({ length: workers }, async (_, index) => {
    const rng = root.fork(`worker-${index}`);
    const scoped = tracer.with({ host: `h${index}`, component: "runtime" });
    for (let step = 0; step < 5; step++) {
      await loop.sleep(rng.int(0, 2_000));
      scoped.emit({ kind: "runtime.work.step", data: { step, id: rng.hex(12) } });
    }
  });
  await loop.runUntil(Promise.all(work));
  return formatJsonl(memory.events);
}

describe("determinism of the kernel", () => {
  it("gives byte-identical traces for the same seed (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 4 }),
        async (seed, workers) => {
          assert.equal(await traceOfWorld(seed, workers), await traceOfWorld(seed, workers));
        },
      ),
      { numRuns: 25 },
    );
  });

  it("changes the trace when the seed changes", async () => {
    assert.notEqual(await traceOfWorld(1, 3), await traceOfWorld(2, 3));
  });
});
