import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseRegistryArgs, runRegistryCommand } from "../../../src/cli/registry-command.ts";
import { bufferIo } from "../client/helpers/buffer-io.ts";

describe("drydock registry", () => {
  it("parses --addr, --data-root and --delete-enabled", () => {
    assert.deepEqual(
      parseRegistryArgs(["--addr", "127.0.0.1:0", "--data-root=/d", "--delete-enabled"]),
      {
        host: "127.0.0.1",
        port: 0,
        dataRoot: "/d",
        deleteEnabled: true,
      },
    );
    assert.deepEqual(parseRegistryArgs([]), {
      host: "127.0.0.1",
      port: 5000,
      deleteEnabled: false,
    });
    assert.deepEqual(parseRegistryArgs(["--addr", "[::1]:5001"]), {
      host: "::1",
      port: 5001,
      deleteEnabled: false,
    });
    assert.deepEqual(parseRegistryArgs(["--addr", ":5002"]), {
      host: "0.0.0.0",
      port: 5002,
      deleteEnabled: false,
    });
    for (const bad of [
      ["--addr", "5000"],
      ["--addr", "h:70000"],
      ["--addr"],
      ["--bogus"],
      ["--delete-enabled=1"],
    ])
      assert.equal(typeof parseRegistryArgs(bad), "string", bad.join(" "));
  });

  it("serves until stopped, with its storage under DATA_ROOT/registry", async () => {
    const dataRoot = mkdtempSync(join(tmpdir(), "drydock-registry-command-"));
    try {
      const io = bufferIo({ env: { DRYDOCK_DATA_ROOT: dataRoot } });
      let stop = (): void => undefined;
      const stopped = new Promise<void>((resolve) => {
        stop = resolve;
      });
      const exit = runRegistryCommand(["--addr", "127.0.0.1:0"], io.io, { stop: stopped });
      let url: string | undefined;
      for (let attempt = 0; attempt < 200 && url === undefined; attempt++) {
        url = /listening on (http:\/\/\S+)/.exec(io.stderr())?.[1];
        if (url === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.ok(url !== undefined, io.stderr());
      const response = await fetch(`${url}/v2/`);
      assert.equal(response.headers.get("docker-distribution-api-version"), "registry/2.0");
      stop();
      assert.equal(await exit, 0);
      assert.deepEqual(readdirSync(join(dataRoot, "registry")), ["blobs"]);
    } finally {
      rmSync(dataRoot, { recursive: true, force: true });
    }
  });

  it("exits 2 with usage on a bad argument, 1 when it cannot listen", async () => {
    const io = bufferIo();
    assert.equal(await runRegistryCommand(["--bogus"], io.io), 2);
    assert.match(io.stderr(), /unknown argument "--bogus"/);
    const dataRoot = mkdtempSync(join(tmpdir(), "drydock-registry-command-"));
    try {
      const taken = bufferIo({ env: { DRYDOCK_DATA_ROOT: dataRoot } });
      assert.equal(await runRegistryCommand(["--addr", "192.0.2.1:5000"], taken.io), 1);
      assert.match(taken.stderr(), /drydock registry: .*EADDRNOTAVAIL/);
    } finally {
      rmSync(dataRoot, { recursive: true, force: true });
    }
  });
});
