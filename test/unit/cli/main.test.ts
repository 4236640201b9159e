import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "../../../src/cli/main.ts";
import { dataRootOf } from "../../../src/cli/open-engine.ts";
import type { Engine } from "../../../src/engine/engine.ts";
import { bufferIo } from "../client/helpers/buffer-io.ts";
import { fakeEngine } from "../client/helpers/fake-engine.ts";

async function cli(argv: string[], engine: Engine = fakeEngine({})) {
  const io = bufferIo({ nowUs: Date.UTC(2026, 0, 1) * 1000 });
  const roots: string[] = [];
  const exitCode = await runCli(argv, {
    io: io.io,
    engine: (dataRoot) => {
      roots.push(dataRoot);
      return (work) => work(engine);
    },
  });
  return { exitCode, stdout: io.stdout(), stderr: io.stderr(), roots };
}

describe("the drydock command", () => {
  it("reports unknown commands and flags with docker's words and exit codes", async () => {
    assert.deepEqual(await cli(["frob"]), {
      exitCode: 1,
      stdout: "",
      stderr: "docker: unknown command: docker frob\n\nRun 'docker --help' for more information\n",
      roots: [],
    });
    const flag = await cli(["ps", "--bogus"]);
    assert.equal(flag.exitCode, 125);
    assert.equal(
      flag.stderr,
      "unknown flag: --bogus\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n",
    );
    const global = await cli(["--bogus", "ps"]);
    assert.equal(global.exitCode, 125);
    assert.equal(
      global.stderr,
      "unknown flag: --bogus\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n",
    );
    const missing = await cli(["run"]);
    assert.equal(missing.exitCode, 1);
    assert.equal(
      missing.stderr,
      "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n",
    );
    const runFlag = await cli(["run", "-e"]);
    assert.equal(runFlag.exitCode, 125);
  });

  it("prints help without opening an engine", async () => {
    const help = await cli(["ps", "--help"]);
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, /^Usage: {2}docker ps \[OPTIONS\]\n\nList containers\n/);
    assert.deepEqual(help.roots, []);
    const root = await cli([]);
    assert.match(root.stdout, /^Usage: {2}docker \[OPTIONS\] COMMAND\n/);
    const group = await cli(["image", "--help"]);
    assert.match(group.stdout, /^Usage: {2}docker image COMMAND\n\nManage images\n/);
    assert.equal((await cli(["-v"])).stdout, "Docker version 28.2.2-drydock, build drydock\n");
  });

  it("runs a command on the engine of the data root it was given", async () => {
    const engine = fakeEngine({
      volumeCreate: async (request) => ({ Name: request.Name ?? "" }) as never,
    });
    const result = await cli(["--data-root", "/tmp/dd-root", "volume", "create", "v1"], engine);
    assert.equal(result.stdout, "v1\n");
    assert.deepEqual(result.roots, ["/tmp/dd-root"]);
  });

  it("hands the container's own flags to run untouched", async () => {
    const requests: unknown[] = [];
    const engine = fakeEngine({
      containerCreate: async (request) => {
        requests.push(request);
        return { Id: "f".repeat(64), Warnings: [] };
      },
      containerStart: async () => undefined,
    });
    const result = await cli(
      ["container", "run", "-d", "-eA=1", "img", "sh", "-c", "echo $A", "-e", "x"],
      engine,
    );
    assert.equal(result.exitCode, 0);
    const request = requests[0] as { Cmd: string[]; Env: string[] };
    assert.deepEqual(request.Cmd, ["sh", "-c", "echo $A", "-e", "x"]);
    assert.deepEqual(request.Env, ["A=1"]);
  });

  it("keeps the demo command and refuses --host for now", async () => {
    assert.equal((await cli(["demo"])).exitCode, 0);
    const host = await cli(["-H", "unix:///x", "ps"]);
    assert.equal(host.exitCode, 1);
    assert.match(host.stderr, /--host is not supported yet/);
  });

  it("finds the data root in the flag, then $DRYDOCK_DATA_ROOT, then ~/.drydock", () => {
    assert.equal(dataRootOf("/a", { DRYDOCK_DATA_ROOT: "/b" }), "/a");
    assert.equal(dataRootOf(undefined, { DRYDOCK_DATA_ROOT: "/b" }), "/b");
    assert.match(dataRootOf(undefined, {}), /\.drydock$/);
  });
});
