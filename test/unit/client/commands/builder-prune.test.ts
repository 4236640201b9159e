import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fakeEngine } from "../helpers/fake-engine.ts";
import { runLine } from "../helpers/run-line.ts";

const BANNER =
  "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n" +
  "            Install the buildx component to build images with BuildKit:\n" +
  "            https://docs.docker.com/go/buildx/\n\n";

/** What docker CLI 28.2 printed against dockerd 20.10 (2026-11-28): `{"CachesDeleted":null,"SpaceReclaimed":0}`. */
describe("docker builder prune", () => {
  it("-f: the notice on stderr, then the total", async () => {
    const engine = fakeEngine({
      buildPrune: async () => ({ CachesDeleted: null, SpaceReclaimed: 0 }),
    });
    const result = await runLine(engine, ["builder", "prune", "-f", "--filter", "until=24h"]);
    assert.deepEqual(
      [result.stdout, result.stderr, result.exitCode],
      ["Total reclaimed space: 0B\n", BANNER, 0],
    );
    assert.deepEqual(engine.calls[0]![1], [{ all: false, filters: { until: ["24h"] } }]);
  });

  it("asks on one line; -a asks about all build cache", async () => {
    const engine = fakeEngine({
      buildPrune: async () => ({ CachesDeleted: ["abc"], SpaceReclaimed: 2000 }),
    });
    const declined = await runLine(engine, ["builder", "prune"], { stdin: "" });
    assert.equal(
      declined.stdout,
      "WARNING! This will remove all dangling build cache. Are you sure you want to continue? [y/N] ",
    );
    const all = await runLine(engine, ["builder", "prune", "-a"], { stdin: "y\n" });
    assert.equal(
      all.stdout,
      "WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] " +
        "Deleted build cache objects:\nabc\n\nTotal reclaimed space: 2kB\n",
    );
  });
});
