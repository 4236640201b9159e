import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EventMessage } from "../../../src/engine/api-types.ts";
import { createTestDaemon } from "./daemon-fixture.ts";

const summary = (event: EventMessage) => `${event.Type} ${event.Action}`;

describe("events", () => {
  it("logs a docker run --rm as dockerd does, stamped with the virtual clock", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    await t.run(async () => {
      const { Id } = await d.containerCreate({
        Image: "busybox",
        Cmd: ["sh", "-c", "sleep 1"],
        Labels: { app: "x" },
        Volumes: { "/v": {} },
        HostConfig: { AutoRemove: true },
      });
      await d.containerAttach(Id, { stdout: true, stream: true });
      const removed = d.containerWait(Id, { condition: "removed" });
      await d.containerStart(Id);
      await removed;
    });
    const events = await t.run(async () => {
      const out: EventMessage[] = [];
      for await (const event of d.events({
        since: "0",
        until: String(Math.floor(t.loop.clock.nowUs() / 1e6)),
      }))
        out.push(event);
      return out;
    });
    assert.deepEqual(events.map(summary), [
      "volume create",
      "container create",
      "container attach",
      "network connect",
      "volume mount",
      "container start",
      "container die",
      "network disconnect",
      "volume unmount",
      "volume destroy",
      "container destroy",
    ]);
    const die = events.find((event) => event.Action === "die")!;
    assert.deepEqual(die.Actor.Attributes, {
      app: "x",
      exitCode: "0",
      image: "busybox",
      name: die.Actor.Attributes.name!,
    });
    assert.deepEqual(
      [die.status, die.from, die.time, die.timeNano],
      ["die", "busybox", 1767225601, 1767225601_000_000_000n],
    );
    const network = events.find((event) => event.Type === "network")!;
    assert.equal(network.status, undefined);
    assert.deepEqual(Object.keys(network.Actor.Attributes), ["container", "name", "type"]);
  });

  it("filters by type and event, and follows new events until `until`", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const followed = t.run(async () => {
      const out: string[] = [];
      for await (const event of d.events({ until: "1767225610", filters: { type: ["image"] } }))
        out.push(`${event.Action} ${event.Actor.Attributes.name}`);
      return out;
    });
    await t.run(async () => {
      await d.imageTag("busybox", { repo: "copy" });
      await d.imageRemove("copy");
    });
    assert.deepEqual(await followed, [
      "tag copy",
      `untag ${(await t.run(() => d.imageInspect("busybox"))).Id}`,
    ]);
    assert.equal(t.loop.clock.nowUs(), 1767225610_000_000);
  });
});
