import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDaemonArgs, runDaemonCommand } from "../../../src/cli/daemon-command.ts";
import { parseEngineApiAddress } from "../../../src/node/engine-api-address.ts";

describe("drydock daemon: arguments", () => {
  it("reads -H, --data-root, --seed, --unpaced and --memory in both spellings", () => {
    assert.deepEqual(
      parseDaemonArgs(["-H", "unix:///tmp/a.sock", "--data-root=/d", "--seed", "7", "--unpaced"]),
      { host: "unix:///tmp/a.sock", dataRoot: "/d", seed: 7, unpaced: true, memory: false },
    );
    assert.deepEqual(parseDaemonArgs(["--host=tcp://127.0.0.1:2375", "--memory"]), {
      host: "tcp://127.0.0.1:2375",
      unpaced: false,
      memory: true,
    });
    assert.equal(parseDaemonArgs(["--help"]), "help");
  });

  it("refuses unknown flags, missing values and bad seeds", () => {
    assert.deepEqual(parseDaemonArgs(["--tls"]), { error: "unknown flag: --tls" });
    assert.deepEqual(parseDaemonArgs(["-H"]), { error: "flag needs an argument: -H" });
    assert.deepEqual(parseDaemonArgs(["--seed", "x"]), {
      error: 'invalid argument "x" for "--seed" flag',
    });
  });

  it("parses listen addresses: unix paths, loopback TCP only", () => {
    assert.deepEqual(parseEngineApiAddress("unix:///run/d.sock"), {
      kind: "unix",
      path: "/run/d.sock",
    });
    assert.deepEqual(parseEngineApiAddress("tcp://127.0.0.1:0"), {
      kind: "tcp",
      host: "127.0.0.1",
      port: 0,
    });
    assert.deepEqual(parseEngineApiAddress("tcp://[::1]:2375"), {
      kind: "tcp",
      host: "::1",
      port: 2375,
    });
    assert.throws(() => parseEngineApiAddress("tcp://0.0.0.0:2375"), /loopback addresses only/);
    assert.throws(() => parseEngineApiAddress("unix://rel.sock"), /absolute path/);
    assert.throws(() => parseEngineApiAddress("tcp://127.0.0.1:99999"), /invalid port/);
    assert.throws(() => parseEngineApiAddress("http://x"), /unix:\/\/\/PATH/);
  });

  it("exits 125 with usage on a bad flag, 1 on a bad address", async () => {
    const written: string[] = [];
    const sink = { write: (text: string) => void written.push(text) };
    const io = { stdout: sink, stderr: sink, env: {} } as unknown as Parameters<
      typeof runDaemonCommand
    >[1];
    assert.equal(await runDaemonCommand(["--nope"], io), 125);
    assert.match(written.join(""), /unknown flag: --nope\n\nUsage: {2}drydock daemon/);
    assert.equal(await runDaemonCommand(["-H", "tcp://10.0.0.1:1"], io), 1);
    assert.match(written.at(-1) ?? "", /loopback addresses only/);
  });
});
