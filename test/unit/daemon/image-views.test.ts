import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { writeTar } from "../../../src/archive/tar-writer.ts";
import { createTestDaemon, expectDockerError, runContainer } from "./daemon-fixture.ts";

describe("images: list, inspect, history, commit", () => {
  it("commits a container's diff as a layer, with config, history and parent", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const id = await runContainer(t, {
      cmd: ["sh", "-c", "echo hi > /hi.txt"],
      Env: ["A=1"],
      Labels: { L: "1" },
    });
    await t.run(() => d.containerWait(id));
    await t.advance(5);
    const { Id } = await t.run(() =>
      d.containerCommit({
        container: id,
        repo: "snap",
        tag: "1",
        author: "Bob <bob@x>",
        comment: "a message",
        changes: ['CMD ["cat", "/hi.txt"]', "ENV B=2"],
      }),
    );
    const inspect = await t.run(() => d.imageInspect("snap:1"));
    const base = await t.run(() => d.imageInspect("busybox"));
    assert.equal(inspect.Id, Id);
    assert.equal(inspect.Parent, base.Id);
    assert.deepEqual(inspect.Config?.Cmd, ["cat", "/hi.txt"]);
    assert.deepEqual(inspect.Config?.Env, [
      "A=1",
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "B=2",
    ]);
    assert.deepEqual(inspect.Config?.Labels, { L: "1" });
    assert.deepEqual(inspect.ContainerConfig.Cmd, ["sh", "-c", "echo hi > /hi.txt"]);
    assert.deepEqual(
      [inspect.Author, inspect.Container, inspect.RepoTags],
      ["Bob <bob@x>", id, ["snap:1"]],
    );
    assert.equal(inspect.RootFS.Layers?.length, (base.RootFS.Layers?.length ?? 0) + 1);
    assert.equal(inspect.Size, base.Size + 3);
    assert.equal(inspect.Metadata.LastTagTime, "2026-01-01T00:00:05Z");
    const history = await t.run(() => d.imageHistory("snap:1"));
    assert.deepEqual(history[0], {
      Id,
      Created: 1767225605,
      CreatedBy: "sh -c echo hi > /hi.txt",
      Tags: ["snap:1"],
      Size: 3,
      Comment: "a message",
    });
    assert.deepEqual(
      history.slice(1).map((row) => row.Id),
      [base.Id, "<missing>"],
    );
    const run = await runContainer(t, { Image: "snap:1", cmd: [] });
    await t.run(() => d.containerWait(run));
    assert.deepEqual((await t.run(() => d.containerInspect(run))).Args, ["/hi.txt"]);
  });

  it("lists top-level images newest first, intermediates only with all, and filters", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const id = await runContainer(t, { cmd: ["sh", "-c", "echo a > /a"] });
    await t.run(() => d.containerWait(id));
    await t.advance(1);
    const { Id: middle } = await t.run(() => d.containerCommit({ container: id }));
    const id2 = await runContainer(t, { Image: middle, cmd: ["sh", "-c", "echo b > /b"] });
    await t.run(() => d.containerWait(id2));
    await t.advance(1);
    const { Id: top } = await t.run(() =>
      d.containerCommit({ container: id2, repo: "app", changes: ["LABEL tier=web"] }),
    );
    const tags = (list: { RepoTags: readonly string[] | null }[]) =>
      list.map((image) => image.RepoTags);
    assert.deepEqual(tags(await t.run(() => d.imageList())), [["app:latest"], ["busybox:latest"]]);
    const all = await t.run(() => d.imageList({ all: true }));
    assert.deepEqual(
      all.map((image) => image.Id),
      [top, middle, all[2]!.Id],
    );
    assert.deepEqual(
      [all[1]!.RepoTags, all[1]!.RepoDigests],
      [["<none>:<none>"], ["<none>@<none>"]],
    );
    assert.deepEqual([all[0]!.ParentId, all[0]!.Containers, all[0]!.SharedSize], [middle, -1, -1]);
    assert.deepEqual(tags(await t.run(() => d.imageList({ filters: { label: ["tier=web"] } }))), [
      ["app:latest"],
    ]);
    assert.deepEqual(tags(await t.run(() => d.imageList({ filters: { reference: ["bus*"] } }))), [
      ["busybox:latest"],
    ]);
    assert.deepEqual(tags(await t.run(() => d.imageList({ filters: { before: ["app"] } }))), [
      ["busybox:latest"],
    ]);
    assert.deepEqual(tags(await t.run(() => d.imageList({ filters: { since: ["busybox"] } }))), [
      ["app:latest"],
    ]);
    await expectDockerError(t, () => d.imageList({ filters: { dangling: ["maybe"] } }), {
      message: "Invalid filter 'dangling=[maybe]'",
      status: 400,
    });
    await expectDockerError(t, () => d.imageList({ filters: { before: ["nosuch"] } }), {
      message: "No such image: nosuch:latest",
      status: 404,
    });
    await expectDockerError(t, () => d.imageList({ filters: { foo: ["bar"] } }), {
      message: "Invalid filter 'foo'",
      status: 400,
    });
  });

  it("reports docker diff, cp in and out, and export of the root filesystem", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const id = await runContainer(t, {
      cmd: ["sh", "-c", "echo x > /etc/new; echo y > /data/seed.txt"],
      name: "dd-cp1",
    });
    await t.run(() => d.containerWait(id));
    const changes = await t.run(() => d.containerChanges(id));
    assert.deepEqual(changes, [
      { Path: "/data", Kind: 0 },
      { Path: "/data/seed.txt", Kind: 0 },
      { Path: "/etc", Kind: 0 },
      { Path: "/etc/new", Kind: 1 },
    ]);
    const stat = await t.run(() => d.containerStatPath("dd-cp1", "/bin/sh"));
    assert.deepEqual(
      [stat.name, stat.size, stat.mode, stat.linkTarget],
      ["sh", 12, 134218239, "/bin/busybox"],
    );
    assert.equal((await t.run(() => d.containerStatPath("dd-cp1", "/bin"))).mode, 2147484141);
    await expectDockerError(t, () => d.containerArchive("dd-cp1", "/nosuch"), {
      message: "Could not find the file /nosuch in container dd-cp1",
      status: 404,
    });
    await expectDockerError(
      t,
      () => d.containerExtract("dd-cp1", "/bin/busybox", new Uint8Array(1024)),
      { message: "extraction point is not a directory", status: 500 },
    );
    const { archive } = await t.run(() => d.containerArchive("dd-cp1", "/etc"));
    await t.run(() => d.containerExtract("dd-cp1", "/data", archive));
    const copied = await t.run(() => d.containerArchive("dd-cp1", "/data/etc/new"));
    assert.equal(copied.stat.size, 2);
    // dockerd's untar refuses links pointing above the extraction point (recorded on 20.10).
    const climbing = writeTar([tarEntry({ path: "up", type: "symlink", linkTarget: "../x" })]);
    await expectDockerError(t, () => d.containerExtract("dd-cp1", "/etc", climbing), {
      message: 'Error processing tar file(exit status 1): invalid symlink "/etc/up" -> "../x"',
      status: 500,
    });
    assert.equal(
      (await t.run(() => d.containerChanges("dd-cp1"))).some((c) => c.Path === "/etc/up"),
      false,
    );
    const inside = writeTar([
      tarEntry({ path: "abs", type: "symlink", linkTarget: "/x" }),
      tarEntry({ path: "back", type: "symlink", linkTarget: "../etc/new" }),
    ]);
    await t.run(() => d.containerExtract("dd-cp1", "/etc", inside));
    const exported = await t.run(() => d.containerExport("dd-cp1"));
    assert.ok(new TextDecoder("latin1").decode(exported).includes(".dockerenv"));
  });

  it("saves and loads images through docker save/load archives", async () => {
    const first = await createTestDaemon();
    const archive = await first.run(() => first.daemon.imageSave(["busybox"]));
    const second = await createTestDaemon({ images: [] });
    const messages = await second.run(async () => {
      const out: string[] = [];
      for await (const message of second.daemon.imageLoad(archive))
        out.push(message.stream ?? message.error ?? "");
      return out;
    });
    assert.deepEqual(messages, ["Loaded image: busybox:latest\n"]);
    const [before, after] = await Promise.all([
      first.run(() => first.daemon.imageInspect("busybox")),
      second.run(() => second.daemon.imageInspect("busybox")),
    ]);
    assert.deepEqual([after.Id, after.Size], [before.Id, before.Size]);
    const broken = await second.run(async () => {
      const out: string[] = [];
      for await (const message of second.daemon.imageLoad(new Uint8Array(512)))
        out.push(message.error ?? "");
      return out;
    });
    assert.equal(broken.length, 1);
    assert.notEqual(broken[0], "");
  });
});
