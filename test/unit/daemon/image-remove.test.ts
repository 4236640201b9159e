import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Digest } from "../../../src/digest/digest.ts";
import type { ImageDeleteItem } from "../../../src/engine/api-types.ts";
import { chainIds } from "../../../src/image/chain-id.ts";
import {
  createTestDaemon,
  expectDockerError,
  runContainer,
  type TestDaemon,
} from "./daemon-fixture.ts";
import { recordedMessage, recordedStatus } from "./recorded.ts";

/** busybox → P1 (`echo a > /a`) → P2 (`echo b > /b`) → top (LABEL, no layer) tagged dd-rmi:1, as a build leaves them. */
async function buildChain(t: TestDaemon): Promise<{ p1: string; p2: string; top: string }> {
  const step = async (image: string, script: string, changes: string[] = []): Promise<string> => {
    const id = await runContainer(t, { Image: image, cmd: ["sh", "-c", script] });
    await t.run(() => t.daemon.containerWait(id));
    const { Id } = await t.run(() => t.daemon.containerCommit({ container: id, changes }));
    await t.run(() => t.daemon.containerRemove(id));
    return Id;
  };
  const p1 = await step("busybox", "echo a > /a");
  const p2 = await step(p1, "echo b > /b");
  const top = await step(p2, "true", ["LABEL dd=1"]);
  await t.run(() => t.daemon.imageTag(top, { repo: "dd-rmi", tag: "1" }));
  return { p1, p2, top };
}

const short = (id: string) => id.slice(7, 19);
const recorded = (name: string, values: Record<string, string>) => ({
  message: recordedMessage(name, values),
  status: recordedStatus(name),
});

describe("docker rmi", () => {
  it("untags first, refuses what must be forced, and deletes the untagged parents (recorded sequence 1)", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const { p1, p2, top } = await buildChain(t);
    await t.run(() => d.imageTag("dd-rmi:1", { repo: "dd-rmi", tag: "2" }));
    await t.run(() => d.imageTag("dd-rmi:1", { repo: "dd-other", tag: "1" }));
    await expectDockerError(
      t,
      () => d.imageRemove(short(top)),
      recorded("rmi-multiple-repositories", { short: short(top) }),
    );
    const container = await runContainer(t, {
      Image: "dd-rmi:1",
      cmd: ["true"],
      name: "dd-r1",
      start: false,
    });
    assert.deepEqual(await t.run(() => d.imageRemove("dd-rmi:2")), [{ Untagged: "dd-rmi:2" }]);
    assert.deepEqual(await t.run(() => d.imageRemove("dd-other:1")), [{ Untagged: "dd-other:1" }]);
    const values = { short: short(top), container12: container.slice(0, 12) };
    await expectDockerError(
      t,
      () => d.imageRemove("dd-rmi:1"),
      recorded("rmi-reference-in-use", values),
    );
    await expectDockerError(
      t,
      () => d.imageRemove(short(top)),
      recorded("rmi-stopped-container", values),
    );
    const layersBefore = d.context.images.layers.size;
    assert.deepEqual(await t.run(() => d.imageRemove(short(top), { force: true })), [
      { Untagged: "dd-rmi:1" },
      { Deleted: top },
      { Deleted: p2 },
      { Deleted: p1 },
    ]);
    assert.equal(
      d.context.images.layers.size,
      layersBefore,
      "the container still holds the layers",
    );
    assert.equal((await t.run(() => d.containerList({ all: true })))[0]?.Image, top);
    await t.run(() => d.containerRemove("dd-r1"));
    const base = d.context.images.resolve("busybox");
    assert.equal(
      d.context.images.layers.size,
      base.layers.length,
      "only busybox's layers are left",
    );
  });

  it("running containers and children are hard conflicts; --no-prune keeps parents (recorded sequence 2)", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const { p1, p2, top } = await buildChain(t);
    const container = await runContainer(t, {
      Image: "dd-rmi:1",
      cmd: ["sleep", "300"],
      name: "dd-r2",
    });
    const values = { short: short(top), container12: container.slice(0, 12) };
    await expectDockerError(
      t,
      () => d.imageRemove("dd-rmi:1"),
      recorded("rmi-reference-in-use", values),
    );
    assert.deepEqual(await t.run(() => d.imageRemove("dd-rmi:1", { force: true })), [
      { Untagged: "dd-rmi:1" },
    ]);
    const dangling = await t.run(() => d.imageList({ filters: { dangling: ["true"] } }));
    assert.deepEqual(
      dangling.map((image) => [image.Id, image.RepoTags]),
      [[top, ["<none>:<none>"]]],
    );
    await expectDockerError(
      t,
      () => d.imageRemove(short(top)),
      recorded("rmi-running-container", values),
    );
    await expectDockerError(
      t,
      () => d.imageRemove(short(top), { force: true }),
      recorded("rmi-running-container", values),
    );
    await expectDockerError(
      t,
      () => d.imageRemove(short(p2), { force: true }),
      recorded("rmi-children", { short: short(p2) }),
    );
    await t.run(() => d.containerRemove("dd-r2", { force: true }));
    assert.deepEqual(await t.run(() => d.imageRemove(short(top), { noprune: true })), [
      { Deleted: top },
    ]);
    const p2Image = d.context.images.get(p2 as Digest);
    const [, chainA, chainB] = chainIds(p2Image.config.rootfs.diffIds);
    assert.deepEqual(await t.run(() => d.imageRemove(short(p2))), [
      { Deleted: p2 },
      { Deleted: chainB },
      { Deleted: p1 },
      { Deleted: chainA },
    ]);
    const blobs: string[] = [];
    await d.context.layers.content.walk((info) => {
      blobs.push(info.digest);
    });
    assert.ok(
      !blobs.includes(p2Image.config.rootfs.diffIds[2]!),
      "the layer tar went with the layer",
    );
  });

  it("untagging one of several tags leaves the image", async () => {
    const t = await createTestDaemon();
    await t.run(() => t.daemon.imageTag("busybox", { repo: "dd-rmi", tag: "2" }));
    assert.deepEqual(await t.run(() => t.daemon.imageRemove("dd-rmi:2")), [
      { Untagged: "dd-rmi:2" },
    ]);
    await expectDockerError(t, () => t.daemon.imageRemove("nosuch:1"), {
      message: "No such image: nosuch:1",
      status: 404,
    });
  });

  it("prune removes dangling heads and nothing in use", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const { p1, p2, top } = await buildChain(t);
    await t.run(() => d.imageRemove("dd-rmi:1", { noprune: true }));
    assert.ok(!d.context.images.has(top as Digest));
    const report = await t.run(() => d.imagePrune());
    const deleted = (report.deleted as readonly ImageDeleteItem[]).map((item) =>
      "Deleted" in item ? item.Deleted : item.Untagged,
    );
    assert.deepEqual(
      deleted.filter((id) => id === p1 || id === p2),
      [p2, p1],
    );
    assert.ok(report.SpaceReclaimed > 0);
    assert.deepEqual(
      (await t.run(() => d.imageList({ all: true }))).map((image) => image.RepoTags),
      [["busybox:latest"]],
    );
  });
});
