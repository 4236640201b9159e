/**
 * startRealWorld on this machine: two private dockerds, Docker Hub played by a local registry
 * behind a --registry-mirror, `registry.local:5000` found through each daemon's private
 * /etc/hosts, one link shaped slow; a build pulls its base through the mirror, an image goes from
 * one host to the other, faults act, reset and stop leave nothing behind. Skips with the reason
 * when the real side is unavailable (not root, not installed).
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it, type TestContext } from "node:test";
import {
  type LinkProxy,
  type LinkProxyOptions,
  startLinkProxy,
} from "../../src/real/link-proxy.ts";
import { type RealWorld, startRealWorld } from "../../src/real/real-world.ts";
import { processExists } from "../../src/real/stop-child.ts";
import type { WorldSpec } from "../../src/world/world-spec.ts";

const SPEC: WorldSpec = {
  hosts: [{ name: "a" }, { name: "b", baseImages: ["busybox"] }],
  registries: [
    { name: "docker.io", images: ["busybox", "alpine"] },
    { name: "registry.local:5000" },
  ],
  links: [{ host: "b", registry: "registry.local:5000", latencyMs: 20, bandwidthMbps: 8 }],
};

/** Starts a link proxy and notes, per link name, each fault call it gets. */
function recording(calls: string[]) {
  return async (options: LinkProxyOptions): Promise<LinkProxy> => {
    const proxy = await startLinkProxy(options);
    const note = (call: string) => calls.push(`${options.name} ${call}`);
    return {
      address: proxy.address,
      setShape: (shape) => {
        note(`setShape ${JSON.stringify(shape)}`);
        proxy.setShape(shape);
      },
      down: () => {
        note("down");
        return proxy.down();
      },
      up: () => {
        note("up");
        return proxy.up();
      },
      cut: () => {
        note("cut");
        return proxy.cut();
      },
      restore: () => {
        note("restore");
        return proxy.restore();
      },
      close: () => proxy.close(),
    };
  };
}

describe("startRealWorld", () => {
  let world: RealWorld | undefined;
  let skip: string | undefined;
  const exchanges: string[] = [];
  const calls: string[] = [];
  before(async () => {
    const started = await startRealWorld(SPEC, {
      onExchange: (link, e) =>
        exchanges.push(`${link.host} ${link.registry} ${e.method} ${e.path}`),
      startLinkProxy: recording(calls),
    });
    if ("unavailable" in started) skip = started.unavailable;
    else world = started;
  });
  after(async () => {
    await world?.stop();
  });
  const real = (t: TestContext): RealWorld | undefined => {
    if (world === undefined) t.skip(skip);
    return world;
  };
  const build = async (w: RealWorld, options: { tag: string; dockerfile: string }) => {
    const context = join(w.dir, "contexts", options.tag.replace(/[^a-z0-9]/g, "-"));
    mkdirSync(context, { recursive: true });
    writeFileSync(join(context, "Dockerfile"), options.dockerfile);
    return (await w.hosts.a?.docker(["build", "-t", options.tag, context]))?.stdout.toString();
  };

  it("seeds base images and registries as the spec says, and lists what it leaves out", async (t) => {
    const w = real(t);
    if (w === undefined) return;
    const images = async (host: string) =>
      (await w.hosts[host]?.docker(["images", "--format", "{{.Repository}}:{{.Tag}}"]))?.stdout
        .toString()
        .trim();
    assert.equal(await images("a"), "");
    assert.equal(await images("b"), "busybox:latest");
    assert.deepEqual(await catalog(w, "docker.io"), ["library/busybox"]);
    assert.deepEqual(await catalog(w, "registry.local:5000"), []);
    assert.ok(w.limitations.some((line) => /docker\.io: alpine/.test(line)));
  });

  it("builds FROM busybox through the mirror and pushes to registry.local:5000", async (t) => {
    const w = real(t);
    if (w === undefined) return;
    const out = await build(w, {
      tag: "registry.local:5000/app:1",
      dockerfile: "FROM busybox\nRUN echo hi > /x\n",
    });
    assert.match(out ?? "", /latest: Pulling from library\/busybox/);
    await w.hosts.a?.docker(["push", "registry.local:5000/app:1"]);
    assert.deepEqual(await catalog(w, "registry.local:5000"), ["app"]);
    // Both went through host a's own links: the mirror's and registry.local's.
    assert.ok(exchanges.includes("a docker.io HEAD /v2/library/busybox/manifests/latest"));
    assert.ok(exchanges.includes("a registry.local:5000 PUT /v2/app/manifests/1"));
    assert.ok(!exchanges.some((e) => e.startsWith("b ")));
  });

  it("pulls on the other host and runs it", async (t) => {
    const w = real(t);
    if (w === undefined) return;
    await w.hosts.b?.docker(["pull", "registry.local:5000/app:1"]);
    const run = await w.hosts.b?.docker([
      "run",
      "--rm",
      "--pull=never",
      "registry.local:5000/app:1",
      "cat",
      "/x",
    ]);
    assert.equal(run?.stdout.toString(), "hi\n");
  });

  it("carries a ~1 MB layer over the 8 Mbit/s link in at least a second", async (t) => {
    const w = real(t);
    if (w === undefined) return;
    await build(w, {
      tag: "registry.local:5000/big:1",
      dockerfile: "FROM busybox\nRUN head -c 1000000 /dev/urandom > /big\n",
    });
    await w.hosts.a?.docker(["push", "-q", "registry.local:5000/big:1"]);
    const startMs = Date.now();
    await w.hosts.b?.docker(["pull", "-q", "registry.local:5000/big:1"]);
    const tookMs = Date.now() - startMs;
    t.diagnostic(`pull over 20 ms / 8 Mbit/s: ${tookMs} ms`);
    assert.ok(tookMs >= 1_000, `took ${tookMs} ms`);
  });

  it("refuses connections while the registry is down, and serves again once up", async (t) => {
    const w = real(t);
    if (w === undefined) return;
    await w.applyFault({ atMs: 0, kind: "registry-down", registry: "registry.local:5000" });
    await assert.rejects(
      w.hosts.b?.docker(["pull", "registry.local:5000/app:1"]) ?? Promise.reject(),
      /dial tcp 127\.\d+\.2\.2:5000: connect: connection refused/,
    );
    await w.applyFault({ atMs: 0, kind: "registry-up", registry: "registry.local:5000" });
    await w.hosts.b?.docker(["pull", "-q", "registry.local:5000/app:1"]);
    await assert.rejects(
      w.applyFault({ atMs: 0, kind: "link-cut", host: "a" }),
      /uplink is not supported on the docker backend/,
    );
  });

  it("sends link faults to that pair's proxy only", async (t) => {
    const w = real(t);
    if (w === undefined) return;
    calls.length = 0;
    const link = { host: "a", registry: "docker.io" } as const;
    await w.applyFault({ atMs: 0, kind: "link-slow", ...link, latencyMs: 5 });
    await w.applyFault({ atMs: 0, kind: "link-cut", ...link });
    await w.applyFault({ atMs: 0, kind: "link-restore", ...link });
    await w.applyFault({ atMs: 0, kind: "registry-restart", registry: "docker.io", downMs: 50 });
    assert.deepEqual(calls, [
      'a↔docker.io setShape {"latencyMs":5}',
      "a↔docker.io cut",
      "a↔docker.io restore",
      "a↔docker.io down",
      "b↔docker.io down",
      "a↔docker.io up",
      "b↔docker.io up",
    ]);
    assert.throws(() => w.link("a", "nowhere"), /no link between host a and registry nowhere/);
    await assert.rejects(
      w.applyFault({ atMs: 0, kind: "registry-down", registry: "nowhere" }),
      /no registry nowhere in this world/,
    );
  });

  it("restarts a daemon on the same state", async (t) => {
    const w = real(t);
    if (w === undefined) return;
    const before = w.hosts.b?.pid;
    await w.applyFault({ atMs: 0, kind: "daemon-restart", host: "b", downMs: 100 });
    assert.notEqual(w.hosts.b?.pid, before);
    const tags = await w.hosts.b?.docker(["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert.match(tags?.stdout.toString() ?? "", /registry\.local:5000\/app:1/);
  });

  it("resets to the starting state", async (t) => {
    const w = real(t);
    if (w === undefined) return;
    await w.hosts.b?.docker(["volume", "create", "v1"]);
    await w.hosts.b?.docker(["tag", "busybox:latest", "mine:1"]);
    await w.hosts.a?.docker(["create", "--pull=never", "registry.local:5000/app:1"]);
    calls.length = 0;
    await w.reset();
    // Every link back to its spec shape (the slow a↔docker.io one included).
    assert.ok(calls.includes('a↔docker.io setShape {"latencyMs":1,"bandwidthMbps":1000}'));
    assert.ok(calls.includes('b↔registry.local:5000 setShape {"latencyMs":20,"bandwidthMbps":8}'));
    const all = async (host: string, args: string[]) =>
      (await w.hosts[host]?.docker(args))?.stdout.toString().trim();
    assert.equal(await all("a", ["images", "-a", "-q"]), "");
    assert.equal(await all("a", ["ps", "-a", "-q"]), "");
    assert.equal(
      await all("b", ["images", "-a", "--format", "{{.Repository}}:{{.Tag}}"]),
      "busybox:latest",
    );
    assert.equal(await all("b", ["volume", "ls", "-q"]), "");
    assert.deepEqual(await catalog(w, "registry.local:5000"), []);
    assert.deepEqual(await catalog(w, "docker.io"), ["library/busybox"]);
  });

  it("stops every process and removes its directory", async (t) => {
    const w = real(t);
    if (w === undefined) return;
    const pids = [
      ...Object.values(w.hosts).flatMap((daemon) => daemon.pids()),
      ...Object.values(w.registries).flatMap((registry) => registry.pid() ?? []),
    ];
    assert.equal(pids.length, 6);
    await w.stop();
    await w.stop();
    world = undefined;
    assert.deepEqual(pids.filter(processExists), []);
    assert.equal(existsSync(w.dir), false);
  });
});

describe("startRealWorld when a link cannot listen", () => {
  it("returns the reason and leaves no directory behind", async (t) => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    // A parent directory of its own: other test files start and stop worlds meanwhile.
    const parentDir = mkdtempSync(join(tmpdir(), "drydock-world-test-"));
    try {
      const started = await startRealWorld(
        { hosts: [{ name: "a" }], registries: [{ name: `localhost:${port}` }] },
        { startLinkProxy: recording([]), parentDir },
      );
      if (!("unavailable" in started)) {
        await started.stop();
        assert.fail("a world whose link port is taken started");
      }
      if (/needs root|not installed|Linux/.test(started.unavailable))
        return t.skip(started.unavailable);
      assert.match(
        started.unavailable,
        new RegExp(`localhost:${port} on 127\\.0\\.0\\.1:${port}: .*(EADDRINUSE|in use)`),
      );
      assert.deepEqual(readdirSync(parentDir), []);
    } finally {
      taken.close();
      rmSync(parentDir, { recursive: true, force: true });
    }
  });
});

/** The repositories a world registry holds, asked of the registry process directly. */
async function catalog(world: RealWorld, registry: string): Promise<string[]> {
  const address = world.registries[registry]?.address;
  const response = await fetch(`http://${address}/v2/_catalog`);
  return ((await response.json()) as { repositories: string[] }).repositories;
}
