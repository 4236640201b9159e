import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTestDaemon, expectDockerError, runContainer } from "./daemon-fixture.ts";
import { recordedMessage, recordedStatus } from "./recorded.ts";

const recorded = (name: string, values: Record<string, string> = {}) => ({
  message: recordedMessage(name, values),
  status: recordedStatus(name),
});

describe("volumes", () => {
  it("creates, lists, inspects and refuses as dockerd does", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const volume = await t.run(() => d.volumeCreate({ Name: "dd-v1" }));
    assert.deepEqual(volume, {
      CreatedAt: "2026-01-01T00:00:00Z",
      Driver: "local",
      Labels: null,
      Mountpoint: "/var/lib/docker/volumes/dd-v1/_data",
      Name: "dd-v1",
      Options: null,
      Scope: "local",
    });
    assert.deepEqual(
      await t.run(() => d.volumeCreate({ Name: "dd-v1", Labels: { a: "b" } })),
      volume,
    );
    await expectDockerError(t, () => d.volumeCreate({ Name: "x" }), recorded("volume-short-name"));
    await expectDockerError(t, () => d.volumeCreate({ Name: "dd v" }), recorded("volume-bad-name"));
    await expectDockerError(
      t,
      () => d.volumeCreate({ Name: "dd-v2", Driver: "nfs" }),
      recorded("volume-bad-driver"),
    );
    await expectDockerError(t, () => d.volumeInspect("nosuch"), recorded("volume-no-such"));
    const id = await runContainer(t, {
      cmd: ["sleep", "300"],
      hostConfig: { Binds: ["dd-v1:/data"] },
    });
    await expectDockerError(
      t,
      () => d.volumeRemove("dd-v1", { force: true }),
      recorded("volume-in-use", { id }),
    );
    const dangling = await t.run(() => d.volumeList({ filters: { dangling: ["true"] } }));
    assert.deepEqual(dangling.Volumes, []);
    await t.run(() => d.volumeRemove("nosuch", { force: true }));
  });

  it("prunes every unused volume, as API 1.41 does; rm -v removes only anonymous ones", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const id = await runContainer(t, {
      cmd: ["true"],
      start: false,
      Volumes: { "/anon": {} },
      hostConfig: { Binds: ["named:/named"] },
    });
    await t.run(() => d.volumeCreate({ Name: "unused" }));
    await t.run(() => d.containerRemove(id, { volumes: true }));
    assert.deepEqual(
      (await t.run(() => d.volumeList())).Volumes.map((volume) => volume.Name),
      ["named", "unused"],
    );
    const report = await t.run(() => d.volumePrune());
    assert.deepEqual(report.deleted, ["named", "unused"]);
  });
});

describe("networks", () => {
  it("has dockerd's predefined networks and allocates addresses on start", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    assert.deepEqual(
      (await t.run(() => d.networkList())).map((network) => [network.Name, network.Driver]),
      [
        ["bridge", "bridge"],
        ["host", "host"],
        ["none", "null"],
      ],
    );
    const { Id } = await t.run(() => d.networkCreate({ Name: "dd-n1", CheckDuplicate: true }));
    await expectDockerError(
      t,
      () => d.networkCreate({ Name: "dd-n1" }),
      recorded("network-duplicate"),
    );
    await expectDockerError(
      t,
      () => d.networkCreate({ Name: "bridge" }),
      recorded("network-predefined-create"),
    );
    await expectDockerError(
      t,
      () => d.networkCreate({ Name: "dd-n2", Driver: "foo" }),
      recorded("network-bad-driver"),
    );
    await expectDockerError(t, () => d.networkRemove("host"), recorded("network-remove-host"));
    await expectDockerError(t, () => d.networkInspect("nosuch"), recorded("network-no-such"));
    const first = await runContainer(t, {
      cmd: ["sleep", "300"],
      hostConfig: { NetworkMode: "dd-n1" },
    });
    const second = await runContainer(t, {
      cmd: ["sleep", "300"],
      hostConfig: { NetworkMode: "dd-n1" },
    });
    const network = await t.run(() => d.networkInspect("dd-n1"));
    assert.deepEqual(network.IPAM.Config, [{ Subnet: "172.18.0.0/16", Gateway: "172.18.0.1" }]);
    assert.deepEqual(
      Object.values(network.Containers).map(
        (entry) => (entry as { IPv4Address: string }).IPv4Address,
      ),
      [first, second].sort().map((id) => (id === first ? "172.18.0.2/16" : "172.18.0.3/16")),
    );
    await expectDockerError(
      t,
      () => d.networkRemove("dd-n1"),
      recorded("network-active-endpoints", { network: Id }),
    );
    const settings = (await t.run(() => d.containerInspect(first))).NetworkSettings as {
      Networks: Record<string, { MacAddress: string }>;
    };
    assert.equal(settings.Networks["dd-n1"]?.MacAddress, "02:42:ac:12:00:02");
    await t.run(() => d.containerRemove(first, { force: true }));
    await t.run(() => d.containerRemove(second, { force: true }));
    await t.run(() => d.networkRemove("dd-n1"));
  });

  it("fails the start, not the create, when the network is missing", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["true"],
      start: false,
      hostConfig: { NetworkMode: "nosuchnet" },
    });
    await expectDockerError(t, () => t.daemon.containerStart(id), {
      message: "network nosuchnet not found",
      status: 404,
    });
  });
});
