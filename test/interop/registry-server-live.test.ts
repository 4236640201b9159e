/**
 * drydock's MemRegistry against a live docker-registry 2.8.2: this test starts its own registry
 * (a free loopback port, a temporary storage directory, deletes enabled), replays the request
 * sequence of registry-sequence.ts against both, and compares the normalised answers. Needs the
 * `docker-registry` binary (Debian's docker-registry package); skips, with the reason, without.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { VirtualClock } from "../../src/clock/virtual-clock.ts";
import { SeededRng } from "../../src/random/rng.ts";
import { MemRegistry } from "../../src/registry/server/mem-registry.ts";
import { which } from "../support/real-docker.ts";
import { httpSender, runSequence } from "./registry-sequence.ts";

const binary = which("docker-registry");
const skip =
  binary === undefined
    ? "docker-registry is not installed (apt-get install docker-registry)"
    : false;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === "object" && address !== null ? address.port : 0),
      );
    });
  });
}

async function waitUntilUp(base: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`${base}/v2/`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not come up at ${base}`);
}

describe("MemRegistry against docker-registry 2.8.2", { skip }, () => {
  let child: ChildProcess | undefined;
  let work = "";
  let base = "";

  before(async () => {
    work = mkdtempSync(join(tmpdir(), "drydock-registry-"));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = [
      "version: 0.1",
      "log:",
      "  level: error",
      "  accesslog:",
      "    disabled: true",
      "storage:",
      "  filesystem:",
      `    rootdirectory: ${join(work, "data")}`,
      "  delete:",
      "    enabled: true",
      "http:",
      `  addr: 127.0.0.1:${port}`,
      "",
    ].join("\n");
    writeFileSync(join(work, "config.yml"), config);
    child = spawn(binary!, ["serve", join(work, "config.yml")], { stdio: "ignore" });
    await waitUntilUp(base);
  });

  after(() => {
    child?.kill();
    rmSync(work, { recursive: true, force: true });
  });

  it("answers the whole sequence as the live registry does", async () => {
    const live = await runSequence(httpSender(base));
    const registry = new MemRegistry({
      name: base.slice("http://".length),
      clock: new VirtualClock(),
      rng: SeededRng.fromSeed("live"),
      deleteEnabled: true,
    });
    const host = base.slice("http://".length);
    const ours = await runSequence((request) =>
      registry.handle({ ...request, headers: { host, ...request.headers } }),
    );
    assert.equal(ours.length, live.length);
    for (const [index, exchange] of ours.entries())
      assert.deepEqual(exchange, live[index], exchange.step);
  });
});
