import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runDocker } from "../../../src/client/docker-cli.ts";
import { drivenEngine } from "../../../src/client/driven-engine.ts";
import { BuiltinRuntime } from "../../../src/daemon/builtin-runtime.ts";
import { isDrydockError } from "../../../src/errors/drydock-error.ts";
import { parseHttpRegistries } from "../../../src/node/http-registries.ts";
import { openEmbeddedEngine } from "../../../src/node/open-embedded-engine.ts";
import { parseAuth, readRegistryAuthFile } from "../../../src/node/registry-auth-file.ts";
import { type RunningRegistry, serveRegistry } from "../../../src/node/serve-registry.ts";
import { bufferIo } from "../client/helpers/buffer-io.ts";

const AUTH_YAML = `
users:
  alice: wonderland
repositories:
  "alice/*": { push: [alice] }
defaults: { public: true }
`;

describe("drydock registry --auth", () => {
  const work = mkdtempSync(join(tmpdir(), "drydock-registry-auth-"));
  let running: RunningRegistry;

  before(async () => {
    writeFileSync(join(work, "auth.yaml"), AUTH_YAML);
    running = await serveRegistry({
      host: "127.0.0.1",
      port: 0,
      dir: join(work, "registry"),
      auth: await readRegistryAuthFile(join(work, "auth.yaml")),
    });
  });
  after(async () => {
    await running.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** Command lines run one after another on one engine host (drydock keeps logins per host). */
  async function drydock(...lines: string[][]) {
    const remote = parseHttpRegistries(running.authority);
    const host = await openEmbeddedEngine({
      dataRoot: join(work, "client"),
      runtime: ({ loop }) => new BuiltinRuntime({ scheduler: loop }),
      remoteRegistries: remote.resolver,
    });
    const results: { exitCode: number; stdout: string; stderr: string }[] = [];
    try {
      for (const argv of lines) {
        const io = bufferIo();
        const exitCode = await runDocker((run) => run(drivenEngine(host)), argv, io.io);
        results.push({ exitCode, stdout: io.stdout(), stderr: io.stderr() });
      }
      return results;
    } finally {
      await host.close();
      remote.close();
    }
  }

  it("challenges with a Bearer realm on its own address", async () => {
    const response = await fetch(`http://${running.authority}/v2/`);
    assert.equal(response.status, 401);
    assert.equal(
      response.headers.get("www-authenticate"),
      `Bearer realm="http://${running.authority}/token",service="drydock-registry"`,
    );
    const token = await fetch(`http://${running.authority}/token?service=drydock-registry`, {
      headers: { authorization: `Basic ${btoa("alice:wrong")}` },
    });
    assert.equal(token.status, 401);
  });

  it("lets alice log in and push to alice/*; refuses an anonymous push", async () => {
    const at = running.authority;
    const [tag, anonymous] = await drydock(
      ["tag", "busybox", `${at}/alice/app:1`],
      ["push", `${at}/alice/app:1`],
    );
    assert.equal(tag!.exitCode, 0);
    assert.equal(anonymous!.exitCode, 1);
    assert.match(anonymous!.stderr, /denied: requested access to the resource is denied/);
    const [login, push] = await drydock(
      ["login", "-u", "alice", "-p", "wonderland", at],
      ["push", `${at}/alice/app:1`],
    );
    assert.equal(login!.exitCode, 0, login!.stderr);
    assert.match(login!.stdout, /Login Succeeded/);
    assert.equal(push!.exitCode, 0, push!.stderr);
    assert.deepEqual(running.registry.registry.repositories(), ["alice/app"]);
  });

  it("checks the shape of an auth file", () => {
    assert.deepEqual(parseAuth({ users: { bob: 1234 } }, "f"), {
      users: { bob: "1234" },
      repositories: {},
    });
    for (const bad of [
      [],
      { user: {} },
      { users: { a: {} } },
      { repositories: { x: { push: "a" } } },
      { defaults: { public: "yes" } },
    ])
      assert.throws(
        () => parseAuth(bad, "f"),
        (error) => isDrydockError(error) && error.code === "InvalidArgument",
        JSON.stringify(bad),
      );
  });
});
