import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runDocker } from "../../../src/client/docker-cli.ts";
import { drivenEngine } from "../../../src/client/driven-engine.ts";
import { BuiltinRuntime } from "../../../src/daemon/builtin-runtime.ts";
import {
  type EngineHost,
  type EngineHostOptions,
  openEngineHost,
} from "../../../src/daemon/engine-host.ts";
import { MemoryStateStore } from "../../../src/daemon/memory-state-store.ts";
import { busyboxImage } from "../../../src/runtime/offline-images.ts";
import { bufferIo } from "../client/helpers/buffer-io.ts";
import { testBaseImage } from "./daemon-fixture.ts";

type Cli = (...argv: string[]) => Promise<{ exitCode: number; stdout: string; stderr: string }>;

/** One CLI session on a store: the world opened, `work` run with a docker CLI, the world closed. */
async function session(
  store: MemoryStateStore,
  work: (cli: Cli, host: EngineHost) => Promise<void>,
  options: Partial<EngineHostOptions> = {},
): Promise<void> {
  const host = await openEngineHost({
    seed: 3,
    store,
    runtime: ({ loop }) => new BuiltinRuntime({ scheduler: loop }),
    baseImages: () => [testBaseImage()],
    ...options,
  });
  const cli: Cli = async (...argv) => {
    const io = bufferIo();
    const exitCode = await runDocker((run) => run(drivenEngine(host)), argv, io.io);
    return { exitCode, stdout: io.stdout(), stderr: io.stderr() };
  };
  await work(cli, host);
  await host.close();
}

const lines = (text: string) => text.trimEnd().split("\n");

/** The world file's manifest as the store holds it. */
async function savedManifest(store: MemoryStateStore): Promise<{ registries?: unknown }> {
  const saved = await store.load();
  assert.ok(saved !== undefined);
  return JSON.parse(new TextDecoder().decode(saved.manifest));
}

describe("the embedded world's registries", () => {
  it("keeps what was pushed to localhost:5000 for a pull in a later command", async () => {
    const store = new MemoryStateStore();
    let pushedId = "";
    await session(store, async (cli) => {
      assert.equal((await cli("tag", "busybox", "localhost:5000/app")).exitCode, 0);
      const push = await cli("push", "localhost:5000/app");
      assert.equal(push.exitCode, 0, push.stderr);
      const out = lines(push.stdout);
      // (The docker CLI prints `Using default tag: latest` first; drydock's client does not yet.)
      const from = out.indexOf("The push refers to repository [localhost:5000/app]");
      assert.ok(from >= 0, push.stdout);
      assert.match(out[from + 1]!, /^[0-9a-f]{12}: Preparing$/);
      assert.match(out[from + 2]!, /^[0-9a-f]{12}: Pushed$/);
      assert.match(out[from + 3]!, /^latest: digest: sha256:[0-9a-f]{64} size: 524$/);
      pushedId = lines((await cli("images", "-q", "--no-trunc", "localhost:5000/app")).stdout)[0]!;
    });
    assert.ok((await savedManifest(store)).registries !== undefined, "the push is saved");
    await session(store, async (cli) => {
      const rmi = await cli("rmi", "localhost:5000/app", "busybox");
      assert.equal(rmi.exitCode, 0, rmi.stderr);
      assert.match(rmi.stdout, /^Deleted: sha256:/m, "the image is gone from the daemon");
      const pull = await cli("pull", "localhost:5000/app");
      assert.equal(pull.exitCode, 0, pull.stderr);
      const out = lines(pull.stdout).map((line) => line.replace(/^[0-9a-f]{12}: /, "L: "));
      const from = out.indexOf("latest: Pulling from app");
      assert.ok(from >= 0, pull.stdout);
      assert.deepEqual(out.slice(from + 1, from + 5), [
        "L: Pulling fs layer",
        "L: Verifying Checksum",
        "L: Download complete",
        "L: Pull complete",
      ]);
      assert.match(out[from + 5]!, /^Digest: sha256:[0-9a-f]{64}$/);
      assert.deepEqual(out.slice(from + 6), [
        "Status: Downloaded newer image for localhost:5000/app:latest",
        "localhost:5000/app:latest",
      ]);
      const ids = await cli("images", "-q", "--no-trunc", "localhost:5000/app");
      assert.equal(lines(ids.stdout)[0], pushedId);
    });
  });

  it("replays a journal with a push in it to the same registry state", async () => {
    const store = new MemoryStateStore();
    let pushed: unknown;
    let stats: unknown;
    await session(store, async (cli, host) => {
      // A running container keeps the world from rest: the next command replays a journal.
      const run = await cli("run", "-d", "--name", "sleeper", "busybox", "sleep", "100");
      assert.equal(run.exitCode, 0, run.stderr);
      await cli("tag", "busybox", "localhost:5000/app:1");
      assert.equal((await cli("push", "localhost:5000/app:1")).exitCode, 0);
      const registry = (await host.registry("localhost:5000"))!;
      pushed = registry.snapshot();
      stats = registry.stats();
    });
    const journalled = await savedManifest(store);
    assert.equal(journalled.registries, undefined, "the journal's base holds the empty registry");
    await session(store, async (cli, host) => {
      const registry = (await host.registry("localhost:5000"))!;
      assert.deepEqual(registry.snapshot(), pushed);
      assert.deepEqual(registry.stats(), stats, "the same requests, answered the same way");
      assert.equal((await cli("stop", "-t", "0", "sleeper")).exitCode, 0);
    });
    const atRest = await savedManifest(store);
    assert.deepEqual(Object.keys(atRest.registries as object), ["localhost:5000"]);
    await session(store, async (_cli, host) => {
      assert.deepEqual((await host.registry("localhost:5000"))!.snapshot(), pushed);
    });
  });

  it("pulls busybox from docker.io offline, and FROM pulls what is not here", async () => {
    const store = new MemoryStateStore();
    await session(
      store,
      async (cli) => {
        const upToDate = await cli("pull", "busybox");
        assert.equal(upToDate.exitCode, 0, upToDate.stderr);
        assert.match(upToDate.stdout, /^latest: Pulling from library\/busybox\n/m);
        // (Then the docker CLI prints `docker.io/library/busybox:latest`; drydock's client `busybox:latest`.)
        assert.match(upToDate.stdout, /\nStatus: Image is up to date for busybox:latest\n/);
        assert.equal((await cli("rmi", "alpine")).exitCode, 0);
        const pull = await cli("pull", "alpine");
        assert.equal(pull.exitCode, 0, pull.stderr);
        assert.match(pull.stdout, /^latest: Pulling from library\/alpine\n/m);
        assert.match(pull.stdout, /Status: Downloaded newer image for alpine:latest\n/);
        const unknown = await cli("pull", "localhost:5000/nothing");
        assert.equal(unknown.exitCode, 1);
        assert.match(unknown.stderr, /manifest unknown/);
      },
      { baseImages: undefined },
    );
    assert.equal(
      (await savedManifest(store)).registries,
      undefined,
      "pulls change no registry: nothing of them is saved",
    );
  });

  it("opens a world whose registry snapshot is damaged, and fails only what needs that registry", async () => {
    const store = new MemoryStateStore();
    await session(store, async (cli) => {
      await cli("tag", "busybox", "localhost:5000/app");
      assert.equal((await cli("push", "localhost:5000/app")).exitCode, 0);
    });
    const saved = (await store.load())!;
    const manifest = JSON.parse(new TextDecoder().decode(saved.manifest));
    const snapshot: string = manifest.registries["localhost:5000"].snapshot;
    const blobs = new Map(saved.blobs);
    blobs.set(snapshot, new TextEncoder().encode("not json"));
    const damaged = new MemoryStateStore();
    await damaged.save({ manifest: saved.manifest, blobs });
    await session(damaged, async (cli) => {
      assert.equal((await cli("ps")).exitCode, 0, "a registry is not read until it is used");
      const pull = await cli("pull", "localhost:5000/app");
      assert.equal(pull.exitCode, 1);
      assert.match(pull.stderr, /damaged: the snapshot of registry localhost:5000 is not JSON/);
      assert.equal((await cli("pull", "busybox")).exitCode, 0, "other registries work");
    });
    const after = JSON.parse(new TextDecoder().decode((await damaged.load())!.manifest));
    assert.equal(after.registries["localhost:5000"].snapshot, snapshot, "its record is kept");
  });

  it("builds FROM an image the daemon pulls from docker.io", async () => {
    const store = new MemoryStateStore();
    await session(
      store,
      async (_cli, host) => {
        const { contextTar } = await import("../builder/executor/support/harness.ts");
        const archive = contextTar({ Dockerfile: 'FROM busybox\nCMD ["sh"]\n' });
        const messages = await host.run(async (engine) => {
          const out = [];
          for await (const m of engine.imageBuild({ kind: "tar", archive }, { tags: ["b"] }))
            out.push(m.stream ?? m.status ?? m.error ?? "");
          return out;
        });
        const text = messages.join("");
        assert.match(text, /Status: Downloaded newer image for busybox:latest/);
        assert.match(text, /Successfully tagged b:latest/);
        const image = await host.run((engine) => engine.imageInspect("busybox"));
        assert.equal(image.Id, busyboxImage().image.id);
      },
      { baseImages: () => [] },
    );
  });
});
