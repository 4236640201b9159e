import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ContainerCreateRequest, HostConfig } from "../../../src/engine/api-types.ts";
import { withConfig } from "../../../src/image/image.ts";
import {
  createTestDaemon,
  expectDockerError,
  runContainer,
  testBaseImage,
} from "./daemon-fixture.ts";
import { recordedMessage, recordedStatus } from "./recorded.ts";

const recorded = (name: string, values: Record<string, string> = {}) => ({
  message: recordedMessage(name, values),
  status: recordedStatus(name),
});

describe("container create", () => {
  it("checks names as dockerd does and generates adjective_surname names", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    await expectDockerError(
      t,
      () => d.containerCreate({ Image: "busybox" }, { name: "x" }),
      recorded("create-invalid-name"),
    );
    await expectDockerError(
      t,
      () => d.containerCreate({ Image: "busybox" }, { name: "dd c" }),
      recorded("create-invalid-name-space"),
    );
    const id = await runContainer(t, { cmd: ["true"], name: "dd-c1", start: false });
    await expectDockerError(
      t,
      () => d.containerCreate({ Image: "busybox" }, { name: "dd-c1" }),
      recorded("create-name-conflict", { id }),
    );
    await expectDockerError(
      t,
      () => d.containerCreate({ Image: "busybox" }, { name: "/dd-c1" }),
      recorded("create-name-conflict", { id }),
    );
    const generated = await runContainer(t, { cmd: ["true"], start: false });
    const name = (await t.run(() => d.containerInspect(generated))).Name;
    assert.match(name, /^\/[a-z]+_[a-z]+$/);
  });

  it("answers No such image with the default tag, so the CLI pulls", async () => {
    const t = await createTestDaemon();
    await expectDockerError(
      t,
      () => t.daemon.containerCreate({ Image: "nosuch:1" }),
      recorded("create-no-such-image"),
    );
    await expectDockerError(
      t,
      () => t.daemon.containerCreate({ Image: "nosuchimage" }),
      recorded("create-no-such-image-default-tag"),
    );
  });

  it("validates the restart policy and the command", async () => {
    const t = await createTestDaemon();
    const create =
      (hostConfig: HostConfig, extra: Partial<ContainerCreateRequest> = {}) =>
      () =>
        t.daemon.containerCreate({
          Image: "busybox",
          Cmd: ["true"],
          HostConfig: hostConfig,
          ...extra,
        });
    await expectDockerError(
      t,
      create({ AutoRemove: true, RestartPolicy: { Name: "always", MaximumRetryCount: 0 } }),
      recorded("create-autoremove-restart"),
    );
    await expectDockerError(
      t,
      create({ RestartPolicy: { Name: "bogus", MaximumRetryCount: 0 } }),
      recorded("create-bad-restart-policy"),
    );
    await expectDockerError(
      t,
      create({ RestartPolicy: { Name: "always", MaximumRetryCount: 2 } }),
      recorded("create-retry-count-always"),
    );
    await expectDockerError(
      t,
      create({ RestartPolicy: { Name: "on-failure", MaximumRetryCount: -1 } }),
      recorded("create-retry-count-negative"),
    );
    await expectDockerError(
      t,
      () => t.daemon.containerCreate({ Image: "busybox", Entrypoint: [""], Cmd: null }),
      recorded("create-no-command"),
    );
  });

  it("merges the image config as dockerd's merge does", async () => {
    const base = testBaseImage("app:1");
    const image = withConfig(base.image, {
      config: {
        env: ["PATH=/bin", "A=image", "B=image"],
        entrypoint: ["/bin/sh", "-c"],
        cmd: ["echo image"],
        workingDir: "/data",
        user: "1000",
        labels: { from: "image", keep: "image" },
        stopSignal: "SIGQUIT",
        volumes: ["/data"],
      },
    });
    const t = await createTestDaemon({ images: [{ ...base, image }] });
    const d = t.daemon;
    const id = await runContainer(t, {
      Image: "app:1",
      cmd: ["echo user"],
      start: false,
      Env: ["A=user", "C=user"],
      Labels: { from: "user" },
    });
    const config = (await t.run(() => d.containerInspect(id))).Config;
    assert.deepEqual(config.Env, ["A=user", "C=user", "PATH=/bin", "B=image"]);
    assert.deepEqual(config.Entrypoint, ["/bin/sh", "-c"]);
    assert.deepEqual(config.Cmd, ["echo user"]);
    assert.deepEqual(config.Labels, { from: "user", keep: "image" });
    assert.deepEqual(
      [config.WorkingDir, config.User, config.StopSignal, config.Image],
      ["/data", "1000", "SIGQUIT", "app:1"],
    );
    assert.deepEqual(config.Volumes, { "/data": {} });
    assert.equal(config.Hostname, id.slice(0, 12));
    const inspect = await t.run(() => d.containerInspect(id));
    assert.deepEqual([inspect.Path, inspect.Args], ["/bin/sh", ["-c", "echo user"]]);
    const reset = await runContainer(t, {
      Image: "app:1",
      cmd: ["x"],
      Entrypoint: [""],
      start: false,
    });
    const resetInspect = await t.run(() => d.containerInspect(reset));
    assert.deepEqual([resetInspect.Path, resetInspect.Config.Entrypoint], ["x", null]);
    const inherit = await runContainer(t, { Image: "app:1", cmd: [], start: false });
    assert.deepEqual((await t.run(() => d.containerInspect(inherit))).Args, ["-c", "echo image"]);
  });

  it("fills HostConfig with dockerd's defaults and keeps what the client sent", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["true"],
      start: false,
      hostConfig: { MemorySwappiness: -1, Dns: ["1.1.1.1"] },
    });
    const hostConfig = (await t.run(() => t.daemon.containerInspect(id))).HostConfig;
    assert.deepEqual(hostConfig.LogConfig, { Type: "json-file", Config: {} });
    assert.deepEqual(
      [hostConfig.NetworkMode, hostConfig.ShmSize, hostConfig.Runtime, hostConfig.MemorySwappiness],
      ["default", 67108864, "runc", null],
    );
    assert.deepEqual(hostConfig.Dns, ["1.1.1.1"]);
    assert.deepEqual(hostConfig.RestartPolicy, { Name: "no", MaximumRetryCount: 0 });
  });

  it("creates volumes for image VOLUMEs and -v, fills new ones from the image, binds host paths", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    await t.run(() => d.volumeCreate({ Name: "dd-v1" }));
    const id = await runContainer(t, {
      cmd: ["true"],
      start: false,
      Volumes: { "/data": {} },
      hostConfig: { Binds: ["named:/data2", "/srv/www:/www:ro"] },
    });
    const mounts = (await t.run(() => d.containerInspect(id))).Mounts;
    const anonymous = mounts.find((mount) => mount.Destination === "/data")!;
    assert.match(anonymous.Name ?? "", /^[a-f0-9]{64}$/);
    assert.deepEqual(
      { ...anonymous, Name: "" },
      {
        Type: "volume",
        Name: "",
        Source: `/var/lib/docker/volumes/${anonymous.Name}/_data`,
        Destination: "/data",
        Driver: "local",
        Mode: "",
        RW: true,
        Propagation: "",
      },
    );
    assert.deepEqual(mounts.find((mount) => mount.Destination === "/data2")?.Mode, "z");
    assert.deepEqual(
      mounts.find((mount) => mount.Destination === "/www"),
      {
        Type: "bind",
        Source: "/srv/www",
        Destination: "/www",
        Mode: "ro",
        RW: false,
        Propagation: "rprivate",
      },
    );
    const volume = d.context.volumes.get(anonymous.Name!);
    assert.equal(new TextDecoder().decode(volume.content.readFile("/seed.txt")), "seed\n");
    assert.ok(d.context.hostFs.exists("/srv/www"));
    await expectDockerError(t, () => d.volumeRemove("named"), {
      message: `remove named: volume is in use - [${id}]`,
      status: 409,
    });
  });
});
