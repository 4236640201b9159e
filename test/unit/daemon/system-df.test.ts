import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runDocker } from "../../../src/client/docker-cli.ts";
import { drivenEngine } from "../../../src/client/driven-engine.ts";
import { openMemoryEngine } from "../../../src/daemon/engine-host.ts";
import { busyboxImage } from "../../../src/runtime/offline-images.ts";
import { bufferIo } from "../client/helpers/buffer-io.ts";

describe("system df", () => {
  it("lists what docker images lists, with shared sizes by chain ID, as dockerd 20.10", async () => {
    const host = await openMemoryEngine({ seed: 4, baseImages: () => [busyboxImage()] });
    const engine = drivenEngine(host);
    const docker = async (...argv: string[]) => {
      const io = bufferIo();
      const code = await runDocker((work) => work(engine), argv, io.io);
      assert.equal(code, 0, `${argv.join(" ")}: ${io.stderr()}`);
      return io.stdout();
    };
    await docker("run", "--name", "c1", "busybox", "sh", "-c", "echo a > /a");
    await docker("commit", "c1", "a");
    await docker("run", "--name", "c2", "a", "sh", "-c", "echo bbb > /b");
    await docker("commit", "c2", "b");
    await docker("rm", "c1", "c2");
    await docker("create", "--name", "c3", "busybox");
    // `a` keeps existing under `b` but, untagged with a child, is an intermediate image.
    assert.equal(await docker("rmi", "a"), "Untagged: a:latest\n");
    const busybox = await engine.imageInspect("busybox");
    const b = await engine.imageInspect("b");
    const df = await engine.systemDf();
    const busyboxSize = busybox.Size;
    assert.deepEqual(
      df.Images.map((image) => [image.Id, image.RepoTags, image.Containers, image.SharedSize]),
      [
        [b.Id, ["b:latest"], 0, busyboxSize],
        [busybox.Id, ["busybox:latest"], 1, busyboxSize],
      ],
    );
    // Every layer once: busybox's two, `a`'s and `b`'s (one file each).
    assert.equal(df.LayersSize, b.Size);
    assert.ok(b.Size > busyboxSize);
    const table = await docker("system", "df");
    // Images: 2 listed, 1 in use; busybox's layers are shared, so all of them count as
    // reclaimable (dockerd's arithmetic: used = size - shared size of the images in use).
    assert.match(table, /^Images {10}2 {9}1 {9}\S+ +\S+ \(100%\)$/m);
  });
});
