import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTestDaemon, expectDockerError, runContainer } from "./daemon-fixture.ts";
import { recordedMessage, recordedStatus } from "./recorded.ts";

const recorded = (name: string) => ({
  message: recordedMessage(name),
  status: recordedStatus(name),
});

describe("docker ps", () => {
  it("lists running containers, or all, newest first, with dockerd's filters", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const old = await runContainer(t, {
      cmd: ["sh", "-c", "exit 3"],
      name: "old",
      Labels: { tier: "db" },
    });
    await t.advance(1);
    const web = await runContainer(t, {
      cmd: ["sleep", "100"],
      name: "web",
      Labels: { tier: "web" },
      hostConfig: { Binds: ["data:/data"] },
    });
    await t.advance(1);
    const fresh = await runContainer(t, { cmd: ["true"], name: "fresh", start: false });
    const names = (rows: { Names: readonly string[] }[]) => rows.map((row) => row.Names[0]);
    const ps = (options: object) => t.run(() => d.containerList(options));
    assert.deepEqual(names(await ps({})), ["/web"]);
    assert.deepEqual(names(await ps({ all: true })), ["/fresh", "/web", "/old"]);
    assert.deepEqual(names(await ps({ limit: 1 })), ["/fresh"]);
    assert.deepEqual(names(await ps({ filters: { status: ["exited"] } })), ["/old"]);
    assert.deepEqual(names(await ps({ all: true, filters: { exited: ["3"] } })), ["/old"]);
    assert.deepEqual(names(await ps({ all: true, filters: { label: ["tier=web"] } })), ["/web"]);
    assert.deepEqual(names(await ps({ all: true, filters: { name: ["^/o"] } })), ["/old"]);
    assert.deepEqual(names(await ps({ all: true, filters: { id: [fresh.slice(0, 6)] } })), [
      "/fresh",
    ]);
    assert.deepEqual(names(await ps({ all: true, filters: { before: ["web"] } })), ["/old"]);
    assert.deepEqual(names(await ps({ all: true, filters: { since: ["web"] } })), ["/fresh"]);
    assert.deepEqual(names(await ps({ all: true, filters: { volume: ["data"] } })), ["/web"]);
    assert.deepEqual(names(await ps({ all: true, filters: { ancestor: ["busybox"] } })), [
      "/fresh",
      "/web",
      "/old",
    ]);
    assert.deepEqual(names(await ps({ all: true, filters: { network: ["bridge"] } })), [
      "/fresh",
      "/web",
      "/old",
    ]);
    const [row] = await ps({ filters: { id: [web] } });
    assert.deepEqual(
      [row?.Image, row?.Command, row?.State, row?.Status, row?.Labels],
      ["busybox", "sleep 100", "running", "Up 1 second", { tier: "web" }],
    );
    assert.equal(row?.Mounts[0]?.Source, "", "listing shows no volume source");
    assert.ok(old);
    await expectDockerError(
      t,
      () => d.containerList({ filters: { foo: ["bar"] } }),
      recorded("ps-invalid-filter"),
    );
    await expectDockerError(
      t,
      () => d.containerList({ filters: { status: ["bogus"] } }),
      recorded("ps-invalid-status"),
    );
    await expectDockerError(
      t,
      () => d.containerList({ filters: { exited: ["abc"] } }),
      recorded("ps-invalid-exited"),
    );
    await expectDockerError(
      t,
      () => d.containerList({ filters: { before: ["nosuch"] } }),
      recorded("ps-before-missing"),
    );
    await expectDockerError(
      t,
      () => d.containerList({ filters: { health: ["foo"] } }),
      recorded("ps-invalid-health"),
    );
  });

  it("prunes stopped containers and reports system df and info", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const done = await runContainer(t, { cmd: ["sh", "-c", "echo x > /x"] });
    await runContainer(t, { cmd: ["sleep", "100"] });
    const info = await t.run(() => d.info());
    assert.deepEqual(
      [info.Containers, info.ContainersRunning, info.ContainersStopped, info.Images],
      [2, 1, 1, 1],
    );
    const df = await t.run(() => d.systemDf());
    assert.deepEqual(
      df.Images.map((image) => image.Containers),
      [2],
    );
    const report = await t.run(() => d.containerPrune());
    assert.deepEqual(report, { deleted: [done], SpaceReclaimed: 2 });
    assert.equal((await t.run(() => d.version())).ApiVersion, "1.41");
  });
});
