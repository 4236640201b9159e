import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createTestDaemon,
  expectDockerError,
  runContainer,
  type TestDaemon,
} from "./daemon-fixture.ts";

/*
 * User subnets (`network create --subnet/--ip-range/--gateway/--aux-address`) and `--ip`, as
 * dockerd 20.10.24 answered on 2026-11-28 (messages and HTTP statuses from its API).
 */

function create(t: TestDaemon, name: string, ...config: Record<string, unknown>[]) {
  return t.run(() =>
    t.daemon.networkCreate({ Name: name, IPAM: { Driver: "default", Config: config } }),
  );
}

async function addressOf(t: TestDaemon, id: string): Promise<string> {
  const inspect = await t.run(() => t.daemon.containerInspect(id));
  return Object.values(endpoints(inspect.NetworkSettings.Networks))
    .map((n) => `${n.IPAddress}/${n.IPPrefixLen} gw ${n.Gateway}`)
    .join(" ");
}

interface EndpointView {
  readonly IPAddress: string;
  readonly IPPrefixLen: number;
  readonly Gateway: string;
  readonly IPAMConfig: unknown;
}

function endpoints(networks: unknown): Record<string, EndpointView> {
  return networks as Record<string, EndpointView>;
}

function onNetwork(network: string, ip?: string) {
  return {
    HostConfig: { NetworkMode: network },
    NetworkingConfig: {
      EndpointsConfig: { [network]: ip === undefined ? {} : { IPAMConfig: { IPv4Address: ip } } },
    },
  };
}

describe("user subnets and --ip", () => {
  it("shows the config as asked and hands out the lowest free address of the pool", async () => {
    const t = await createTestDaemon();
    await create(t, "a", { Subnet: "10.77.0.0/24", Gateway: "10.77.0.254" });
    await create(t, "c", { Subnet: "10.78.0.5/24" });
    await create(t, "e", { Subnet: "10.79.0.0/24", IPRange: "10.79.0.128/25" });
    await create(t, "j", {
      Subnet: "10.87.0.0/24",
      IPRange: "10.87.0.8/29",
      Gateway: "10.87.0.1",
      AuxiliaryAddresses: { a: "10.87.0.9" },
    });
    await t.run(() => t.daemon.networkCreate({ Name: "auto" }));
    const config = async (name: string) =>
      JSON.stringify((await t.run(() => t.daemon.networkInspect(name))).IPAM.Config);
    assert.equal(await config("c"), '[{"Subnet":"10.78.0.5/24"}]');
    assert.equal(await config("e"), '[{"Subnet":"10.79.0.0/24","IPRange":"10.79.0.128/25"}]');
    assert.equal(
      await config("j"),
      '[{"Subnet":"10.87.0.0/24","IPRange":"10.87.0.8/29","Gateway":"10.87.0.1","AuxiliaryAddresses":{"a":"10.87.0.9"}}]',
    );
    assert.equal(await config("auto"), '[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}]');
    const run = (network: string) =>
      runContainer(t, { cmd: ["sleep", "100"], ...onNetwork(network) });
    assert.equal(await addressOf(t, await run("a")), "10.77.0.1/24 gw 10.77.0.254");
    assert.equal(await addressOf(t, await run("c")), "10.78.0.2/24 gw 10.78.0.1");
    // Without --gateway the range's first address is the gateway.
    assert.equal(await addressOf(t, await run("e")), "10.79.0.129/24 gw 10.79.0.128");
    // The range's first address is free when the gateway is elsewhere; aux addresses are not.
    const j1 = await run("j");
    assert.equal(await addressOf(t, j1), "10.87.0.8/24 gw 10.87.0.1");
    const j2 = await run("j");
    assert.equal(await addressOf(t, j2), "10.87.0.10/24 gw 10.87.0.1");
    await t.run(() => t.daemon.containerRemove(j1, { force: true }));
    assert.equal(await addressOf(t, await run("j")), "10.87.0.8/24 gw 10.87.0.1");
  });

  it("refuses bad and overlapping subnets with dockerd's messages", async () => {
    const t = await createTestDaemon();
    await create(t, "a", { Subnet: "10.77.0.0/24" });
    const cases: [Record<string, unknown>[], string, number][] = [
      [[{ Subnet: "10.77.0.128/25" }], "Pool overlaps with other one on this address space", 403],
      [[{ Subnet: "172.17.0.0/16" }], "Pool overlaps with other one on this address space", 403],
      [[{ Subnet: "bogus" }], "Invalid subnet bogus : invalid CIDR address: bogus", 500],
      [[{ Gateway: "10.99.0.1" }], "Invalid subnet  : invalid CIDR address: ", 500],
      [
        [{ Subnet: "10.91.0.0/24" }, { Subnet: "10.92.0.0/24" }],
        "bridge driver doesn't support multiple subnets",
        403,
      ],
      [
        [{ Subnet: "10.93.0.0/24", Gateway: "10.94.0.1" }],
        "failed to allocate gateway (10.94.0.1): Requested address is out of range",
        500,
      ],
      [
        [{ Subnet: "10.100.0.0/24", Gateway: "10.100.0.255" }],
        "failed to allocate gateway (10.100.0.255): Address already in use",
        500,
      ],
      [
        [{ Subnet: "10.99.0.0/24", Gateway: "bogus" }],
        "invalid gateway address bogus in Ipam configuration",
        500,
      ],
      [
        [{ Subnet: "10.122.0.0/24", AuxiliaryAddresses: { a: "10.123.0.1" } }],
        "auxiliary address: (a:10.123.0.1) must belong to the master pool: 10.122.0.0/24",
        403,
      ],
      [
        [{ Subnet: "10.125.0.0/24", AuxiliaryAddresses: { a: "bogus" } }],
        "non parsable secondary ip address (a:bogus) passed for network x",
        500,
      ],
      [
        [{ Subnet: "10.99.0.0/24", IPRange: "bogus" }],
        'failed to parse pool request for address space "LocalDefault" pool "10.99.0.0/24" subpool "bogus": Invalid Address SubPool',
        500,
      ],
    ];
    for (const [config, message, status] of cases)
      await expectDockerError(t, () => create(t, "x", ...config), { message, status });
    // Nothing was made by the refused requests; automatic pools skip user subnets.
    await create(t, "own", { Subnet: "172.18.0.0/16" });
    await t.run(() => t.daemon.networkCreate({ Name: "auto" }));
    const auto = await t.run(() => t.daemon.networkInspect("auto"));
    assert.equal(auto.IPAM.Config?.[0]?.Subnet, "172.19.0.0/16");
  });

  it("gives --ip its address and fails the start as dockerd does when it cannot", async () => {
    const t = await createTestDaemon();
    await create(t, "a", { Subnet: "10.77.0.0/24", Gateway: "10.77.0.254" });
    await t.run(() => t.daemon.networkCreate({ Name: "auto" }));
    const fixed = await runContainer(t, { cmd: ["sleep", "100"], ...onNetwork("a", "10.77.0.9") });
    assert.equal(await addressOf(t, fixed), "10.77.0.9/24 gw 10.77.0.254");
    const inspect = await t.run(() => t.daemon.containerInspect(fixed));
    assert.deepEqual(endpoints(inspect.NetworkSettings.Networks).a?.IPAMConfig, {
      IPv4Address: "10.77.0.9",
    });
    const refusedStart = async (
      network: string,
      ip: string,
      expected: { message: string; status: number },
    ) => {
      const id = await runContainer(t, { cmd: ["true"], start: false, ...onNetwork(network, ip) });
      await expectDockerError(t, () => t.daemon.containerStart(id), expected);
      const state = (await t.run(() => t.daemon.containerInspect(id))).State;
      assert.deepEqual(
        [state.Status, state.ExitCode, state.Error],
        ["created", 128, expected.message],
      );
    };
    const inUse = { message: "Address already in use", status: 403 };
    await refusedStart("a", "10.77.0.9", inUse);
    await refusedStart("a", "10.77.0.254", inUse);
    await refusedStart("a", "10.77.0.0", inUse);
    await refusedStart("a", "10.99.0.9", {
      message: "Invalid address 10.99.0.9: It does not belong to any of this network's subnets",
      status: 500,
    });
    await refusedStart("auto", "172.18.0.50", {
      message:
        "user specified IP address is supported only when connecting to networks with user configured subnets",
      status: 400,
    });
    await refusedStart("bridge", "172.17.0.50", {
      message: "user specified IP address is supported on user defined networks only",
      status: 400,
    });
    await expectDockerError(
      t,
      () =>
        t.daemon.containerCreate({ Image: "busybox", Cmd: ["true"], ...onNetwork("a", "bogus") }),
      { message: "invalid IPv4 address: bogus", status: 400 },
    );
  });

  it("network connect --ip: stopped containers get it at start, running ones at once", async () => {
    const t = await createTestDaemon();
    await create(t, "e", { Subnet: "10.79.0.0/24", IPRange: "10.79.0.128/25" });
    await create(t, "j", { Subnet: "10.87.0.0/24", AuxiliaryAddresses: { a: "10.87.0.9" } });
    const stopped = await runContainer(t, { cmd: ["sleep", "100"], start: false });
    // An address outside the range but inside the subnet is allowed.
    await t.run(() =>
      t.daemon.networkConnect("e", {
        Container: stopped,
        EndpointConfig: { IPAMConfig: { IPv4Address: "10.79.0.5" } },
      }),
    );
    await t.run(() => t.daemon.containerStart(stopped));
    assert.match(await addressOf(t, stopped), /10\.79\.0\.5\/24 gw 10\.79\.0\.128/);
    const running = await runContainer(t, { cmd: ["sleep", "100"] });
    const connect = (ip: string) =>
      t.daemon.networkConnect("j", {
        Container: running,
        EndpointConfig: { IPAMConfig: { IPv4Address: ip } },
      });
    await expectDockerError(t, () => connect("10.87.0.9"), {
      message: "Address already in use",
      status: 403,
    });
    await expectDockerError(t, () => connect("bogus"), {
      message: "Invalid IPv4 address: bogus)",
      status: 500,
    });
    const networks = async () =>
      Object.keys(
        endpoints((await t.run(() => t.daemon.containerInspect(running))).NetworkSettings.Networks),
      );
    assert.deepEqual(await networks(), ["bridge"]);
    await t.run(() => connect("10.87.0.30"));
    assert.deepEqual(await networks(), ["bridge", "j"]);
    assert.match(await addressOf(t, running), /10\.87\.0\.30\/24 gw 10\.87\.0\.1/);
  });
});
