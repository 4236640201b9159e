import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryTraceSink } from "../../../src/trace/tracer.ts";
import { World } from "../../../src/world/world.ts";
import { type TinyRegistry, tinyRegistry } from "./tiny-registry.ts";
import { contextTar, drain, twoHostSpec } from "./world-support.ts";

const GET = (target: string) => ({ method: "GET" as const, target, headers: {} });

describe("World", () => {
  it("builds hosts with their base images and one registry both reach", async () => {
    const world = await World.create(twoHostSpec(), {
      registryServer: tinyRegistry,
      runtime: "builtin",
    });
    assert.deepEqual(
      world.hosts.map((h) => [h.name, h.ip]),
      [
        ["a", "10.0.0.2"],
        ["b", "10.0.0.3"],
      ],
    );
    const a = world.host("a");
    const b = world.host("b");
    assert.deepEqual(
      (await world.run(a.engine.imageList())).flatMap((i) => i.RepoTags),
      ["busybox:latest"],
    );
    assert.deepEqual(await world.run(b.engine.imageList()), []);
    const start = world.clock.nowUs();
    // 8 Mbit/s = 1 byte/µs: 10 ms there, the registry's 5 ms (REGISTRY_SERVICE_US), 10 ms
    // back, 5000 bytes in 5 ms.
    const response = await world.run(a.registries("localhost:5000")!.send(GET("/v2/bytes/5000")));
    assert.equal(response.body.length, 5_000);
    assert.equal(world.clock.nowUs() - start, 30_000);
    await world.run(b.registries("localhost:5000")!.send(GET("/v2/")));
    const server = world.registry("localhost:5000").server as TinyRegistry;
    assert.deepEqual(server.log, ["seeded busybox:latest", "GET /v2/bytes/5000", "GET /v2/"]);
    assert.equal(a.registries("docker.io"), undefined);
  });

  it("sends a build context over the client link before the daemon builds", async () => {
    const trace = new MemoryTraceSink();
    const world = await World.create(
      twoHostSpec({
        hosts: [
          { name: "a", baseImages: ["busybox"], clientLink: { latencyMs: 1, bandwidthMbps: 8 } },
          { name: "b" },
        ],
      }),
      { registryServer: tinyRegistry, runtime: "builtin", traceSinks: [trace.sink] },
    );
    const a = world.host("a");
    const archive = contextTar({ Dockerfile: "FROM busybox\nLABEL built=yes\n" });
    const start = world.clock.nowUs();
    const messages = await world.run(
      drain(a.engine.imageBuild({ kind: "tar", archive }, { tags: ["app:1"] })),
    );
    assert.ok(
      messages.some((m) => m.stream?.startsWith("Successfully tagged app:1") === true),
      JSON.stringify(messages),
    );
    const sent = trace.events.find((e) => e.kind === "client.build.context.sent");
    assert.deepEqual(sent, {
      seq: sent!.seq,
      tUs: start + 1_000 + archive.length,
      host: "a",
      component: "client",
      kind: "client.build.context.sent",
      step: 1,
      data: { sizeBytes: archive.length, durationUs: 1_000 + archive.length },
    });
    const received = trace.events.find((e) => e.kind === "builder.context.receive");
    assert.equal(received?.host, "a");
    assert.ok(received!.seq > sent!.seq);
    await world.run(a.engine.imageInspect("app:1"));
    await assert.rejects(
      world.run(world.host("b").engine.imageInspect("app:1")),
      /No such image: app:1/,
    );
  });

  it("schedules faults from the spec at instants counted from the world's start", async () => {
    const world = await World.create(
      twoHostSpec({
        faults: [
          { atMs: 100, kind: "registry-down", registry: "localhost:5000" },
          { atMs: 300, kind: "registry-up", registry: "localhost:5000" },
        ],
      }),
      { registryServer: tinyRegistry, runtime: "builtin" },
    );
    const transport = world.host("b").registries("localhost:5000")!;
    await world.runUntilUs(world.startUs + 150_000);
    await assert.rejects(world.run(transport.send(GET("/v2/"))), {
      code: "Unavailable",
      message: "dial tcp 127.0.0.1:5000: connect: connection refused",
    });
    assert.equal(world.clock.nowUs(), world.startUs + 170_000);
    await world.runUntilUs(world.startUs + 300_000);
    await world.run(transport.send(GET("/v2/")));
  });

  it("a registry restart resets requests in flight and keeps the server's state", async () => {
    const trace = new MemoryTraceSink();
    const world = await World.create(twoHostSpec(), {
      registryServer: tinyRegistry,
      runtime: "builtin",
      traceSinks: [trace.sink],
    });
    world.schedule({
      atMs: 500,
      kind: "registry-restart",
      registry: "localhost:5000",
      downMs: 1_000,
    });
    const a = world.host("a").registries("localhost:5000")!;
    await assert.rejects(
      world.run(a.send(GET("/v2/bytes/1000000"))),
      /read tcp 127\.0\.0\.1:\d+->127\.0\.0\.1:5000: read: connection reset by peer/,
    );
    assert.equal(world.clock.nowUs(), world.startUs + 500_000);
    await world.runUntilUs(world.startUs + 1_500_000);
    await world.run(a.send(GET("/v2/")));
    const server = world.registry("localhost:5000").server as TinyRegistry;
    assert.equal(server.boot, 1);
    assert.deepEqual(server.log, ["seeded busybox:latest", "GET /v2/bytes/1000000", "GET /v2/"]);
    const kinds = trace.events
      .filter((e) => e.host === "localhost:5000")
      .map((e) => `${e.component} ${e.kind}`);
    assert.deepEqual(kinds, [
      "registry registry.server.ready",
      "registry registry.server.stop",
      "registry registry.server.ready",
      "registry registry.server.start",
    ]);
  });

  it("rejects a spec naming unknown things, and unknown fault targets", async () => {
    await assert.rejects(
      World.create(
        twoHostSpec({
          links: [{ host: "c", registry: "localhost:5000", latencyMs: 1, bandwidthMbps: 1 }],
        }),
        {
          registryServer: tinyRegistry,
          runtime: "builtin",
        },
      ),
      { code: "InvalidArgument", message: "world spec: link c<->localhost:5000: no host named c" },
    );
    const world = await World.create(twoHostSpec(), {
      registryServer: tinyRegistry,
      runtime: "builtin",
    });
    assert.throws(
      () => world.schedule({ atMs: 1, kind: "link-cut", registry: "localhost:5000" }),
      /has no uplink/,
    );
    assert.throws(() => world.host("z"), { code: "NotFound" });
  });
});
