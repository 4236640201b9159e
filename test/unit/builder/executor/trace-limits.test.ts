import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MessageChannel } from "../../../../src/builder/message-channel.ts";
import { isDrydockError } from "../../../../src/errors/drydock-error.ts";
import { makeHarness } from "./support/harness.ts";

describe("builder trace events (workflow steps 1–3)", () => {
  it("emits context, step, cache, layer and image events with host, component and step", async () => {
    const h = makeHarness();
    const files = { Dockerfile: "FROM busybox\nENV A=1\nCOPY a /a\n", a: "a" };
    await h.build(files, { tags: ["t"] });
    await h.build(files, { tags: ["t"] });
    const events = h.trace.events;
    assert.ok(events.every((e) => e.host === "host-a" && e.component === "builder"));
    const kinds = events.map((e) => `${e.step} ${e.kind}`);
    assert.deepEqual(kinds.slice(0, 10), [
      "1 builder.context.receive",
      "2 builder.step.start",
      "2 builder.step.start",
      "2 builder.cache.miss",
      "3 builder.image.create",
      "2 builder.step.start",
      "2 builder.cache.miss",
      "3 builder.layer.commit",
      "3 builder.image.create",
      "3 builder.image.tag",
    ]);
    assert.equal(kinds.filter((k) => k === "2 builder.cache.hit").length, 2);
    const tag = events.find((e) => e.kind === "builder.image.tag");
    assert.equal(tag?.data?.reference, "t:latest");
  });

  it("is deterministic: two fresh worlds give the same stream, images and trace", async () => {
    const files = { Dockerfile: "FROM busybox\nWORKDIR /w\nCOPY a /a\nRUN echo x > /x\n", a: "a" };
    const runs = await Promise.all(
      [1, 2].map(async () => {
        const h = makeHarness();
        const result = await h.build(files, { tags: ["d"] });
        return {
          text: result.text,
          id: h.host.store.resolve("d").id,
          trace: JSON.stringify(h.trace.events),
        };
      }),
    );
    assert.deepEqual(runs[0], runs[1]);
  });

  it("spends simulated time on its own work when given a scheduler", async () => {
    const { EventLoop } = await import("../../../../src/clock/event-loop.ts");
    const { Builder } = await import("../../../../src/builder/builder.ts");
    const { contextTar } = await import("./support/harness.ts");
    const h = makeHarness();
    const loop = new EventLoop({ clock: h.clock });
    const builder = new Builder({
      host: h.host,
      clock: h.clock,
      scheduler: loop,
      costs: { commitUs: 500_000 },
    });
    const startUs = h.clock.nowUs();
    const stream = builder.build(
      { kind: "tar", archive: contextTar({ Dockerfile: "FROM busybox\nENV A=1\nENV B=2\n" }) },
      { tags: ["timed"] },
    );
    await loop.runUntil(
      (async () => {
        for await (const _message of stream);
      })(),
    );
    const history = h.host.store.resolve("timed").config.history ?? [];
    const created = history
      .slice(-2)
      .map((entry) => Date.parse(entry.created ?? "") * 1000 - startUs);
    assert.deepEqual(created, [540_000, 1_080_000]);
  });

  it("records a failed build", async () => {
    const h = makeHarness();
    await h.build({ Dockerfile: "FROM busybox\nRUN exit 4\n" });
    const fail = h.trace.events.find((e) => e.kind === "builder.build.fail");
    assert.match(String(fail?.data?.message), /returned a non-zero code: 4/);
  });
});

describe("build limits", () => {
  it("refuses a build with more steps than stepCountMax", async () => {
    const h = makeHarness({ limits: { stepCountMax: 3 } });
    const result = await h.build({ Dockerfile: "FROM busybox\nENV A=1\nENV B=2\nENV C=3\n" });
    assert.match(
      result.error?.message ?? "",
      /build limit exceeded: stepCountMax is 4, the limit is 3/,
    );
  });

  it("kills a RUN step that writes more than runOutputBytesMax", async () => {
    const h = makeHarness({ limits: { runOutputBytesMax: 8 } });
    const result = await h.build({ Dockerfile: "FROM busybox\nRUN echo 0123456789abcdef\n" });
    assert.match(result.error?.message ?? "", /a RUN step wrote more than 8 bytes of output/);
  });

  it("refuses an oversized Dockerfile before any output", async () => {
    const h = makeHarness({ limits: { dockerfileSizeBytesMax: 10 } });
    const result = await h.build({ Dockerfile: "FROM busybox\nENV A=1\n" });
    assert.ok(isDrydockError(result.thrown) && result.thrown.code === "LimitExceeded");
  });
});

describe("a client that goes away", () => {
  it("cancels the build at the next step, as dockerd does", async () => {
    const h = makeHarness();
    const { contextTar } = await import("./support/harness.ts");
    const stream = h.builder.build(
      { kind: "tar", archive: contextTar({ Dockerfile: "FROM busybox\nENV A=1\nENV B=2\n" }) },
      { tags: ["gone"] },
    );
    for await (const _message of stream) break;
    for (let i = 0; i < 50 && !h.trace.events.some((e) => e.kind === "builder.build.fail"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const fail = h.trace.events.find((e) => e.kind === "builder.build.fail");
    assert.equal(fail?.data?.message, "Build cancelled");
    assert.throws(() => h.host.store.resolve("gone"), /No such image/);
  });
});

describe("MessageChannel", () => {
  it("starts its task on the first read, delivers in order, then ends or fails", async () => {
    let started = 0;
    const channel = new MessageChannel<number>({ onFirstRead: () => started++ });
    channel.push(1);
    assert.equal(started, 0);
    const iterator = channel[Symbol.asyncIterator]();
    assert.deepEqual(await iterator.next(), { value: 1, done: false });
    const pending = iterator.next();
    channel.push(2);
    assert.deepEqual(await pending, { value: 2, done: false });
    channel.fail(new Error("boom"));
    await assert.rejects(iterator.next(), /boom/);
    assert.equal(started, 1);
    assert.throws(() => channel[Symbol.asyncIterator](), /iterated once/);
  });
});
