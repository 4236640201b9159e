import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { ContainerUpdateRequest } from "../../../src/engine/engine.ts";
import { createTestDaemon, expectDockerError, runContainer } from "./daemon-fixture.ts";

/** Recorded on dockerd 20.10 (see the fixture's `source`). */
const CASES = (
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL("../../fixtures/daemon/container-update.json", import.meta.url)),
      "utf8",
    ),
  ) as { cases: { case: string; body: unknown; status: number; message: string }[] }
).cases;

function recorded(name: string, id = "") {
  const found = CASES.find((entry) => entry.case === name)!;
  return {
    body: found.body as ContainerUpdateRequest,
    expected: { status: found.status, message: found.message.replace("{id}", id) },
  };
}

describe("docker update", () => {
  it("changes HostConfig, logs `update`, and the new restart policy acts", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const id = await runContainer(t, { cmd: ["sleep", "300"] });
    const result = await t.run(() =>
      d.containerUpdate(id, {
        Memory: 64 * 1024 * 1024,
        MemorySwap: 128 * 1024 * 1024,
        NanoCpus: 500_000_000,
        CpuShares: 512,
        PidsLimit: 100,
        RestartPolicy: { Name: "on-failure", MaximumRetryCount: 3 },
      }),
    );
    assert.deepEqual(result, { Warnings: null });
    const host = (await t.run(() => d.containerInspect(id))).HostConfig as Record<string, unknown>;
    assert.deepEqual(
      [host.Memory, host.MemorySwap, host.NanoCpus, host.CpuShares, host.PidsLimit],
      [67108864, 134217728, 500000000, 512, 100],
    );
    assert.deepEqual(host.RestartPolicy, { Name: "on-failure", MaximumRetryCount: 3 });
    // Zero fields leave the values alone; a smaller memory limit fits under the swap limit.
    await t.run(() => d.containerUpdate(id, { Memory: 32 * 1024 * 1024, CpuShares: 0 }));
    const after = (await t.run(() => d.containerInspect(id))).HostConfig as Record<string, unknown>;
    assert.deepEqual([after.Memory, after.CpuShares], [33554432, 512]);
    const events = [];
    for await (const event of d.events({ since: "0", until: String(t.loop.clock.nowUs() / 1e6) }))
      if (event.Action === "update") events.push(event.Actor.Attributes.name);
    assert.equal(events.length, 2);
  });

  it("refuses as dockerd does and leaves the container unchanged", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const id = await runContainer(t, { cmd: ["sleep", "300"] });
    const autoRemove = await runContainer(t, {
      cmd: ["sleep", "300"],
      hostConfig: { AutoRemove: true },
    });
    const before = JSON.stringify((await t.run(() => d.containerInspect(id))).HostConfig);
    for (const name of [
      "memory-below-minimum",
      "memory-without-swap",
      "swap-below-memory",
      "cpus-out-of-range",
      "bad-restart-policy",
      "always-with-count",
      "cpu-shares-1-running",
    ]) {
      const { body, expected } = recorded(name, id);
      await expectDockerError(t, () => d.containerUpdate(id, body), expected);
    }
    assert.equal(JSON.stringify((await t.run(() => d.containerInspect(id))).HostConfig), before);
    await t.run(() => d.containerUpdate(id, { NanoCpus: 500_000_000 }));
    const quota = recorded("quota-after-nano-cpus", id);
    await expectDockerError(t, () => d.containerUpdate(id, quota.body), quota.expected);
    const policy = recorded("restart-on-auto-remove", autoRemove);
    await expectDockerError(t, () => d.containerUpdate(autoRemove, policy.body), policy.expected);
    const missing = recorded("no-such-container");
    await expectDockerError(t, () => d.containerUpdate("nocont", missing.body), missing.expected);
  });

  it("gives a container created with a memory limit twice that as swap, as dockerd does", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["true"],
      start: false,
      hostConfig: { Memory: 64 * 1024 * 1024 } as never,
    });
    const host = (await t.run(() => t.daemon.containerInspect(id))).HostConfig as Record<
      string,
      unknown
    >;
    assert.deepEqual([host.Memory, host.MemorySwap], [67108864, 134217728]);
    await t.run(() => t.daemon.containerUpdate(id, { Memory: 100 * 1024 * 1024 }));
  });
});
