/**
 * startDockerdSet on this machine: two private dockerds and one registry, an image built on `dev`
 * from the offline busybox base, pushed to the registry and pulled and run on `prod`; then `stop`
 * must leave no process, socket or temporary directory behind. Skips with the reason when the
 * real side is unavailable (not root, not installed).
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type DockerdSet, startDockerdSet } from "../../src/real/dockerd-set.ts";
import { processExists } from "../../src/real/stop-child.ts";

describe("startDockerdSet", () => {
  let set: DockerdSet<"dev" | "prod", "hub"> | undefined;
  let skip: string | undefined;
  before(async () => {
    const started = await startDockerdSet({
      hosts: ["dev", "prod"],
      registries: ["hub"],
      baseImages: true,
    });
    if (started.unavailable !== undefined) skip = started.unavailable;
    else set = started;
  });
  after(async () => {
    await set?.stop();
  });

  it("gives every daemon its own socket and the offline busybox base image", (t) => {
    if (set === undefined) return t.skip(skip);
    const { dev, prod } = set.hosts;
    assert.notEqual(dev.socket, prod.socket);
    assert.ok(existsSync(dev.socket) && existsSync(prod.socket));
    assert.ok(dev.socket.startsWith(`${set.dir}/`) && prod.socket.startsWith(`${set.dir}/`));
    assert.match(set.registries.hub.address, /^127\.0\.0\.1:\d+$/);
  });

  it("pushes from one daemon and pulls and runs on the other", async (t) => {
    if (set === undefined) return t.skip(skip);
    const { dev, prod } = set.hosts;
    const image = `${set.registries.hub.address}/demo/app:v1`;
    const context = mkdtempSync(join(tmpdir(), "drydock-set-context-"));
    try {
      writeFileSync(
        join(context, "Dockerfile"),
        'FROM busybox:latest\nRUN echo built > /msg\nCMD ["cat", "/msg"]\n',
      );
      await dev.docker(["build", "-q", "-t", image, context]);
      await dev.docker(["push", "-q", image]);
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
    await assert.rejects(prod.docker(["image", "inspect", image]), /No such image/);
    await prod.docker(["pull", "-q", image]);
    const run = await prod.docker(["run", "--rm", "--pull=never", image]);
    assert.equal(run.stdout.toString(), "built\n");
    const devId = (
      await dev.docker(["image", "inspect", "-f", "{{.Id}}", image])
    ).stdout.toString();
    const prodId = (
      await prod.docker(["image", "inspect", "-f", "{{.Id}}", image])
    ).stdout.toString();
    assert.equal(prodId, devId);
  });

  it("stops every process and removes its sockets and directory", async (t) => {
    if (set === undefined) return t.skip(skip);
    const pids = [
      ...set.hosts.dev.pids(),
      ...set.hosts.prod.pids(),
      set.registries.hub.pid() ?? assert.fail("registry has no pid"),
    ];
    // dockerd plus its containerd for each host.
    assert.equal(pids.length, 5);
    const { dir } = set;
    const sockets = [set.hosts.dev.socket, set.hosts.prod.socket];
    await set.stop();
    await set.stop(); // a second stop is harmless
    set = undefined;
    assert.deepEqual(pids.filter(processExists), []);
    assert.deepEqual(sockets.filter(existsSync), []);
    assert.equal(existsSync(dir), false);
  });
});

describe("startDockerdSet when a program is missing", () => {
  it("returns the reason instead of throwing", async () => {
    const saved = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      // dockerd may still be found in /usr/sbin; then the registry binary name decides.
      const started = await startDockerdSet({
        hosts: ["dev"],
        registries: ["hub"],
        startTimeoutMs: 1,
      });
      if (started.unavailable === undefined) {
        await started.stop();
        assert.fail("expected an unavailable reason with a 1 ms start timeout");
      }
      assert.match(started.unavailable, /not installed|needs root|did not|not answer|Linux/);
    } finally {
      process.env.PATH = saved;
    }
  });
});
