import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  createTestDaemon,
  expectDockerError,
  runContainer,
  type TestDaemon,
} from "./daemon-fixture.ts";

/** Recorded on dockerd 20.10 (see the fixture's `source`). */
const FIXTURE = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../fixtures/daemon/network-connect.json", import.meta.url)),
    "utf8",
  ),
) as {
  cases: { case: string; status: number; message: string }[];
  hosts: { afterConnect: string; afterDisconnect: string };
};

function recorded(name: string, values: Record<string, string> = {}) {
  const found = FIXTURE.cases.find((entry) => entry.case === name);
  assert.ok(found, name);
  return {
    status: found.status,
    message: found.message.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole),
  };
}

function hostsOf(t: TestDaemon, id: string): string {
  const view = t.daemon.context.containers.get(id).view!;
  return new TextDecoder().decode(view.readFile("/etc/hosts"));
}

/** The network events logged so far, as `action name`. */
async function networkEvents(t: TestDaemon): Promise<string[]> {
  const until = String(t.loop.clock.nowUs() / 1e6);
  const out: string[] = [];
  const events = t.daemon.events({ since: "0", until, filters: { type: ["network"] } });
  for await (const event of events) out.push(`${event.Action} ${event.Actor.Attributes.name}`);
  return out;
}

describe("network connect / disconnect", () => {
  it("joins a running container at once: address, aliases, /etc/hosts line, one event", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    await t.run(() => d.networkCreate({ Name: "n1" }));
    await t.run(() => d.networkCreate({ Name: "n2" }));
    const id = await runContainer(t, { cmd: ["sleep", "300"], hostConfig: { NetworkMode: "n1" } });
    const short = id.slice(0, 12);
    await t.run(() =>
      d.networkConnect("n2", {
        Container: id,
        EndpointConfig: { Aliases: ["web"], IPAMConfig: {} },
      }),
    );
    // The recorded file, with this container's short ID as its hostname.
    assert.equal(hostsOf(t, id), FIXTURE.hosts.afterConnect.replaceAll("27b95eceb7a5", short));
    const networks = (await t.run(() => d.containerInspect(id))).NetworkSettings.Networks as Record<
      string,
      { Aliases: string[] | null; IPAddress: string; IPAMConfig: unknown; DriverOpts: unknown }
    >;
    assert.deepEqual(Object.keys(networks), ["n1", "n2"]);
    assert.deepEqual(networks.n1!.Aliases, [short]);
    assert.deepEqual(networks.n2!.Aliases, ["web", short]);
    assert.equal(networks.n2!.IPAddress, "172.19.0.2");
    assert.deepEqual(networks.n2!.IPAMConfig, {});
    assert.equal(networks.n2!.DriverOpts, null);
    const inspect = await t.run(() => d.networkInspect("n2"));
    assert.deepEqual(Object.keys(inspect.Containers), [id]);
    const name = (await t.run(() => d.containerInspect(id))).Name.slice(1);
    await expectDockerError(
      t,
      () => d.networkConnect("n2", { Container: id }),
      recorded("connect-running-twice", { name, network: "n2" }),
    );
    await t.run(() => d.networkDisconnect("n2", { Container: id }));
    // dockerd 20.10 drops every line naming the container, the n1 one included.
    assert.equal(hostsOf(t, id), FIXTURE.hosts.afterDisconnect);
    assert.deepEqual(Object.keys((await t.run(() => d.networkInspect("n2"))).Containers), []);
    await expectDockerError(
      t,
      () => d.networkDisconnect("n2", { Container: id }),
      recorded("disconnect-running-not-connected", { id, network: "n2" }),
    );
    assert.deepEqual((await networkEvents(t)).slice(-4), [
      "connect n1",
      "connect n2",
      "disconnect n2",
      "disconnect n2",
    ]);
  });

  it("records a stopped container's endpoint without an event; a second connect is a no-op", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    await t.run(() => d.networkCreate({ Name: "n1" }));
    const id = await runContainer(t, { cmd: ["true"], start: false });
    await t.run(() => d.networkConnect("n1", { Container: id }));
    await t.run(() => d.networkConnect("n1", { Container: id }));
    const networks = (await t.run(() => d.containerInspect(id))).NetworkSettings.Networks as Record<
      string,
      unknown
    >;
    assert.deepEqual(Object.keys(networks), ["bridge", "n1"]);
    assert.deepEqual((networks.n1 as { Aliases: string[] }).Aliases, [id.slice(0, 12)]);
    assert.deepEqual(await networkEvents(t), ["create n1"]);
    await t.run(() => d.networkDisconnect("n1", { Container: id }));
    assert.deepEqual(await networkEvents(t), ["create n1", "disconnect n1"]);
    await expectDockerError(
      t,
      () => d.networkDisconnect("n1", { Container: id }),
      recorded("disconnect-stopped-not-connected", { id, network: "n1" }),
    );
  });

  it("refuses as dockerd does", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    await t.run(() => d.networkCreate({ Name: "n1" }));
    const plain = await runContainer(t, { cmd: ["sleep", "300"], name: "plain" });
    const host = await runContainer(t, {
      cmd: ["sleep", "300"],
      hostConfig: { NetworkMode: "host" },
    });
    const none = await runContainer(t, {
      cmd: ["sleep", "300"],
      hostConfig: { NetworkMode: "none" },
    });
    const cases: [() => Promise<unknown>, ReturnType<typeof recorded>][] = [
      [
        () => d.networkConnect("nonet", { Container: plain }),
        recorded("connect-no-network", { network: "nonet" }),
      ],
      [
        () => d.networkConnect("n1", { Container: "nocont" }),
        recorded("connect-no-container", { name: "nocont" }),
      ],
      [() => d.networkConnect("n1", { Container: host }), recorded("connect-host-container")],
      [() => d.networkConnect("host", { Container: plain }), recorded("connect-to-host")],
      [() => d.networkConnect("none", { Container: plain }), recorded("connect-to-none")],
      [() => d.networkConnect("n1", { Container: "" }), recorded("connect-empty-container")],
      [
        () =>
          d.networkConnect("n1", {
            Container: plain,
            EndpointConfig: { IPAMConfig: { IPv4Address: "172.18.9.9" } },
          }),
        recorded("connect-ip-without-subnet"),
      ],
      [
        () => d.networkDisconnect("nonet", { Container: plain }),
        recorded("disconnect-no-network", { network: "nonet" }),
      ],
      [
        () => d.networkDisconnect("nonet", { Container: plain, Force: true }),
        recorded("disconnect-force-no-network", { id: plain, network: "nonet" }),
      ],
      [
        () => d.networkDisconnect("n1", { Container: "nocont" }),
        recorded("disconnect-no-container", { name: "nocont" }),
      ],
      [
        () => d.networkDisconnect("n1", { Container: "nocont", Force: true }),
        recorded("disconnect-force-no-container", { name: "nocont" }),
      ],
      [() => d.networkDisconnect("host", { Container: host }), recorded("disconnect-host")],
    ];
    for (const [work, expected] of cases) await expectDockerError(t, work, expected);
    // Leaving `none` is allowed; then the container may join a network.
    await t.run(() => d.networkDisconnect("none", { Container: none }));
    await t.run(() => d.networkConnect("n1", { Container: none }));
  });

  it("prunes user networks without active endpoints, with label and until filters", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    for (const Name of ["b-used", "a-idle", "c-stopped"])
      await t.run(() =>
        d.networkCreate({ Name, Labels: { keep: Name === "a-idle" ? "no" : "yes" } }),
      );
    await runContainer(t, { cmd: ["sleep", "300"], hostConfig: { NetworkMode: "b-used" } });
    await runContainer(t, {
      cmd: ["true"],
      start: false,
      hostConfig: { NetworkMode: "c-stopped" },
    });
    const none = await t.run(() => d.networkPrune({ filters: { label: ["keep=maybe"] } }));
    assert.deepEqual(none.deleted, []);
    const old = await t.run(() => d.networkPrune({ filters: { until: ["1000"] } }));
    assert.deepEqual(old.deleted, []);
    await expectDockerError(
      t,
      () => d.networkPrune({ filters: { bogus: ["x"] } }),
      recorded("prune-bad-filter"),
    );
    const report = await t.run(() => d.networkPrune());
    assert.deepEqual(report, { deleted: ["a-idle", "c-stopped"], SpaceReclaimed: 0 });
    assert.deepEqual(
      (await t.run(() => d.networkList())).map((network) => network.Name),
      ["b-used", "bridge", "host", "none"],
    );
    assert.deepEqual((await networkEvents(t)).slice(-3), [
      "destroy a-idle",
      "destroy c-stopped",
      "prune undefined",
    ]);
  });
});
