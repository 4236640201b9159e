/**
 * A real dockerd (a private one, see test/support/real-docker.ts) pushing to and pulling from
 * `drydock registry` (its own process on a free loopback port, an insecure registry dockerd
 * allows on loopback): push, pull into a clean daemon, run; restart the registry; pull again.
 * Skips, with the reason, without dockerd or root.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildRealBusybox, type RealDockerd, startRealDockerd } from "../support/real-docker.ts";
import { type DrydockRegistryProcess, startDrydockRegistry } from "./drydock-registry-process.ts";

const started = await startRealDockerd();
const skip = typeof started === "string" ? started : false;

describe("interop: real dockerd ↔ drydock registry", { skip }, () => {
  const dockerd = started as RealDockerd;
  const work = mkdtempSync(join(tmpdir(), "drydock-registry-docker-"));
  let registry: DrydockRegistryProcess;

  before(async () => {
    registry = await startDrydockRegistry({ dataRoot: work });
    await buildRealBusybox(dockerd);
  });
  after(async () => {
    await registry?.stop();
    await dockerd.stop();
    rmSync(work, { recursive: true, force: true });
  });

  const docker = async (...args: string[]): Promise<string> =>
    (await dockerd.docker(args)).stdout.toString();

  it("docker push, then pull into an empty image store, and run", async () => {
    const ref = `${registry.authority}/app:1`;
    await docker("tag", "busybox:latest", ref);
    const push = await docker("push", ref);
    const digest = /^1: digest: (sha256:[0-9a-f]{64}) size: \d+$/m.exec(push)?.[1];
    assert.ok(digest !== undefined, push);
    // Second push: every layer is already there.
    assert.match(await docker("push", ref), /Layer already exists/);
    await docker("rmi", ref, "busybox:latest");
    const pull = await docker("pull", ref);
    assert.match(pull, new RegExp(`Digest: ${digest}`));
    assert.match(pull, /Pull complete/);
    assert.equal(
      await docker("run", "--rm", "--pull=never", ref, "echo", "from drydock"),
      "from drydock\n",
    );
  });

  it("keeps the image across a registry restart", async () => {
    const ref = `${registry.authority}/app:1`;
    await registry.restart();
    await docker("rmi", ref);
    const pull = await docker("pull", ref);
    assert.match(pull, /Pull complete/);
    const id = (await docker("image", "inspect", "--format", "{{.RepoDigests}}", ref)).trim();
    assert.match(id, new RegExp(`${registry.authority}/app@sha256:`));
  });

  it("answers a pull of an unknown tag as docker-registry does", async () => {
    await assert.rejects(docker("pull", `${registry.authority}/app:nope`), /manifest unknown/);
  });
});
