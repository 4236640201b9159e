import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatJsonl } from "../../../src/trace/formatters.ts";
import { MemoryTraceSink } from "../../../src/trace/tracer.ts";
import { memRegistryServer } from "../../../src/world/mem-registry-server.ts";
import { World } from "../../../src/world/world.ts";
import { contextTar, drain } from "./world-support.ts";

/** Build on a, push, pull and run on b, with a link slowed mid-way: the whole trace as JSONL. */
async function session(seed: number): Promise<string> {
  const trace = new MemoryTraceSink();
  const world = await World.create(
    {
      hosts: [{ name: "a" }, { name: "b" }],
      registries: [
        { name: "docker.io", images: ["busybox"], uplinkMbps: 40 },
        { name: "localhost:5000" },
      ],
      defaultLink: { latencyMs: 5, bandwidthMbps: 20 },
      faults: [{ atMs: 30, kind: "link-slow", host: "b", registry: "docker.io", bandwidthMbps: 2 }],
    },
    { seed, registryServer: memRegistryServer, traceSinks: [trace.sink] },
  );
  const a = world.host("a");
  const b = world.host("b");
  await world.run(async () => {
    const archive = contextTar({ Dockerfile: "FROM busybox\nRUN echo $RANDOM > /r\n" });
    await drain(a.engine.imageBuild({ kind: "tar", archive }, { tags: ["localhost:5000/app:1"] }));
    // Both hosts pull from docker.io at once: they share its uplink.
    await Promise.all([
      drain(a.engine.imagePush("localhost:5000/app:1")),
      drain(b.engine.imagePull({ fromImage: "busybox", tag: "latest" })),
    ]);
    await drain(b.engine.imagePull({ fromImage: "localhost:5000/app", tag: "1" }));
    const { Id } = await b.engine.containerCreate({
      Image: "localhost:5000/app:1",
      Cmd: ["cat", "/r"],
    });
    await b.engine.containerStart(Id);
    await b.engine.containerWait(Id);
  });
  return formatJsonl(trace.events);
}

describe("World determinism", () => {
  it("the same seed gives a byte-identical trace; another seed does not", async () => {
    const first = await session(7);
    const second = await session(7);
    assert.ok(first.length > 10_000);
    assert.equal(second, first);
    assert.match(first, /"host":"a".*"kind":"client\.build\.context\.sent"/);
    assert.match(first, /"component":"registry",[^\n]*"host":"docker\.io"/);
    assert.match(first, /"kind":"net\.link\.reshape"/);
    assert.notEqual(await session(8), first);
  });
});
