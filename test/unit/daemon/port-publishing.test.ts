import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { ContainerCreateRequest } from "../../../src/engine/api-types.ts";
import { httpStatusOf } from "../../../src/engine/http-status.ts";
import { isDrydockError } from "../../../src/errors/drydock-error.ts";
import { runLine } from "../client/helpers/run-line.ts";
import { createTestDaemon, expectDockerError, type TestDaemon } from "./daemon-fixture.ts";

/**
 * Port publishing against dockerd 20.10 on a real bridge: every expected string below is in
 * test/fixtures/daemon/port-publishing.json, recorded with the docker CLI 28.2 (its `docker
 * port` and `docker ps` output included).
 */
const FIXTURE = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../fixtures/daemon/port-publishing.json", import.meta.url)),
    "utf8",
  ),
) as { cases: ({ case: string } & Record<string, unknown>)[] };

function recorded(name: string): Record<string, unknown> {
  const found = FIXTURE.cases.find((entry) => entry.case === name);
  assert.ok(found, name);
  return found;
}

function text(name: string, field: string, values: Record<string, string> = {}): string {
  const value = recorded(name)[field];
  assert.equal(typeof value, "string", `${name}.${field}`);
  return (value as string).replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

type Publish = { ports?: string[]; expose?: string[]; all?: boolean };

/**
 * The request the docker CLI sends for `-p`/`--expose`/`-P` (every `-p` port is also exposed):
 * `8080:80`, `127.0.0.1:9090:90/udp`, `80`, `127.0.0.1::81`, `[::1]:8085:80`, `8000-8001:80-81`.
 */
function publishRequest(options: Publish): Partial<ContainerCreateRequest> {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const spec of options.expose ?? []) exposed[spec.includes("/") ? spec : `${spec}/tcp`] = {};
  for (const spec of options.ports ?? []) {
    const [address, proto = "tcp"] = spec.split("/");
    const bracket = address!.startsWith("[") ? address!.indexOf("]") : -1;
    const ip = bracket < 0 ? "" : address!.slice(1, bracket);
    const parts = (bracket < 0 ? address! : address!.slice(bracket + 2)).split(":");
    const containerPorts = parts.pop()!;
    const hostPorts = parts.pop() ?? "";
    const hostIp = bracket < 0 ? (parts.pop() ?? "") : ip;
    const [first = 0, last = first] = containerPorts.split("-").map(Number);
    const [hostFirst, hostLast] = hostPorts === "" ? [] : hostPorts.split("-").map(Number);
    for (let port = first; port <= last; port++) {
      const key = `${port}/${proto}`;
      exposed[key] = {};
      const hostPort =
        hostFirst === undefined
          ? ""
          : String(hostFirst + (hostLast === undefined ? 0 : port - first));
      bindings[key] = [...(bindings[key] ?? []), { HostIp: hostIp, HostPort: hostPort }];
    }
  }
  // The CLI's request is a Go map: its keys come sorted.
  return {
    ExposedPorts: sortedKeys(exposed),
    HostConfig: { PortBindings: sortedKeys(bindings), PublishAllPorts: options.all === true },
  };
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function run(
  t: TestDaemon,
  name: string,
  options: Publish & { network?: string; cmd?: string[]; restart?: "always" } = {},
): Promise<string> {
  const request = publishRequest(options);
  return t.run(async () => {
    const { Id } = await t.daemon.containerCreate(
      {
        Image: "busybox",
        Cmd: options.cmd ?? ["sleep", "300"],
        ...request,
        HostConfig: {
          ...request.HostConfig,
          ...(options.network === undefined ? {} : { NetworkMode: options.network }),
          ...(options.restart === undefined
            ? {}
            : { RestartPolicy: { Name: options.restart, MaximumRetryCount: 0 } }),
        },
      },
      { name },
    );
    await t.daemon.containerStart(Id);
    return Id;
  });
}

async function portsOf(t: TestDaemon, name: string): Promise<string> {
  const inspect = await t.run(() => t.daemon.containerInspect(name));
  return JSON.stringify(inspect.NetworkSettings.Ports);
}

async function cli(t: TestDaemon, argv: string[]): Promise<{ stdout: string; stderr: string }> {
  return t.run(() => runLine(t.daemon, argv));
}

async function psPorts(t: TestDaemon, name: string): Promise<string> {
  return (await cli(t, ["ps", "-a", "--filter", `name=^/${name}$`, "--format", "{{.Ports}}"]))
    .stdout;
}

/** The endpoint ID named in a failure message. */
function endpointIdIn(message: string): string {
  return /\(([0-9a-f]{64})\)/.exec(message)?.[1] ?? "";
}

async function failedStart(
  t: TestDaemon,
  name: string,
  options: Parameters<typeof run>[2],
): Promise<string> {
  await assert.rejects(run(t, name, options));
  const inspect = await t.run(() => t.daemon.containerInspect(name));
  return (inspect.State as { Error: string }).Error;
}

describe("port publishing (dockerd 20.10 on a bridge)", () => {
  it("lists every exposed port, published ones on 0.0.0.0 and :: (inspect, ps, docker port)", async () => {
    const t = await createTestDaemon();
    const c = "published-and-exposed";
    await run(t, "web", { ports: ["8080:80", "127.0.0.1:9090:90/udp"], expose: ["7000"] });
    const inspect = await t.run(() => t.daemon.containerInspect("web"));
    assert.equal(JSON.stringify(inspect.HostConfig.PortBindings), text(c, "portBindings"));
    assert.equal(JSON.stringify(inspect.Config.ExposedPorts), text(c, "exposedPorts"));
    assert.equal(JSON.stringify(inspect.NetworkSettings.Ports), text(c, "ports"));
    const [row] = await t.run(() => t.daemon.containerList({}));
    assert.deepEqual(row!.Ports, recorded(c).apiPorts);
    assert.equal((await cli(t, ["port", "web"])).stdout, text(c, "dockerPort"));
    assert.equal((await cli(t, ["port", "web", "80"])).stdout, text(c, "dockerPort80"));
    assert.equal((await cli(t, ["port", "web", "7000"])).stderr, `${text(c, "dockerPort7000")}\n`);
    assert.equal(await psPorts(t, "web"), `${text(c, "psPorts")}\n`);
    // The inspect template sees a Go map of slices: null for the unpublished port.
    assert.equal(
      (await cli(t, ["inspect", "-f", "{{json .NetworkSettings.Ports}}", "web"])).stdout,
      `${text(c, "ports")}\n`,
    );
  });

  it("shows nothing for a created or stopped container, and releases the ports", async () => {
    const t = await createTestDaemon();
    const created = await t.run(async () => {
      const request = publishRequest({ ports: ["8081:80"], expose: ["7000"] });
      return (await t.daemon.containerCreate({ Image: "busybox", Cmd: ["true"], ...request })).Id;
    });
    assert.equal(await portsOf(t, created), text("created-and-stopped", "ports"));
    await run(t, "web", { ports: ["8080:80"] });
    await t.run(() => t.daemon.containerStop("web", { timeoutSeconds: 1 }));
    assert.equal(await portsOf(t, "web"), "{}");
    assert.equal(await psPorts(t, "web"), "\n");
    assert.equal((await cli(t, ["port", "web"])).stdout, "");
    // The port is free again, for another container and after a removal.
    await run(t, "web2", { ports: ["8080:80"] });
    await t.run(() => t.daemon.containerRemove("web2", { force: true }));
    await run(t, "web3", { ports: ["8080:80"] });
    assert.match(await portsOf(t, "web3"), /"8080"/);
  });

  it("-P and -p 80 take ephemeral ports from 32768, higher container ports first", async () => {
    const t = await createTestDaemon();
    const c = "publish-all-first";
    await run(t, "p1", { all: true, expose: ["80", "443", "53/udp"] });
    await run(t, "p2", { ports: ["80", "127.0.0.1::81"] });
    assert.equal(await portsOf(t, "p1"), text(c, "ports"));
    assert.equal(await portsOf(t, "p2"), text(c, "secondPorts"));
    const p2 = await t.run(() => t.daemon.containerInspect("p2"));
    assert.equal(JSON.stringify(p2.HostConfig.PortBindings), text(c, "secondPortBindings"));
    assert.equal(await psPorts(t, "p1"), `${text(c, "firstPsPorts")}\n`);
    assert.equal(await psPorts(t, "p2"), `${text(c, "secondPsPorts")}\n`);
    assert.equal((await cli(t, ["port", "p1"])).stdout, text(c, "firstDockerPort"));
    // Freed ports are not reused: the allocator goes on from the last one it gave.
    await t.run(() => t.daemon.containerRemove("p1", { force: true }));
    await t.run(() => t.daemon.containerRemove("p2", { force: true }));
    const expected = recorded("publish-all-order").ports as string[];
    for (const [index, ports] of expected.entries()) {
      await run(t, `q${index}`, { all: true, expose: ["80", "443", "53/udp", "8000"] });
      assert.equal(await portsOf(t, `q${index}`), ports);
    }
  });

  it("mixes explicit and ephemeral bindings in nat.SortPortMap's order", async () => {
    const t = await createTestDaemon();
    await run(t, "m1", { ports: ["8100:80", "90", "91"], expose: ["100"], all: true });
    // Recorded with 0.0.0.0/tcp last at 32798 (::/tcp at 32797); here both start afresh.
    const recordedPorts = JSON.parse(text("mixed-explicit-and-ephemeral", "ports")) as Record<
      string,
      { HostIp: string; HostPort: string }[]
    >;
    const shifted = Object.fromEntries(
      Object.entries(recordedPorts).map(([key, bindings]) => [
        key,
        bindings.map((binding) => {
          const port = Number(binding.HostPort);
          if (port < 32768) return binding;
          return { ...binding, HostPort: String(port - (binding.HostIp === "::" ? 30 : 31)) };
        }),
      ]),
    );
    assert.equal(await portsOf(t, "m1"), JSON.stringify(shifted));
  });

  it("several bindings of one port, tcp and udp of one number: dockerd's order, the CLI's sort", async () => {
    const t = await createTestDaemon();
    await run(t, "a1", { ports: ["8080:80", "8081:80", "127.0.0.1:8082:80"] });
    const c = "several-bindings-one-port";
    assert.equal(await portsOf(t, "a1"), text(c, "ports"));
    assert.equal((await cli(t, ["port", "a1"])).stdout, text(c, "dockerPort"));
    assert.equal(await psPorts(t, "a1"), `${text(c, "psPorts")}\n`);
    await t.run(() => t.daemon.containerRemove("a1", { force: true }));
    const d = "same-port-tcp-and-udp";
    await run(t, "a2", {
      ports: ["8080:80", "8081:80", "127.0.0.1:8082:80", "53:53/udp", "53:53"],
    });
    assert.equal(await portsOf(t, "a2"), text(d, "ports"));
    assert.equal((await cli(t, ["port", "a2", "80"])).stdout, text(d, "dockerPort80"));
    assert.equal((await cli(t, ["port", "a2"])).stdout, text(d, "dockerPort"));
    assert.equal(await psPorts(t, "a2"), `${text(d, "psPorts")}\n`);
  });

  it("ranges: one host port per container port; a host range gives its first free port", async () => {
    const t = await createTestDaemon();
    const c = "ranges";
    const request = publishRequest({
      ports: ["8000-8001:80-81", "7000-7001:7000-7001", "7003:7003"],
    });
    // `-p 9000-9010:90` (the drydock CLI refuses it; the CLI 28.2 sends this binding).
    const bindings = {
      ...request.HostConfig!.PortBindings,
      "90/tcp": [{ HostIp: "", HostPort: "9000-9010" }],
    };
    const create = (name: string, portBindings: typeof bindings) =>
      t.run(async () => {
        const { Id } = await t.daemon.containerCreate(
          {
            Image: "busybox",
            Cmd: ["sleep", "300"],
            ExposedPorts: Object.fromEntries(Object.keys(portBindings).map((key) => [key, {}])),
            HostConfig: { PortBindings: portBindings },
          },
          { name },
        );
        await t.daemon.containerStart(Id);
      });
    await create("a2", bindings);
    const inspect = await t.run(() => t.daemon.containerInspect("a2"));
    assert.equal(JSON.stringify(inspect.HostConfig.PortBindings), text(c, "portBindings"));
    assert.equal(await portsOf(t, "a2"), text(c, "ports"));
    assert.equal((await cli(t, ["port", "a2"])).stdout, text(c, "dockerPort"));
    assert.equal(await psPorts(t, "a2"), `${text(c, "psPorts")}\n`);
    await create("a3", { "90/tcp": [{ HostIp: "", HostPort: "9000-9010" }] });
    assert.equal(await portsOf(t, "a3"), text(c, "secondPorts"));
  });

  it("an address given is used alone; a network's host_binding_ipv4 replaces 0.0.0.0 and ::", async () => {
    const t = await createTestDaemon();
    const c = "explicit-host-ips";
    await run(t, "v6", { ports: ["[::1]:8085:80", "0.0.0.0:8086:81", "[::]:8087:82"] });
    assert.equal(await portsOf(t, "v6"), text(c, "ports"));
    assert.equal((await cli(t, ["port", "v6"])).stdout, text(c, "dockerPort"));
    assert.equal(await psPorts(t, "v6"), `${text(c, "psPorts")}\n`);
    await t.run(() =>
      t.daemon.networkCreate({
        Name: "lo4",
        Options: { "com.docker.network.bridge.host_binding_ipv4": "127.0.0.1" },
      }),
    );
    await run(t, "l1", { network: "lo4", ports: ["8097:80", "0.0.0.0:8098:81"] });
    assert.equal(await portsOf(t, "l1"), text("host-binding-ipv4-option", "ports"));
  });

  it("a host port taken: dockerd's 500, the container stays created with exit code 128", async () => {
    const t = await createTestDaemon();
    const c = "conflict-allocated";
    await run(t, "web", { ports: ["8080:80"] });
    const since = String(t.loop.clock.nowUs() / 1e6);
    const request = publishRequest({ ports: ["8080:80"] });
    const id = await t.run(
      async () =>
        (
          await t.daemon.containerCreate(
            { Image: "busybox", Cmd: ["sleep", "300"], ...request },
            { name: "web2" },
          )
        ).Id,
    );
    const start = async () => {
      try {
        await t.run(() => t.daemon.containerStart(id));
      } catch (error) {
        assert.ok(isDrydockError(error));
        assert.equal(httpStatusOf(error.code), recorded(c).status);
        return error.message;
      }
      assert.fail("the start should fail");
    };
    const first = await start();
    const endpointId = endpointIdIn(first);
    assert.equal(first, text(c, "message", { name: "web2", id: endpointId }));
    const inspect = await t.run(() => t.daemon.containerInspect(id));
    assert.equal(JSON.stringify(inspect.State), text(c, "state", { name: "web2", id: endpointId }));
    assert.equal(JSON.stringify(inspect.NetworkSettings.Ports), "{}");
    const settings = inspect.NetworkSettings as Record<string, unknown>;
    assert.notEqual(settings.SandboxID, "");
    assert.equal(settings.EndpointID, "");
    assert.equal(settings.IPAddress, "");
    // Only `network disconnect` (the sandbox existed): no `connect`, no `start`.
    const until = String(t.loop.clock.nowUs() / 1e6);
    const actions: string[] = [];
    for await (const event of t.daemon.events({ since, until })) {
      if (event.Actor.Attributes.container === id || event.Actor.ID === id)
        actions.push(`${event.Type} ${event.Action}`);
    }
    assert.deepEqual(actions, ["container create", "network disconnect"]);
    // Each attempt is a new endpoint; `docker start` says so as dockerd did.
    const second = await start();
    assert.notEqual(endpointIdIn(second), endpointId);
    const again = await cli(t, ["start", "web2"]);
    const third = endpointIdIn(again.stderr);
    // The CLI 28.2 then adds `Error: failed to start containers: web2`; drydock's start
    // command does not print that line yet (src/client/commands/start.ts).
    const [firstLine] = text(c, "startAgain", { name: "web2", id: third }).split("\n");
    assert.equal(again.stderr.split("\n")[0], firstLine);
  });

  it("the proxies' sockets: 127.0.0.1 after 0.0.0.0, :: after ::1, udp; a port twice in one container", async () => {
    const t = await createTestDaemon();
    await run(t, "c1", { ports: ["8080:80", "[::1]:8095:80", "127.0.0.1:8096:80/udp"] });
    const cases: [string, string, Publish][] = [
      ["conflict-proxy-ipv4", "c2", { ports: ["127.0.0.1:8080:80"] }],
      ["conflict-proxy-ipv6", "x2", { ports: ["8095:80"] }],
      ["conflict-proxy-udp", "x3", { ports: ["8096:80/udp"] }],
      ["conflict-with-itself", "d1", { ports: ["8099:80", "8099:80"] }],
    ];
    for (const [name, container, options] of cases) {
      const error = await failedStart(t, container, options);
      assert.equal(error, text(name, "message", { name: container, id: endpointIdIn(error) }));
    }
    // The IPv4 binding of x2 (0.0.0.0:8095) went back when its IPv6 one failed.
    await run(t, "x4", { ports: ["0.0.0.0:8095:81"] });
  });

  it("an ephemeral port whose proxy cannot listen is retried (up to ten times)", async () => {
    const t = await createTestDaemon();
    await run(t, "p1", { all: true, expose: ["80", "443", "53/udp"] });
    await run(t, "p2", { ports: ["127.0.0.1::81"] });
    assert.equal(await portsOf(t, "p2"), '{"81/tcp":[{"HostIp":"127.0.0.1","HostPort":"32770"}]}');
  });

  it("host and none publish nothing; host warns; container mode refuses ports", async () => {
    const t = await createTestDaemon();
    const c = "host-and-none";
    const warnings = await t.run(() =>
      t.daemon.containerCreate(
        {
          Image: "busybox",
          Cmd: ["sleep", "300"],
          ...publishRequest({ ports: ["8090:80"], expose: ["7000"] }),
          HostConfig: {
            NetworkMode: "host",
            PortBindings: { "80/tcp": [{ HostIp: "", HostPort: "8090" }] },
          },
        },
        { name: "h1" },
      ),
    );
    assert.deepEqual(warnings.Warnings, recorded(c).hostWarnings);
    await t.run(() => t.daemon.containerStart("h1"));
    assert.equal(await portsOf(t, "h1"), text(c, "ports"));
    await run(t, "n1", { network: "none", ports: ["8091:80"], expose: ["7000"] });
    assert.equal(await portsOf(t, "n1"), text(c, "ports"));
    assert.equal(await psPorts(t, "n1"), "\n");
    const mode = recorded("container-mode");
    const create = (extra: Partial<ContainerCreateRequest>, hostConfig: object) => () =>
      t.daemon.containerCreate({
        Image: "busybox",
        Cmd: ["true"],
        ...extra,
        HostConfig: { NetworkMode: "container:n1", ...hostConfig },
      });
    const status = mode.status as number;
    await expectDockerError(
      t,
      create({}, { PortBindings: { "80/tcp": [{ HostIp: "", HostPort: "8080" }] } }),
      { status, message: mode.publishMessage as string },
    );
    await expectDockerError(t, create({}, { PublishAllPorts: true }), {
      status,
      message: mode.publishMessage as string,
    });
    await expectDockerError(t, create({ ExposedPorts: { "80/tcp": {} } }, {}), {
      status,
      message: mode.exposeMessage as string,
    });
  });

  it("checks port specifications at create; publishes only exposed ports", async () => {
    const t = await createTestDaemon();
    const c = recorded("invalid-port-specification");
    const messages = c.messages as Record<string, string>;
    for (const [spec, message] of Object.entries(messages)) {
      const portBindings = spec.includes("/")
        ? { [spec]: [{ HostIp: "", HostPort: "1" }] }
        : { "80/tcp": [{ HostIp: "", HostPort: spec }] };
      await expectDockerError(
        t,
        () =>
          t.daemon.containerCreate({
            Image: "busybox",
            Cmd: ["true"],
            ExposedPorts: { "80/tcp": {} },
            HostConfig: { PortBindings: portBindings },
          }),
        { status: c.status as number, message },
      );
    }
    await t.run(() =>
      t.daemon.containerCreate(
        {
          Image: "busybox",
          Cmd: ["sleep", "300"],
          HostConfig: {
            PortBindings: {
              "80/tcp": [{ HostIp: "", HostPort: "8080" }],
              "53/udp": [{ HostIp: "", HostPort: "5353" }],
            },
          },
        },
        { name: "api1" },
      ),
    );
    await t.run(() => t.daemon.containerStart("api1"));
    assert.equal(await portsOf(t, "api1"), text("api-bindings-without-exposed-ports", "ports"));
  });

  it("ps filters publish= (host ports) and expose= (container ports) of running containers", async () => {
    const t = await createTestDaemon();
    const c = recorded("ps-port-filters");
    await run(t, "f1", { ports: ["8080:80"], expose: ["7000"] });
    await run(t, "f2", { all: true, expose: ["90"] });
    await t.run(() =>
      t.daemon.containerCreate(
        { Image: "busybox", Cmd: ["sleep", "300"], ...publishRequest({ ports: ["9000:53/udp"] }) },
        { name: "f3" },
      ),
    );
    const byFilter = (filter: string) => {
      const equals = filter.indexOf("=");
      return { [filter.slice(0, equals)]: [filter.slice(equals + 1)] };
    };
    for (const [filter, names] of Object.entries(c.matches as Record<string, string[]>)) {
      const rows = await t.run(() =>
        t.daemon.containerList({ all: true, filters: byFilter(filter) }),
      );
      assert.deepEqual(rows.map((row) => row.Names[0]!.slice(1)).sort(), names, filter);
    }
    for (const [filter, message] of Object.entries(c.errors as Record<string, string>)) {
      await expectDockerError(
        t,
        async () => t.daemon.containerList({ all: true, filters: byFilter(filter) }),
        { status: c.status as number, message },
      );
    }
  });

  it("user bridges publish as the default one; internal networks do not", async () => {
    const t = await createTestDaemon();
    const c = "user-and-internal-networks";
    await t.run(() => t.daemon.networkCreate({ Name: "un" }));
    await t.run(() => t.daemon.networkCreate({ Name: "inet", Internal: true }));
    await run(t, "u1", { network: "un", ports: ["8092:80"], expose: ["7000"] });
    assert.equal(await portsOf(t, "u1"), text(c, "ports"));
    await run(t, "i1", { network: "inet", ports: ["8093:80"], expose: ["7000"] });
    assert.equal(await portsOf(t, "i1"), text(c, "internalPorts"));
    // gateway-moves: bridge sorts before un, so it takes the ports; Ports does not change.
    await t.run(() => t.daemon.networkConnect("bridge", { Container: "u1" }));
    assert.equal(await portsOf(t, "u1"), text(c, "ports"));
    await t.run(() => t.daemon.networkDisconnect("un", { Container: "u1" }));
    assert.equal(await portsOf(t, "u1"), text(c, "ports"));
    const error = await failedStart(t, "u2", { network: "un", ports: ["8092:80"] });
    assert.match(error, /Bind for 0\.0\.0\.0:8092 failed: port is already allocated$/);
    await t.run(() => t.daemon.networkConnect("un", { Container: "u1" }));
    await t.run(() => t.daemon.networkDisconnect("bridge", { Container: "u1" }));
    assert.equal(await portsOf(t, "u1"), text(c, "ports"));
    await t.run(() => t.daemon.containerRemove("u1", { force: true }));
    await t.run(() => t.daemon.containerStart("u2"));
    assert.equal(await portsOf(t, "u2"), text(c, "ports").replace('"7000/tcp":null,', ""));
  });

  it("a network sorting before bridge takes the ports from it, with new ephemeral ports", async () => {
    const t = await createTestDaemon();
    const c = "second-network-sorts-first";
    await t.run(() => t.daemon.networkCreate({ Name: "aaa" }));
    // Recorded with 0.0.0.0/tcp last at 32802 and ::/tcp at 32801; here both start afresh at
    // 32768, so every recorded ephemeral port is 35 (IPv4) or 34 (IPv6) higher.
    const shifted = (name: string) =>
      text(c, name).replace(
        /"HostIp":"(0\.0\.0\.0|::)","HostPort":"(3\d{4})"/g,
        (_, ip, port) => `"HostIp":"${ip}","HostPort":"${Number(port) - (ip === "::" ? 34 : 35)}"`,
      );
    const request = publishRequest({ ports: ["80", "8080:81"] });
    const g1 = await t.run(
      async () =>
        (await t.daemon.containerCreate({ Image: "busybox", Cmd: ["sleep", "300"], ...request }))
          .Id,
    );
    await t.run(() => t.daemon.networkConnect("aaa", { Container: g1 }));
    await t.run(() => t.daemon.containerStart(g1));
    assert.equal(await portsOf(t, g1), shifted("ports"));
    await run(t, "g2", { ports: ["80"] });
    assert.equal(await portsOf(t, "g2"), shifted("nextPorts"));
    assert.match(await failedStart(t, "g3", { ports: ["8080:81"] }), /0\.0\.0\.0:8080 failed/);
    await run(t, "g4", { ports: ["90"] });
    await t.run(() => t.daemon.networkConnect("aaa", { Container: "g4" }));
    assert.equal(await portsOf(t, "g4"), shifted("movedPorts"));
    await run(t, "g5", { ports: ["90"] });
    assert.equal(await portsOf(t, "g5"), shifted("afterMovePorts"));
  });

  it("restarts keep explicit host ports and take new ephemeral ones; disconnect releases them", async () => {
    const t = await createTestDaemon();
    await run(t, "r1", {
      ports: ["8080:80"],
      expose: ["90"],
      all: true,
      restart: "always",
      cmd: ["sh", "-c", "sleep 2; exit 3"],
    });
    const ports = (v4: number, v6: number) =>
      `{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"},{"HostIp":"::","HostPort":"8080"}],"90/tcp":[{"HostIp":"0.0.0.0","HostPort":"${v4}"},{"HostIp":"::","HostPort":"${v6}"}]}`;
    assert.equal(await portsOf(t, "r1"), ports(32768, 32768));
    await t.advance(2);
    // Between the exit and the restart (100 ms later) nothing is published.
    assert.equal(await portsOf(t, "r1"), "{}");
    await t.advance(0.5);
    assert.equal(await portsOf(t, "r1"), ports(32769, 32769));
    await t.run(() => t.daemon.containerRestart("r1", { timeoutSeconds: 0 }));
    assert.equal(await portsOf(t, "r1"), ports(32770, 32770));
    await t.run(() => t.daemon.containerRemove("r1", { force: true }));

    const e = "disconnect-and-connect-bridge";
    await run(t, "e1", { ports: ["80"] });
    const one = (v4: number, v6: number) =>
      `{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"${v4}"},{"HostIp":"::","HostPort":"${v6}"}]}`;
    assert.equal(await portsOf(t, "e1"), one(32771, 32771));
    await t.run(() => t.daemon.containerStop("e1", { timeoutSeconds: 0 }));
    await t.run(() => t.daemon.containerStart("e1"));
    assert.equal(await portsOf(t, "e1"), one(32772, 32772));
    await t.run(() => t.daemon.networkDisconnect("bridge", { Container: "e1" }));
    assert.equal(await portsOf(t, "e1"), (recorded(e).ports as string[])[2]);
    assert.equal((await cli(t, ["port", "e1"])).stdout, "");
    await t.run(() => t.daemon.networkConnect("bridge", { Container: "e1" }));
    assert.equal(await portsOf(t, "e1"), one(32773, 32773));
  });

  it("is deterministic: the same requests give the same ports and endpoint IDs", async () => {
    const once = async () => {
      const t = await createTestDaemon({ seed: 7 });
      await run(t, "web", { ports: ["8080:80", "90"], all: true, expose: ["100"] });
      const error = await failedStart(t, "web2", { ports: ["8080:80"] });
      return `${await portsOf(t, "web")} ${error}`;
    };
    assert.equal(await once(), await once());
  });
});
