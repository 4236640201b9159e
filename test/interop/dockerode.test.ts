/**
 * dockerode (3.2.1, npm; docker-modem 2) against `drydock daemon --memory --unpaced` on a
 * temporary unix socket: build from a tar context with JSON progress, run with a hijacked attach
 * demultiplexed by `modem.demuxStream`, logs, exec with a hijacked start. dockerode 3.2 is the
 * last release whose ssh2 is pure JavaScript (4.x pulls cpu-features and an ssh2 crypto binding,
 * both built with node-gyp at install).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, type Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { type Dockerode, startDrydockDaemon, type TestDaemon } from "./dockerode-support.ts";

const Docker = createRequire(import.meta.url)("dockerode") as new (options: {
  socketPath: string;
}) => Dockerode;

/** Collects a demultiplexed stdout/stderr pair until the source stream ends. */
function demux(docker: Dockerode, stream: Readable): Promise<{ stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk));
  stderr.on("data", (chunk: Buffer) => err.push(chunk));
  docker.modem.demuxStream(stream, stdout, stderr);
  return new Promise((resolve, reject) => {
    stream.once("error", reject);
    stream.once("end", () =>
      resolve({ stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
  });
}

describe("dockerode against drydock daemon", () => {
  let dir: string;
  let daemon: TestDaemon;
  let docker: Dockerode;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "drydock-dockerode-"));
    daemon = await startDrydockDaemon(dir);
    docker = new Docker({ socketPath: daemon.socket });
  });
  after(async () => {
    await daemon.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("builds from a tar context, following the JSON progress", async () => {
    writeFileSync(
      join(dir, "Dockerfile"),
      'FROM busybox\nRUN echo built > /built.txt\nCMD ["cat", "/built.txt"]\n',
    );
    const stream = await docker.buildImage(
      { context: dir, src: ["Dockerfile"] },
      { t: "dockerode-built:1" },
    );
    const messages: { stream?: string; error?: string }[] = [];
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(
        stream,
        (error) => (error === null ? resolve() : reject(error)),
        (event) => messages.push(event),
      ),
    );
    assert.deepEqual(
      messages.filter((m) => m.error !== undefined),
      [],
    );
    const text = messages.map((m) => m.stream ?? "").join("");
    assert.match(text, /Step 1\/3 : FROM busybox/);
    assert.match(text, /Successfully tagged dockerode-built:1/);
    const image = await docker.getImage("dockerode-built:1").inspect();
    assert.deepEqual(image.Config.Cmd, ["cat", "/built.txt"]);
  });

  it("runs with a hijacked attach, demultiplexes stdout and stderr, waits and removes", async () => {
    const container = await docker.createContainer({
      Image: "busybox",
      Cmd: ["sh", "-c", "read line; echo out:$line; echo err >&2; exit 3"],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: true,
      StdinOnce: true,
    });
    const stream = await container.attach({
      stream: true,
      stdin: true,
      stdout: true,
      stderr: true,
      hijack: true,
    });
    const output = demux(docker, stream);
    await container.start();
    // The half-close is EOF on stdin: drydock's processes see their stdin only once it is
    // complete (a `read` on an open stdin waits), where dockerd streams it.
    stream.end("typed\n");
    const exit = await container.wait();
    assert.equal(exit.StatusCode, 3);
    assert.deepEqual(await output, { stdout: "out:typed\n", stderr: "err\n" });
    await container.remove();
    await assert.rejects(container.inspect(), (error: { statusCode?: number }) => {
      assert.equal(error.statusCode, 404);
      return true;
    });
  });

  it("reads logs as stdcopy frames", async () => {
    const container = await docker.createContainer({
      Image: "dockerode-built:1",
      Cmd: ["sh", "-c", "cat /built.txt; echo warn >&2"],
    });
    await container.start();
    assert.equal((await container.wait()).StatusCode, 0);
    const logs = await container.logs({ follow: true, stdout: true, stderr: true });
    assert.deepEqual(await demux(docker, logs), { stdout: "built\n", stderr: "warn\n" });
    await container.remove();
  });

  it("execs with a hijacked start and reads the exit code", async () => {
    const container = await docker.createContainer({
      Image: "busybox",
      Cmd: ["cat"],
      OpenStdin: true,
    });
    await container.start();
    const exec = await container.exec({
      Cmd: ["sh", "-c", "echo in-exec; ls /nope; exit 7"],
      AttachStdout: true,
      AttachStderr: true,
    });
    const stream = await exec.start({ hijack: true, stdin: false });
    const output = await demux(docker, stream);
    assert.equal(output.stdout, "in-exec\n");
    assert.match(output.stderr, /ls: \/nope: No such file or directory/);
    const inspected = await exec.inspect();
    assert.equal(inspected.ExitCode, 7);
    assert.equal(inspected.Running, false);
    await container.remove({ force: true });
    assert.equal((await docker.listContainers({ all: true })).length, 0);
  });
});
