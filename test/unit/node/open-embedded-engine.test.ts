import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runDocker } from "../../../src/client/docker-cli.ts";
import { drivenEngine } from "../../../src/client/driven-engine.ts";
import { BuiltinRuntime } from "../../../src/daemon/builtin-runtime.ts";
import { openEmbeddedEngine } from "../../../src/node/open-embedded-engine.ts";
import { bufferIo } from "../client/helpers/buffer-io.ts";

/** One `drydock` command line on a data root, as the CLI runs it (open, command, close). */
async function drydock(dataRoot: string, ...argv: string[]) {
  const host = await openEmbeddedEngine({
    dataRoot,
    runtime: ({ loop }) => new BuiltinRuntime({ scheduler: loop }),
  });
  const io = bufferIo();
  const exitCode = await runDocker((run) => run(drivenEngine(host)), argv, io.io);
  await host.close();
  return { exitCode, stdout: io.stdout(), stderr: io.stderr() };
}

function stateOf(dataRoot: string): { blobs: string[]; manifest: { registries?: unknown } } {
  const index = JSON.parse(readFileSync(join(dataRoot, "daemon", "state.json"), "utf8"));
  return { blobs: index.blobs, manifest: JSON.parse(index.manifest) };
}

describe("the embedded engine's registries on a data root", () => {
  it("opens a data root saved without registries, then keeps a push across commands", async () => {
    const dataRoot = mkdtempSync(join(tmpdir(), "drydock-registries-"));
    try {
      assert.equal((await drydock(dataRoot, "tag", "busybox", "localhost:5000/app:1")).exitCode, 0);
      // A world whose registries are as new is saved exactly as before registries existed.
      assert.equal(stateOf(dataRoot).manifest.registries, undefined);
      const push = await drydock(dataRoot, "push", "localhost:5000/app:1");
      assert.equal(push.exitCode, 0, push.stderr);
      assert.match(push.stdout, /^1: digest: sha256:[0-9a-f]{64} size: \d+$/m);
      const state = stateOf(dataRoot);
      assert.deepEqual(Object.keys(state.manifest.registries as object), ["localhost:5000"]);
      const files = readdirSync(join(dataRoot, "daemon", "blobs", "sha256")).sort();
      assert.deepEqual(
        files,
        state.blobs.map((digest) => digest.slice(7)),
        "one file per blob, daemon's and registry's together",
      );
      // The image config is a blob of both the daemon and the registry: held once.
      const id = (await drydock(dataRoot, "images", "-q", "--no-trunc", "busybox")).stdout.trim();
      assert.ok(files.includes(id.slice(7)));

      assert.equal((await drydock(dataRoot, "rmi", "localhost:5000/app:1")).exitCode, 0);
      const pull = await drydock(dataRoot, "pull", "localhost:5000/app:1");
      assert.equal(pull.exitCode, 0, pull.stderr);
      assert.match(pull.stdout, /Status: Downloaded newer image for localhost:5000\/app:1\n/);
      const up = await drydock(dataRoot, "pull", "busybox");
      assert.match(up.stdout, /Status: Image is up to date for busybox:latest\n/);
    } finally {
      rmSync(dataRoot, { recursive: true, force: true });
    }
  });
});
