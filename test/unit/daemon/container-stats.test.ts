import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { STATS_MODEL } from "../../../src/daemon/container-stats.ts";
import type { ContainerStats } from "../../../src/engine/container-stats.ts";
import {
  createTestDaemon,
  expectDockerError,
  runContainer,
  type TestDaemon,
} from "./daemon-fixture.ts";

async function samples(t: TestDaemon, name: string, stream: boolean): Promise<ContainerStats[]> {
  return t.run(async () => {
    const out: ContainerStats[] = [];
    for await (const sample of t.daemon.containerStats(name, { stream })) out.push(sample);
    return out;
  });
}

describe("container stats", () => {
  it("samples a running container with drydock's documented model", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, { cmd: ["sleep", "3"], name: "web" });
    const [sample] = await samples(t, "web", false);
    assert.ok(sample);
    assert.equal(sample.id, id);
    assert.equal(sample.name, "/web");
    assert.deepEqual(sample.pids_stats, { current: 1 });
    assert.equal(sample.memory_stats.usage, STATS_MODEL.processMemoryBytes);
    assert.equal(sample.memory_stats.limit, 8 * 1024 ** 3);
    // dockerd samples one second apart; the CPU counters do not move (0.00%).
    assert.equal(Date.parse(sample.read) - Date.parse(sample.preread), 1000);
    assert.equal(sample.cpu_stats.cpu_usage.total_usage, sample.precpu_stats.cpu_usage.total_usage);
    assert.equal(
      (sample.cpu_stats.system_cpu_usage ?? 0) - (sample.precpu_stats.system_cpu_usage ?? 0),
      2e9,
    );
    assert.deepEqual(Object.keys(sample.networks ?? {}), ["eth0"]);
  });

  it("a stopped container gives dockerd's zero sample; a stream ends when the container exits", async () => {
    const t = await createTestDaemon();
    await runContainer(t, { cmd: ["true"], name: "idle", start: false });
    const [zero] = await samples(t, "idle", false);
    // The shape dockerd 20.10 answered for a created container (curl, 2026-11-28).
    assert.equal(zero?.read, "0001-01-01T00:00:00Z");
    assert.deepEqual(zero?.pids_stats, {});
    assert.deepEqual(zero?.memory_stats, {});
    assert.equal(zero?.blkio_stats.io_service_bytes_recursive, null);
    await runContainer(t, { cmd: ["sleep", "3"], name: "short" });
    const streamed = await samples(t, "short", true);
    assert.deepEqual(
      streamed.map((sample) => sample.pids_stats.current ?? 0),
      [1, 1, 1, 0],
    );
    await expectDockerError(t, () => samples(t, "nocont", false), {
      status: 404,
      message: "No such container: nocont",
    });
  });
});
