import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTestDaemon, expectDockerError, runContainer } from "./daemon-fixture.ts";

/*
 * `--volumes-from` as dockerd 20.10.24 did it (2026-11-28): `vf-src` with `-v vf-named:/data
 * -v /tmp/vf-bind:/bind:ro -v /anon`; `--volumes-from vf-src` gets the same three mounts with
 * Mode ""; `--volumes-from vf-src:ro -v /tmp/vf-bind:/data` gets them read-only, the bind
 * replacing /data; unknown containers and modes are refused at create.
 */
describe("--volumes-from", () => {
  it("shares the other container's volumes and binds, read-only when asked", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    await t.run(() => d.volumeCreate({ Name: "vf-named" }));
    await runContainer(t, {
      cmd: ["sleep", "100"],
      name: "vf-src",
      hostConfig: { Binds: ["vf-named:/data", "/tmp/vf-bind:/bind:ro"] },
      Volumes: { "/anon": {} },
    });
    const mounts = async (id: string) =>
      (await t.run(() => d.containerInspect(id))).Mounts.map(
        (m) => `${m.Type} ${m.Name ?? m.Source} ${m.Destination} '${m.Mode}' ${m.RW}`,
      );
    const source = await mounts("vf-src");
    const anonymous = source.find((m) => m.includes("/anon"))!.split(" ")[1];
    const one = await runContainer(t, {
      cmd: ["true"],
      start: false,
      hostConfig: { VolumesFrom: ["vf-src"] },
    });
    assert.deepEqual(await mounts(one), [
      `volume ${anonymous} /anon '' true`,
      "bind /tmp/vf-bind /bind '' false",
      "volume vf-named /data '' true",
    ]);
    const two = await runContainer(t, {
      cmd: ["true"],
      start: false,
      hostConfig: { VolumesFrom: ["vf-src:ro"], Binds: ["/tmp/vf-bind:/data"] },
    });
    assert.deepEqual(await mounts(two), [
      `volume ${anonymous} /anon '' false`,
      "bind /tmp/vf-bind /bind '' false",
      "bind /tmp/vf-bind /data '' true",
    ]);
    // The inheritor's `rm -v` leaves the shared volumes alone.
    await t.run(() => d.containerRemove(one, { volumes: true }));
    const names = (await t.run(() => d.volumeList())).Volumes.map((v) => v.Name);
    assert.ok(names.includes("vf-named") && names.includes(anonymous!));
  });

  it("refuses unknown containers and modes as dockerd does", async () => {
    const t = await createTestDaemon();
    await runContainer(t, { cmd: ["true"], name: "src", start: false });
    const create = (entry: string) => () =>
      t.daemon.containerCreate({
        Image: "busybox",
        Cmd: ["true"],
        HostConfig: { VolumesFrom: [entry] },
      });
    await expectDockerError(t, create("nosuch"), {
      message: "No such container: nosuch",
      status: 404,
    });
    await expectDockerError(t, create("src:bogus"), {
      message: "invalid mode: bogus",
      status: 400,
    });
    await expectDockerError(t, create("src:ro,shared"), {
      message: "invalid mode: ro,shared",
      status: 400,
    });
  });
});
