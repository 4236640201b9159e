import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../../src/cli/main.ts";
import { NodeHostFiles } from "../../../src/cli/node-host-files.ts";
import { bufferIo } from "../client/helpers/buffer-io.ts";

const BIN = join(import.meta.dirname, "../../../src/cli/bin.mjs");

/**
 * The `drydock` command on its embedded engine, as a user runs it: each command opens the
 * world saved under the data root and saves it again; between commands simulated time stands
 * still, so containers started with `run -d` are still running at the next command.
 */
describe("drydock end to end on the embedded engine (data root)", () => {
  let dir = "";
  let context = "";

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "drydock-e2e-"));
    context = join(dir, "ctx");
    mkdirSync(context);
    writeFileSync(
      join(context, "Dockerfile"),
      'FROM busybox:latest\nCOPY hello.txt /hello.txt\nCMD ["cat", "/hello.txt"]\n',
    );
    writeFileSync(join(context, "hello.txt"), "hello from context\n");
    writeFileSync(join(context, "ignored.txt"), "secret\n");
    writeFileSync(join(context, ".dockerignore"), "ignored.txt\n");
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  async function drydock(...argv: string[]) {
    const io = bufferIo({ files: new NodeHostFiles(context) });
    const exitCode = await runCli(["--data-root", join(dir, "root"), ...argv], { io: io.io });
    return { exitCode, stdout: io.stdout(), stderr: io.stderr() };
  }

  it("builds an image from a directory", async () => {
    const result = await drydock("build", "-t", "app", ".");
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Sending build context to Docker daemon {2}4\.096kB\nStep 1\/3 : FROM busybox:latest\n/,
    );
    assert.match(
      result.stdout,
      /\nSuccessfully built [0-9a-f]{12}\nSuccessfully tagged app:latest\n$/,
    );
    assert.match(result.stderr, /^DEPRECATED: The legacy builder is deprecated/);
  });

  it("runs it, with --rm, and exits with the container's code", async () => {
    const run = await drydock("run", "--rm", "app");
    assert.equal(run.stdout, "hello from context\n");
    assert.equal(run.exitCode, 0, run.stderr);
    const failing = await drydock(
      "run",
      "--name",
      "c1",
      "app",
      "sh",
      "-c",
      "echo out; echo err >&2; exit 3",
    );
    assert.equal(failing.exitCode, 3);
    assert.equal(failing.stdout, "out\n");
    assert.equal(failing.stderr, "err\n");
    const piped = await runCli(
      ["--data-root", join(dir, "root"), "run", "--rm", "-i", "app", "cat"],
      {
        io: bufferIo({ stdin: "from stdin\n", files: new NodeHostFiles(context) }).io,
      },
    );
    assert.equal(piped, 0);
  });

  it("lists containers and images, and shows logs and inspect", async () => {
    const ps = await drydock("ps", "-a");
    const lines = ps.stdout.split("\n");
    assert.equal(
      lines[0],
      "CONTAINER ID   IMAGE     COMMAND                  CREATED                  STATUS                              PORTS     NAMES",
    );
    assert.match(
      lines[1]!,
      /^[0-9a-f]{12} {3}app {7}"sh -c 'echo out; ec…" {3}.+ ago {3}Exited \(3\) .+ ago {13}c1$/,
    );
    const images = await drydock("images");
    assert.match(images.stdout, /^REPOSITORY {3}TAG {7}IMAGE ID {7}CREATED +SIZE\n/);
    // Images of one instant are ordered by ID, and app's ID depends on the host files' mtimes.
    assert.match(images.stdout, /^app {10}latest {4}[0-9a-f]{12} {3}.+ ago {3}3\.\d+kB$/m);
    const logs = await drydock("logs", "c1");
    assert.deepEqual([logs.stdout, logs.stderr], ["out\n", "err\n"]);
    const inspect = await drydock(
      "inspect",
      "-f",
      "{{.State.ExitCode}} {{.Config.Cmd}} {{.Name}}",
      "c1",
    );
    assert.equal(inspect.stdout, "3 [sh -c echo out; echo err >&2; exit 3] /c1\n");
    const missing = await drydock("inspect", "nosuchthing");
    assert.deepEqual(
      [missing.stdout, missing.stderr, missing.exitCode],
      ["[]\n", "Error: No such object: nosuchthing\n", 1],
    );
  });

  it("keeps a detached container running across commands: exec, logs, stop", async () => {
    const started = await drydock(
      "run",
      "-d",
      "--name",
      "ticker",
      "busybox",
      "sh",
      "-c",
      "i=0; while true; do i=$((i+1)); echo tick $i; sleep 10; done",
    );
    assert.equal(started.exitCode, 0, started.stderr);
    const ps = await drydock("ps", "--format", "{{.Names}} {{.Status}}");
    assert.equal(ps.stdout, "ticker Up Less than a second\n");
    const exec = await drydock("exec", "ticker", "sh", "-c", "echo from exec; exit 4");
    assert.deepEqual([exec.stdout, exec.exitCode], ["from exec\n", 4]);
    assert.equal((await drydock("logs", "ticker")).stdout, "tick 1\n");
    const stop = await drydock("stop", "ticker");
    assert.equal(stop.stdout, "ticker\n");
    const after = await drydock("ps", "-a", "--filter", "name=ticker", "--format", "{{.Status}}");
    // PID 1 ignores SIGTERM: docker stop waits its 10 s, then kills (137); time moved meanwhile.
    assert.equal(after.stdout, "Exited (137) Less than a second ago\n");
    assert.equal((await drydock("logs", "ticker")).stdout, "tick 1\ntick 2\n");
  });

  it("works as a process: bin.mjs exit codes and output", () => {
    const run = spawnSync(
      process.execPath,
      [BIN, "--data-root", join(dir, "root"), "run", "--rm", "app", "sh", "-c", "echo hi; exit 5"],
      {
        cwd: context,
        encoding: "utf8",
      },
    );
    assert.equal(run.stdout, "hi\n");
    assert.equal(run.status, 5);
    const unknown = spawnSync(process.execPath, [BIN, "frob"], { encoding: "utf8" });
    assert.equal(unknown.status, 1);
    assert.equal(
      unknown.stderr,
      "docker: unknown command: docker frob\n\nRun 'docker --help' for more information\n",
    );
  });
});
