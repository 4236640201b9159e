import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runDocker } from "../../../src/client/docker-cli.ts";
import { drivenEngine } from "../../../src/client/driven-engine.ts";
import { BuiltinRuntime } from "../../../src/daemon/builtin-runtime.ts";
import { parseHttpRegistries } from "../../../src/node/http-registries.ts";
import { openEmbeddedEngine } from "../../../src/node/open-embedded-engine.ts";
import { type RunningRegistry, serveRegistry } from "../../../src/node/serve-registry.ts";
import { bufferIo } from "../client/helpers/buffer-io.ts";

/**
 * The embedded daemon pushing to and pulling from `drydock registry` over real HTTP
 * (`DRYDOCK_REGISTRIES`), as `drydock push 127.0.0.1:PORT/app:1` does.
 */
describe("the embedded daemon with a real HTTP registry", () => {
  const work = mkdtempSync(join(tmpdir(), "drydock-remote-registries-"));
  let running: RunningRegistry;

  before(async () => {
    running = await serveRegistry({ host: "127.0.0.1", port: 0, dir: join(work, "registry") });
  });
  after(async () => {
    await running.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function drydock(spec: string, ...argv: string[]) {
    const remote = parseHttpRegistries(spec);
    const host = await openEmbeddedEngine({
      dataRoot: join(work, "client"),
      runtime: ({ loop }) => new BuiltinRuntime({ scheduler: loop }),
      remoteRegistries: remote.resolver,
    });
    const io = bufferIo();
    try {
      const exitCode = await runDocker((run) => run(drivenEngine(host)), argv, io.io);
      return { exitCode, stdout: io.stdout(), stderr: io.stderr() };
    } finally {
      await host.close();
      remote.close();
    }
  }

  it("pushes, and pulls back after rmi, through real HTTP", async () => {
    const at = running.authority;
    assert.equal((await drydock(at, "tag", "busybox", `${at}/app:1`)).exitCode, 0);
    const push = await drydock(at, "push", `${at}/app:1`);
    assert.equal(push.exitCode, 0, push.stderr);
    const digest = /^1: digest: (sha256:[0-9a-f]{64}) size: \d+$/m.exec(push.stdout)?.[1];
    assert.ok(digest !== undefined, push.stdout);
    assert.deepEqual(running.registry.registry.tags("app"), [["1", digest]]);
    assert.equal((await drydock(at, "rmi", `${at}/app:1`)).exitCode, 0);
    const pull = await drydock(at, "pull", `${at}/app:1`);
    assert.equal(pull.exitCode, 0, pull.stderr);
    assert.match(pull.stdout, new RegExp(`Digest: ${digest}\n`));
  });

  it("reports a registry that is down as dockerd does", async () => {
    const down = "127.0.0.1:9"; // discard port: nothing listens on loopback here
    assert.equal((await drydock(down, "tag", "busybox", `${down}/app:1`)).exitCode, 0);
    const push = await drydock(down, "push", `${down}/app:1`);
    assert.equal(push.exitCode, 1);
    assert.match(
      push.stderr,
      /Get "http:\/\/127\.0\.0\.1:9\/v2\/": dial tcp 127\.0\.0\.1:9: connect: connection refused/,
    );
  });

  it("leaves domains it does not list to the embedded world", async () => {
    const push = await drydock(running.authority, "push", "localhost:5000/none:1");
    assert.match(push.stderr, /An image does not exist locally with the tag: localhost:5000\/none/);
    assert.deepEqual(running.registry.registry.repositories(), ["app"]);
  });
});
