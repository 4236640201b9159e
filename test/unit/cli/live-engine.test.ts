import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runDocker } from "../../../src/client/docker-cli.ts";
import { drivenEngine } from "../../../src/client/driven-engine.ts";
import type { EngineHost } from "../../../src/daemon/engine-host.ts";
import { openMemoryEngine } from "../../../src/daemon/engine-host.ts";
import { bufferIo } from "../client/helpers/buffer-io.ts";
import { memoryFiles } from "../client/helpers/memory-files.ts";

/**
 * Many commands against one live simulated daemon (as against one dockerd): what needs a
 * container to keep running between commands — exec, top, stop — and copying files.
 */
describe("docker commands against one live simulated daemon", () => {
  let host: EngineHost;
  const files = memoryFiles({
    "/work/ctx/Dockerfile": 'FROM busybox:latest\nCMD ["sleep", "100"]\n',
    "/work/in.txt": "into the container\n",
    "/work/out": { type: "directory" },
  });

  before(async () => {
    host = await openMemoryEngine({ seed: 7 });
  });

  after(async () => {
    await host.close();
  });

  async function docker(argv: string[], stdin?: string) {
    const io = bufferIo({ files, ...(stdin === undefined ? {} : { stdin }) });
    const exitCode = await runDocker((work) => work(drivenEngine(host)), argv, io.io);
    return { exitCode, stdout: io.stdout(), stderr: io.stderr() };
  }

  it("execs in a running container, with stdin and exit codes", async () => {
    assert.equal((await docker(["build", "-q", "-t", "sleeper", "ctx"])).exitCode, 0);
    const started = await docker(["run", "-d", "--name", "web", "sleeper"]);
    assert.match(started.stdout, /^[0-9a-f]{64}\n$/);
    assert.deepEqual(await docker(["exec", "web", "echo", "hey"]), {
      exitCode: 0,
      stdout: "hey\n",
      stderr: "",
    });
    const failing = await docker(["exec", "web", "sh", "-c", "echo a; echo b >&2; exit 4"]);
    assert.deepEqual(failing, { exitCode: 4, stdout: "a\n", stderr: "b\n" });
    assert.equal((await docker(["exec", "-i", "web", "cat"], "piped\n")).stdout, "piped\n");
    const ps = await docker(["ps", "--format", "{{.Names}} {{.State}} {{.Command}}"]);
    assert.equal(ps.stdout, 'web running "sleep 100"\n');
  });

  it("copies files in and out", async () => {
    assert.equal((await docker(["cp", "in.txt", "web:/in.txt"])).exitCode, 0);
    assert.equal((await docker(["exec", "web", "cat", "/in.txt"])).stdout, "into the container\n");
    const out = await docker(["cp", "web:/in.txt", "out/"]);
    assert.equal(out.exitCode, 0, out.stderr);
    assert.equal(
      new TextDecoder().decode(await files.readFile("/work/out/in.txt")),
      "into the container\n",
    );
    const diff = await docker(["diff", "web"]);
    assert.match(diff.stdout, /^A \/in\.txt$/m);
  });

  it("stops and removes it", async () => {
    assert.equal((await docker(["stop", "-t", "1", "web"])).stdout, "web\n");
    assert.match(
      (await docker(["ps", "-a", "--format", "{{.Status}}"])).stdout,
      /^Exited \(\d+\) /,
    );
    assert.equal((await docker(["rm", "web"])).stdout, "web\n");
    const gone = await docker(["exec", "web", "true"]);
    assert.equal(gone.stderr, "Error response from daemon: No such container: web\n");
    assert.equal(gone.exitCode, 1);
  });

  it("replays the daemon's events", async () => {
    const format = "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}";
    const events = await docker([
      "events",
      "--since",
      "0",
      "--until",
      "0s",
      "--filter",
      "container=web",
      "--format",
      format,
    ]);
    const lines = events.stdout.trimEnd().split("\n");
    assert.equal(lines[0], "container create web");
    assert.ok(lines.includes("container start web"), events.stdout);
    assert.equal(lines.at(-1), "container destroy web");
    const plain = await docker([
      "events",
      "--since",
      "0",
      "--until",
      "0s",
      "--filter",
      "event=destroy",
    ]);
    // The build's intermediate container was destroyed too; the last one is web.
    assert.match(
      plain.stdout,
      /\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z container destroy [0-9a-f]{64} \(image=sleeper, name=web\)\n$/,
    );
  });
});
