/**
 * `drydock registry`'s HTTP server is transparent: the request sequence of registry-sequence.ts
 * (73 requests, whose answers equal docker-registry 2.8.2's, see registry-server-live.test.ts)
 * gets the same normalised answers over real HTTP as from the MemRegistry in process.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { VirtualClock } from "../../src/clock/virtual-clock.ts";
import { serveRegistry } from "../../src/node/serve-registry.ts";
import { SeededRng } from "../../src/random/rng.ts";
import { MemRegistry } from "../../src/registry/server/mem-registry.ts";
import { httpSender, runSequence } from "./registry-sequence.ts";

describe("drydock registry over HTTP against the MemRegistry in process", () => {
  const work = mkdtempSync(join(tmpdir(), "drydock-registry-sequence-"));
  after(() => rmSync(work, { recursive: true, force: true }));

  it("answers the whole sequence the same", async () => {
    const running = await serveRegistry({
      host: "127.0.0.1",
      port: 0,
      dir: work,
      deleteEnabled: true,
    });
    let served: Awaited<ReturnType<typeof runSequence>>;
    try {
      served = await runSequence(httpSender(`http://${running.authority}`));
    } finally {
      await running.close();
    }
    const registry = new MemRegistry({
      name: running.authority,
      clock: new VirtualClock(),
      rng: SeededRng.fromSeed("sequence"),
      deleteEnabled: true,
    });
    const host = running.authority;
    const direct = await runSequence((request) =>
      registry.handle({ ...request, headers: { host, ...request.headers } }),
    );
    assert.equal(served.length, direct.length);
    for (const [index, exchange] of served.entries())
      assert.deepEqual(exchange, direct[index], exchange.step);
  });
});
