import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { formatJsonl, formatText } from "../../../src/trace/formatters.ts";
import { ClockTracer, MemoryTraceSink } from "../../../src/trace/tracer.ts";

function traceOnce(): { jsonl: string; text: string } {
  const clock = new VirtualClock({ startUs: 1_000_000 });
  const memory = new MemoryTraceSink();
  const tracer = new ClockTracer({ clock, sinks: [memory.sink] });
  const builder = tracer.with({ host: "dev", component: "builder" });
  builder.emit({ kind: "builder.step.start", step: 2, data: { instruction: "COPY . /app", n: 3 } });
  clock.advanceBy(1_250);
  builder.emit({
    kind: "builder.cache.hit",
    step: 2,
    data: { key: "sha256:ab", skipped: undefined },
  });
  tracer.emit({ kind: "registry.blob.upload.commit", data: { z: true, a: [1, "two"] } });
  return { jsonl: formatJsonl(memory.events), text: formatText(memory.events) };
}

describe("ClockTracer and formatters", () => {
  it("stamps virtual time and sequence, and fills defaults", () => {
    const { jsonl } = traceOnce();
    const events = jsonl
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      events.map((event) => [event.seq, event.tUs, event.host, event.component, event.kind]),
      [
        [0, 1_000_000, "dev", "builder", "builder.step.start"],
        [1, 1_001_250, "dev", "builder", "builder.cache.hit"],
        [2, 1_001_250, undefined, "registry", "registry.blob.upload.commit"],
      ],
    );
    assert.equal("skipped" in events[1].data, false);
  });

  it("writes canonical JSONL: sorted keys, one object per line", () => {
    const { jsonl } = traceOnce();
    const last = jsonl.trim().split("\n")[2];
    assert.equal(
      last,
      '{"component":"registry","data":{"a":[1,"two"],"z":true},"kind":"registry.blob.upload.commit","seq":2,"tUs":1001250}',
    );
  });

  it("writes readable text lines with relative times", () => {
    const lines = traceOnce().text.trimEnd().split("\n");
    assert.equal(
      lines[0],
      '+0.000000s dev      builder  builder.step.start step=2 instruction="COPY . /app" n=3',
    );
    assert.equal(lines[1], "+0.001250s dev      builder  builder.cache.hit step=2 key=sha256:ab");
  });

  it("is byte-identical across runs", () => {
    assert.deepEqual(traceOnce(), traceOnce());
  });

  it("limits what it keeps in memory", () => {
    const memory = new MemoryTraceSink({ eventCountMax: 2 });
    const tracer = new ClockTracer({ clock: new VirtualClock(), sinks: [memory.sink] });
    tracer.emit({ kind: "a.b" });
    tracer.emit({ kind: "a.b" });
    assert.throws(() => tracer.emit({ kind: "a.b" }), /exceeds the limit of 2/);
  });

  it("lets a record's own members win over a scope's defaults, undefined ones not", () => {
    const sink = new MemoryTraceSink();
    const tracer = new ClockTracer({ clock: new VirtualClock({ startUs: 5 }), sinks: [sink.sink] });
    const scoped = tracer.with({ host: "dev", component: "daemon" }).with({ host: "prod" });
    scoped.emit({ kind: "x.y", host: undefined, data: { a: 1, b: undefined } });
    scoped.emit({ kind: "x.z", host: "other", component: "client", step: 7 });
    tracer.emit({ kind: "world.tick" });
    assert.deepEqual(sink.events, [
      { seq: 0, tUs: 5, host: "prod", component: "daemon", kind: "x.y", data: { a: 1 } },
      { seq: 1, tUs: 5, host: "other", component: "client", kind: "x.z", step: 7 },
      { seq: 2, tUs: 5, component: "world", kind: "world.tick" },
    ]);
    assert.deepEqual(Object.keys(sink.events[0]!), [
      "seq",
      "tUs",
      "host",
      "component",
      "kind",
      "data",
    ]);
  });
});
