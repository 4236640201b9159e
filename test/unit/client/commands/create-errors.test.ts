import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAddHost } from "../../../../src/client/commands/add-host.ts";
import { restartPolicy } from "../../../../src/client/commands/container-options.ts";
import { parsePortSpecs } from "../../../../src/client/commands/port-specs.ts";
import { DrydockError } from "../../../../src/errors/drydock-error.ts";
import { fakeEngine } from "../helpers/fake-engine.ts";
import { runLine } from "../helpers/run-line.ts";

/** What the CLI 28.2 printed against dockerd 20.10 (2026-11-28). */
describe("docker create's errors", () => {
  it("prints the daemon's refusal plainly with exit 1; its own option errors with docker: and 125", async () => {
    const engine = fakeEngine({
      containerCreate: async (request) => {
        const policy = request.HostConfig?.RestartPolicy;
        throw new DrydockError("InvalidArgument", `invalid restart policy '${policy?.Name}'`, {
          data: {},
        });
      },
    });
    const daemon = await runLine(engine, ["create", "--restart", "bogus", "busybox"]);
    assert.deepEqual(
      [daemon.stderr, daemon.exitCode],
      ["Error response from daemon: invalid restart policy 'bogus'\n", 1],
    );
    const own = await runLine(engine, ["create", "--restart", ":3", "busybox"]);
    assert.deepEqual(
      [own.stderr, own.exitCode],
      [
        "docker: invalid restart policy format: no policy provided before colon\n\nRun 'docker create --help' for more information\n",
        125,
      ],
    );
  });

  it("reads --restart as ParseRestartPolicy does: the form only, names and counts go to the daemon", () => {
    assert.deepEqual(restartPolicy("always:3"), { Name: "always", MaximumRetryCount: 3 });
    assert.deepEqual(restartPolicy("on-failure:-1"), { Name: "on-failure", MaximumRetryCount: -1 });
    assert.deepEqual(restartPolicy("bogus"), { Name: "bogus", MaximumRetryCount: 0 });
    assert.deepEqual(restartPolicy("always:"), { Name: "always", MaximumRetryCount: 0 });
    assert.throws(() => restartPolicy("on-failure:x"), /maximum retry count must be an integer/);
  });
});

describe("-p as nat.ParsePortSpec reads it", () => {
  it("gives one container port a host range to allocate from; refuses ranges of other lengths", () => {
    const parsed = parsePortSpecs(["9000-9010:90", "127.0.0.1:7000-7001:70-71/udp"], []);
    assert.deepEqual(parsed.bindings, {
      "90/tcp": [{ HostIp: "", HostPort: "9000-9010" }],
      "70/udp": [{ HostIp: "127.0.0.1", HostPort: "7000" }],
      "71/udp": [{ HostIp: "127.0.0.1", HostPort: "7001" }],
    });
    for (const [spec, text] of [
      ["9000-9001:90-92", "90-92 and 9000-9001"],
      ["8080:80-81", "80-81 and 8080"],
    ])
      assert.throws(
        () => parsePortSpecs([spec!], []),
        new RegExp(`invalid ranges specified for container and host Ports: ${text}`),
      );
  });
});

describe("start, run -d and rename failures", () => {
  const refuse = async (): Promise<never> => {
    throw new DrydockError("PermissionDenied", "Address already in use", { data: {} });
  };

  it("start reports each failure, then the names that failed", async () => {
    const engine = fakeEngine({
      containerStart: async (name) => (name === "ok" ? undefined : refuse()),
    });
    const result = await runLine(engine, ["start", "a", "ok", "b"]);
    assert.equal(result.stdout, "ok\n");
    assert.equal(
      result.stderr,
      "Error response from daemon: Address already in use\n".repeat(2) +
        "Error: failed to start containers: a, b\n",
    );
    assert.equal(result.exitCode, 1);
  });

  it("run -d prints the ID before the start fails", async () => {
    const engine = fakeEngine({
      containerCreate: async () => ({ Id: "c".repeat(64), Warnings: [] }),
      containerStart: refuse,
    });
    const result = await runLine(engine, ["run", "-d", "busybox"]);
    assert.equal(result.stdout, `${"c".repeat(64)}\n`);
    assert.match(result.stderr, /^docker: Error response from daemon: Address already in use\n/);
    assert.equal(result.exitCode, 125);
  });

  it("rename prints the daemon's message and its own line", async () => {
    const engine = fakeEngine({ containerRename: refuse });
    const result = await runLine(engine, ["rename", "old", "new"]);
    assert.equal(
      result.stderr,
      "Error response from daemon: Address already in use\nError: failed to rename container named old\n",
    );
    assert.equal(result.exitCode, 1);
  });
});

describe("--add-host as ValidateExtraHost reads it (CLI 28.2)", () => {
  it("normalises NAME=IP and bracketed IPv6 to NAME:IP, lets host-gateway through", () => {
    assert.deepEqual(parseAddHost("foo=1.2.3.4"), { entry: "foo:1.2.3.4" });
    assert.deepEqual(parseAddHost("v6:[::1]"), { entry: "v6:::1" });
    assert.deepEqual(parseAddHost("v6:::ffff:10.0.0.1"), { entry: "v6:::ffff:10.0.0.1" });
    assert.deepEqual(parseAddHost("hg:host-gateway"), { entry: "hg:host-gateway" });
  });

  it("refuses what the CLI refuses, with its words", async () => {
    assert.deepEqual(parseAddHost(":1.2.3.4"), { problem: 'bad format for add-host: ":1.2.3.4"' });
    assert.deepEqual(parseAddHost("foo:"), { problem: 'invalid IP address in add-host: ""' });
    const result = await runLine(fakeEngine({}), ["run", "--add-host", "foo:bad", "busybox"]);
    assert.match(
      result.stderr,
      /^invalid argument "foo:bad" for "--add-host" flag: invalid IP address in add-host: "bad"\n/,
    );
    assert.equal(result.exitCode, 125);
  });
});

describe("docker update --restart", () => {
  it("reads the policy as run does and reports a bad form with exit 1, unprefixed", async () => {
    const result = await runLine(fakeEngine({}), ["update", "--restart", ":3", "c1"]);
    assert.deepEqual(
      [result.stderr, result.exitCode],
      ["invalid restart policy format: no policy provided before colon\n", 1],
    );
  });
});
