import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { readTar } from "../../../src/archive/tar-reader.ts";
import { writeTar } from "../../../src/archive/tar-writer.ts";
import { createTestDaemon, expectDockerError, runContainer } from "./daemon-fixture.ts";

const text = (value: string) => new TextEncoder().encode(value);

/*
 * `docker cp` goes through a container's volumes, running or not, as dockerd 20.10.24 did
 * (2026-11-28): into a never-started container's volume (another container then reads it),
 * out of a volume, `mounted volume is marked read-only` for a `:ro` one; the mount point
 * appears in `docker diff` (`A /data`) only after the copy.
 */
describe("docker cp through volumes", () => {
  it("writes into and reads from the volume, not the layer under it", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const id = await runContainer(t, {
      cmd: ["true"],
      start: false,
      hostConfig: { Binds: ["cpvol:/srv/data", "cpro:/srv/ro:ro"] },
    });
    assert.deepEqual(await t.run(() => d.containerChanges(id)), []);
    const file = writeTar([tarEntry({ path: "f.txt", type: "file", data: text("hello\n") })]);
    await t.run(() => d.containerExtract(id, "/srv/data", file));
    const changes = await t.run(() => d.containerChanges(id));
    assert.deepEqual(
      changes.map((change) => change.Path),
      ["/srv", "/srv/data", "/srv/ro"],
    );
    // Another container on the same volume sees the file.
    const other = await runContainer(t, {
      cmd: ["true"],
      start: false,
      hostConfig: { Binds: ["cpvol:/mnt"] },
    });
    const { archive } = await t.run(() => d.containerArchive(other, "/mnt/f.txt"));
    const [entry] = readTar(archive);
    assert.equal(new TextDecoder().decode(entry?.data), "hello\n");
    await expectDockerError(t, () => d.containerExtract(id, "/srv/ro", file), {
      message: "mounted volume is marked read-only",
      status: 500,
    });
  });
});

describe("HostConfig as dockerd 20.10 writes it", () => {
  it("leaves out Init, Mounts, Tmpfs, Sysctls and StorageOpt when nil or empty (omitempty)", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["true"],
      start: false,
      hostConfig: { Init: null, Mounts: [], Tmpfs: {}, Sysctls: null } as never,
    });
    const host = (await t.run(() => t.daemon.containerInspect(id))).HostConfig as Record<
      string,
      unknown
    >;
    for (const key of ["Init", "Mounts", "Tmpfs", "Sysctls", "StorageOpt"])
      assert.ok(!(key in host), key);
    const withInit = await runContainer(t, {
      cmd: ["true"],
      start: false,
      hostConfig: { Init: true },
    });
    const kept = (await t.run(() => t.daemon.containerInspect(withInit))).HostConfig as {
      Init?: boolean;
    };
    assert.equal(kept.Init, true);
  });
});
