/**
 * A real `docker push` through a link proxy: a private dockerd of the test's own (see
 * test/support/real-docker.ts) pushes busybox:latest to our own docker-registry 2.8.2 via a proxy
 * on another loopback port, and the proxy's exchanges map to the simulator's registry events.
 * Skips, with the reason, when docker-registry is missing or dockerd cannot start.
 *
 * It once borrowed a long-lived dockerd at /tmp/dd/docker.sock; a stale socket left there by an
 * earlier session passed the "is it there" check and failed CI, so the test starts its own.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { findCommand } from "../../src/real/find-command.ts";
import {
  type LinkExchange,
  type LinkProxy,
  registryEventOf,
  startLinkProxy,
  UploadSizes,
} from "../../src/real/link-proxy.ts";
import {
  freeLoopbackPort,
  type RegistryProcess,
  startRegistryProcess,
} from "../../src/real/registry-process.ts";
import { buildRealBusybox, type RealDockerd, startRealDockerd } from "../support/real-docker.ts";

const started =
  findCommand("docker-registry") === undefined
    ? "docker-registry is not installed"
    : await startRealDockerd();
const skip = typeof started === "string" ? started : undefined;

describe("link proxy in front of a real registry", () => {
  const dockerd = started as RealDockerd;
  let dir: string;
  let registry: RegistryProcess | undefined;
  let proxy: LinkProxy | undefined;
  const exchanges: LinkExchange[] = [];
  before(async () => {
    if (skip !== undefined) return;
    await buildRealBusybox(dockerd);
    dir = mkdtempSync(join(tmpdir(), "drydock-link-proxy-"));
    const started = await startRegistryProcess({
      name: "hub",
      dir: join(dir, "registry"),
      binary: findCommand("docker-registry")!,
      startTimeoutMs: 10_000,
    });
    if (typeof started === "string") throw new Error(started);
    registry = started;
    const [host, port] = registry.address.split(":") as [string, string];
    proxy = await startLinkProxy({
      name: "dev→hub",
      listen: { host: "127.0.0.1", port: await freeLoopbackPort() },
      target: { host, port: Number(port) },
      latencyMs: 5,
      bandwidthMbps: 200,
      onExchange: (exchange) => exchanges.push(exchange),
    });
  });
  after(async () => {
    await proxy?.close();
    await registry?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    if (skip === undefined) await dockerd.stop();
  });

  it("carries a docker push and sees its uploads", { timeout: 30_000 }, async (t) => {
    if (skip !== undefined) return t.skip(skip);
    const docker = dockerd.docker;
    const image = `${proxy!.address}/demo/probe:v1`;
    await docker(["tag", "busybox:latest", image]);
    try {
      await docker(["push", image], { timeoutMs: 20_000 });
    } finally {
      await docker(["rmi", image]);
    }
    if (process.env.DRYDOCK_PRINT_EXCHANGES === "1")
      for (const e of exchanges) console.log(JSON.stringify(e));
    assert.ok(exchanges.every((exchange) => exchange.error === undefined));
    const uploads = new UploadSizes();
    const events = exchanges
      .map((exchange) => registryEventOf(exchange, { host: "dev", registry: "hub", uploads }))
      .filter((event) => event !== undefined);
    const kinds = events.map((event) => event.kind);
    assert.ok(kinds.includes("registry.blob.upload.start"), kinds.join(" "));
    const commits = events.filter((event) => event.kind === "registry.blob.upload.commit");
    const layerCount = Number(
      (await docker(["image", "inspect", "-f", "{{len .RootFS.Layers}}", "busybox:latest"])).stdout,
    );
    // Every layer and the config.
    assert.equal(commits.length, layerCount + 1, kinds.join(" "));
    for (const commit of commits) {
      assert.match(String(commit.data.digest), /^sha256:[0-9a-f]{64}$/);
      // dockerd checks each blob it committed: the HEAD's length is the blob's size.
      const check = events.find(
        (event) =>
          event.kind === "registry.blob.exists" && event.data.digest === commit.data.digest,
      );
      assert.equal(commit.data.sizeBytes, check?.data.sizeBytes, JSON.stringify(commit));
    }
    const put = events.find((event) => event.kind === "registry.manifest.put");
    assert.equal(put?.data.repository, "demo/probe");
    assert.equal(put?.data.reference, "v1");
    assert.equal(put?.data.client, "dev");
    assert.equal(put?.host, "hub");
    const layerBytes = exchanges
      .filter((exchange) => exchange.method === "PATCH")
      .reduce((sum, exchange) => sum + exchange.requestBytes, 0);
    assert.ok(layerBytes > 100_000, `PATCH bodies carried ${layerBytes} bytes`);
    // Upload locations name the proxy, so every request went through it.
    for (const exchange of exchanges) {
      const location = exchange.responseHeaders.location;
      if (location?.startsWith("http://"))
        assert.ok(location.startsWith(`http://${proxy!.address}/`));
    }
  });
});
