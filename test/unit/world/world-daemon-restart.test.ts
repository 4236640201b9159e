import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryTraceSink } from "../../../src/trace/tracer.ts";
import { World } from "../../../src/world/world.ts";

describe("World daemon restart", () => {
  it("stops containers, refuses calls while down, and lets restart policies act at boot", async () => {
    const trace = new MemoryTraceSink();
    const world = await World.create(
      { hosts: [{ name: "a", baseImages: ["busybox"] }] },
      { traceSinks: [trace.sink] },
    );
    const a = world.host("a");
    const ids = await world.run(async () => {
      const always = await a.engine.containerCreate(
        {
          Image: "busybox",
          Cmd: ["sleep", "1000"],
          HostConfig: { RestartPolicy: { Name: "always", MaximumRetryCount: 0 } },
        },
        { name: "always" },
      );
      const plain = await a.engine.containerCreate(
        { Image: "busybox", Cmd: ["sleep", "1000"] },
        { name: "plain" },
      );
      await a.engine.containerStart(always.Id);
      await a.engine.containerStart(plain.Id);
      return { always: always.Id, plain: plain.Id };
    });
    const before = a.daemon;
    world.schedule({ atMs: 1_000, kind: "daemon-restart", host: "a", downMs: 2_000 });
    await world.runUntilUs(world.startUs + 1_500_000);
    assert.equal(a.isUp, false);
    await assert.rejects(world.run(a.engine.containerList()), {
      code: "Unavailable",
      message:
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
    });
    const pull = a.engine.imagePull({ fromImage: "busybox" })[Symbol.asyncIterator]().next();
    await assert.rejects(
      world.run(pull),
      /Cannot connect to the Docker daemon at unix:\/\/\/var\/run\/docker.sock/,
    );
    await world.runUntilUs(world.startUs + 30_000_000);
    assert.equal(a.isUp, true);
    assert.notEqual(a.daemon, before);
    const always = await world.run(a.engine.containerInspect("always"));
    const plain = await world.run(a.engine.containerInspect("plain"));
    assert.equal(always.State.Running, true);
    assert.equal(plain.State.Running, false);
    assert.equal(always.Id, ids.always);
    const boot = trace.events.find((e) => e.kind === "daemon.process.start");
    assert.deepEqual(boot?.data, { boot: 1, restartedContainers: [ids.always] });
    assert.equal(boot?.host, "a");
  });
});
