/**
 * `drydock push`/`drydock pull` (the CLI, its embedded daemon) against real HTTP registries
 * named in DRYDOCK_REGISTRIES: a docker-registry 2.8.2 of its own (Debian's `docker-registry
 * serve`, a free loopback port, a temporary directory) and `drydock registry`. Skips the 2.8.2
 * half, with the reason, without the binary.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../src/cli/main.ts";
import { type RunningRegistry, serveRegistry } from "../../src/node/serve-registry.ts";
import { which } from "../support/real-docker.ts";
import { bufferIo } from "../unit/client/helpers/buffer-io.ts";

const binary = which("docker-registry");
const work = mkdtempSync(join(tmpdir(), "drydock-push-real-"));
after(() => rmSync(work, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** One `drydock` command line in this process, with its own data root and registries. */
async function drydock(registries: string, ...argv: string[]) {
  const io = bufferIo({
    env: { DRYDOCK_DATA_ROOT: join(work, "client"), DRYDOCK_REGISTRIES: registries },
  });
  const exitCode = await runCli(argv, { io: io.io });
  return { exitCode, stdout: io.stdout(), stderr: io.stderr() };
}

/** Tags busybox, pushes it, removes it, pulls it back; returns the pushed digest. */
async function roundTrip(authority: string, repository: string): Promise<string> {
  const ref = `${authority}/${repository}:1`;
  assert.equal((await drydock(authority, "tag", "busybox", ref)).exitCode, 0);
  const push = await drydock(authority, "push", ref);
  assert.equal(push.exitCode, 0, push.stderr);
  const digest = /^1: digest: (sha256:[0-9a-f]{64}) size: \d+$/m.exec(push.stdout)?.[1];
  assert.ok(digest !== undefined, push.stdout);
  assert.match((await drydock(authority, "push", ref)).stdout, /Layer already exists/);
  assert.equal((await drydock(authority, "rmi", ref)).exitCode, 0);
  const pull = await drydock(authority, "pull", ref);
  assert.equal(pull.exitCode, 0, pull.stderr);
  assert.match(pull.stdout, new RegExp(`Digest: ${digest}\n`));
  return digest;
}

describe("interop: drydock push/pull ↔ docker-registry 2.8.2", {
  skip:
    binary === undefined
      ? "docker-registry is not installed (apt-get install docker-registry)"
      : false,
}, () => {
  let child: ChildProcess | undefined;
  let authority = "";

  before(async () => {
    const port = await freePort();
    authority = `127.0.0.1:${port}`;
    const config = join(work, "config.yml");
    writeFileSync(
      config,
      `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(work, "data")}\nhttp:\n  addr: ${authority}\n`,
    );
    child = spawn(binary!, ["serve", config], { stdio: "ignore" });
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        if ((await fetch(`http://${authority}/v2/`)).status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("docker-registry did not come up");
  });
  after(() => child?.kill());

  it("pushes busybox and pulls it back; the registry serves what was pushed", async () => {
    const digest = await roundTrip(authority, "drydock/app");
    const head = await fetch(`http://${authority}/v2/drydock/app/manifests/1`, {
      method: "HEAD",
      headers: { accept: "application/vnd.docker.distribution.manifest.v2+json" },
    });
    assert.equal(head.headers.get("docker-content-digest"), digest);
  });

  it("an unknown tag fails as dockerd words it", async () => {
    const pull = await drydock(authority, "pull", `${authority}/drydock/app:nope`);
    assert.equal(pull.exitCode, 1);
    assert.match(
      pull.stderr,
      /manifest for 127\.0\.0\.1:\d+\/drydock\/app:nope not found: manifest unknown/,
    );
  });
});

describe("interop: drydock push/pull ↔ drydock registry", () => {
  let running: RunningRegistry;
  before(async () => {
    running = await serveRegistry({
      host: "127.0.0.1",
      port: 0,
      dir: join(work, "drydock-registry"),
    });
  });
  after(() => running.close());

  it("pushes busybox and pulls it back", async () => {
    const digest = await roundTrip(running.authority, "app");
    assert.deepEqual(running.registry.registry.tags("app"), [["1", digest]]);
  });
});
