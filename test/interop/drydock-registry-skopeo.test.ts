/**
 * skopeo 1.9 against `drydock registry` (its own process, a free loopback port): copy a
 * docker-archive in, inspect, list tags, delete (with --delete-enabled), and find the image
 * again after a restart. Needs skopeo; skips, with the reason, without.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { which } from "../support/real-docker.ts";
import { type DrydockRegistryProcess, startDrydockRegistry } from "./drydock-registry-process.ts";

const execFileAsync = promisify(execFile);
const skopeo = which("skopeo");
const skip = skopeo === undefined ? "skopeo is not installed (apt-get install skopeo)" : false;
const ARCHIVE = join(import.meta.dirname, "..", "fixtures", "docker-archive", "save-tagged.tar");

async function run(...args: string[]): Promise<string> {
  return (await execFileAsync(skopeo!, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

describe("interop: skopeo ↔ drydock registry", { skip }, () => {
  const work = mkdtempSync(join(tmpdir(), "drydock-registry-skopeo-"));
  let registry: DrydockRegistryProcess;

  before(async () => {
    registry = await startDrydockRegistry({ dataRoot: work, extraArgs: ["--delete-enabled"] });
  });
  after(async () => {
    await registry?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it("copies in, inspects, lists tags; keeps them across a restart; deletes", async () => {
    const ref = `docker://${registry.authority}/fixture/app`;
    await run(
      "copy",
      "--quiet",
      "--dest-tls-verify=false",
      `docker-archive:${ARCHIVE}`,
      `${ref}:3`,
    );
    await run(
      "copy",
      "--quiet",
      "--src-tls-verify=false",
      "--dest-tls-verify=false",
      `${ref}:3`,
      `${ref}:4`,
    );
    const inspected = JSON.parse(await run("inspect", "--tls-verify=false", `${ref}:3`));
    assert.equal(inspected.Name, `${registry.authority}/fixture/app`);
    assert.match(inspected.Digest, /^sha256:[0-9a-f]{64}$/);
    const raw = await run("inspect", "--raw", "--tls-verify=false", `${ref}:3`);
    assert.equal(JSON.parse(raw).schemaVersion, 2);

    await registry.restart();
    const tags = JSON.parse(await run("list-tags", "--tls-verify=false", ref));
    assert.deepEqual(tags.Tags, ["3", "4"]);
    const again = JSON.parse(await run("inspect", "--tls-verify=false", `${ref}:4`));
    assert.equal(again.Digest, inspected.Digest);

    await run("delete", "--tls-verify=false", `${ref}:3`);
    await assert.rejects(run("inspect", "--tls-verify=false", `${ref}:3`), /manifest unknown/);
    await registry.restart();
    await assert.rejects(run("inspect", "--tls-verify=false", `${ref}:4`), /manifest unknown/);
  });

  it("refuses deletes without --delete-enabled, as docker-registry does", async () => {
    const plain = await startDrydockRegistry({ dataRoot: join(work, "plain") });
    try {
      const ref = `docker://${plain.authority}/x`;
      await run(
        "copy",
        "--quiet",
        "--dest-tls-verify=false",
        `docker-archive:${ARCHIVE}`,
        `${ref}:1`,
      );
      await assert.rejects(
        run("delete", "--tls-verify=false", `${ref}:1`),
        /UNSUPPORTED|unsupported/,
      );
    } finally {
      await plain.stop();
    }
  });

  it("with --auth: skopeo signs in through the token server; anonymous pushes are refused", async () => {
    const authFile = join(work, "auth.yaml");
    writeFileSync(
      authFile,
      "users:\n  alice: wonderland\ndefaults: { public: true, push: [alice] }\n",
    );
    const guarded = await startDrydockRegistry({
      dataRoot: join(work, "auth"),
      extraArgs: ["--auth", authFile],
    });
    try {
      const ref = `docker://${guarded.authority}/alice/app:1`;
      const copy = ["copy", "--quiet", "--dest-tls-verify=false", `docker-archive:${ARCHIVE}`, ref];
      await assert.rejects(run(...copy), /authentication required|denied/);
      await assert.rejects(
        run(...copy, "--dest-creds", "alice:wrong"),
        /incorrect username or password|unauthorized/,
      );
      await run(...copy, "--dest-creds", "alice:wonderland");
      // Public: anyone may pull.
      const inspected = JSON.parse(await run("inspect", "--tls-verify=false", ref));
      assert.equal(inspected.Name, `${guarded.authority}/alice/app`);
    } finally {
      await guarded.stop();
    }
  });
});
