import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { isDrydockError } from "../../../src/errors/drydock-error.ts";
import type { Link } from "../../../src/net/link.ts";
import { LinkTransport } from "../../../src/net/link-transport.ts";
import type { NetEndpoint } from "../../../src/net/net-endpoint.ts";
import { Network } from "../../../src/net/network.ts";
import { SeededRng } from "../../../src/random/rng.ts";
import type { RegistryHandler, RegistryRequest } from "../../../src/registry/registry-http.ts";

const MB = 1_000_000;

interface Setup {
  loop: EventLoop;
  network: Network;
  link: Link;
  uplink: Link;
  endpoint: NetEndpoint;
  transport(localIp?: string, link?: Link): LinkTransport;
  at(): number;
}

/** A registry double answering GET with `responseBytes` bytes after `thinkUs`. */
function handler(
  loop: EventLoop,
  options: { responseBytes?: number; thinkUs?: number } = {},
): RegistryHandler {
  return {
    async handle() {
      if (options.thinkUs !== undefined) await loop.sleep(options.thinkUs);
      return { status: 200, headers: {}, body: new Uint8Array(options.responseBytes ?? 0) };
    },
  };
}

function setup(
  server: (loop: EventLoop) => RegistryHandler,
  uplinkBytesPerSecond = 100 * MB,
): Setup {
  const loop = new EventLoop({ clock: new VirtualClock({ startUs: 0 }) });
  const network = new Network({ scheduler: loop });
  const link = network.link({ name: "a<->reg", latencyUs: 10_000, bandwidthBytesPerSecond: MB });
  const uplink = network.link({
    name: "reg uplink",
    latencyUs: 0,
    bandwidthBytesPerSecond: uplinkBytesPerSecond,
  });
  const endpoint = network.endpoint({ name: "reg", address: "10.0.1.1:443" });
  const registry = server(loop);
  const rng = SeededRng.fromSeed(1);
  return {
    loop,
    network,
    link,
    uplink,
    endpoint,
    transport: (localIp = "10.0.0.2", path = link) =>
      new LinkTransport({
        network,
        links: [path, uplink],
        endpoint,
        handler: () => registry,
        localIp,
        rng,
      }),
    at: () => loop.clock.nowUs(),
  };
}

const GET: RegistryRequest = { method: "GET", target: "/v2/", headers: {} };

async function failure(loop: EventLoop, work: Promise<unknown>): Promise<Error> {
  const settled = await loop.runUntil(
    work.then(
      () => undefined,
      (error: unknown) => error,
    ),
  );
  assert.ok(settled instanceof Error, "the request should fail");
  assert.ok(isDrydockError(settled));
  assert.equal(settled.code, "Unavailable");
  return settled;
}

describe("LinkTransport", () => {
  it("takes latency there, latency back and the body at the link's bandwidth", async () => {
    const s = setup((loop) => handler(loop, { responseBytes: MB }));
    const response = await s.loop.runUntil(s.transport().send(GET));
    assert.equal(response.body.length, MB);
    assert.equal(s.at(), 10_000 + 10_000 + 1_000_000);
  });

  it("uploads a body with progress at simulated instants, then the handler answers", async () => {
    const s = setup((loop) => handler(loop, { thinkUs: 5_000 }));
    const seen: string[] = [];
    const body = new Uint8Array(1024 * 1024);
    await s.loop.runUntil(
      s
        .transport()
        .send(
          { method: "PUT", target: "/v2/x/blobs/uploads/1", headers: {}, body },
          { onUpload: (p) => seen.push(`${p.doneBytes}@${s.at()}`) },
        ),
    );
    assert.deepEqual(seen, ["524288@534288", "1048576@1058576"]);
    assert.equal(s.at(), 10_000 + 1_048_576 + 5_000 + 10_000);
  });

  it("two hosts pulling from one registry share its uplink", async () => {
    const s = setup((loop) => handler(loop, { responseBytes: MB }), MB);
    const other = s.network.link({
      name: "b<->reg",
      latencyUs: 10_000,
      bandwidthBytesPerSecond: MB,
    });
    const ends: number[] = [];
    const a = s
      .transport("10.0.0.2")
      .send(GET)
      .then(() => ends.push(s.at()));
    const b = s
      .transport("10.0.0.3", other)
      .send(GET)
      .then(() => ends.push(s.at()));
    await s.loop.runUntil(Promise.all([a, b]));
    assert.deepEqual(ends, [2_020_000, 2_020_000]);
  });

  it("a downed registry refuses the dial after one round trip, in Go's words", async () => {
    const s = setup((loop) => handler(loop));
    s.network.setUp(s.endpoint, false);
    const error = await failure(s.loop, s.transport().send(GET));
    assert.equal(error.message, "dial tcp 10.0.1.1:443: connect: connection refused");
    assert.equal(s.at(), 20_000);
    s.network.setUp(s.endpoint, true);
    await s.loop.runUntil(s.transport().send(GET));
  });

  it("a link cut mid-download resets the read at the instant of the cut; new dials find no route", async () => {
    const s = setup((loop) => handler(loop, { responseBytes: MB }));
    s.loop.at(300_000, "cut", () => s.network.cut(s.link));
    const error = await failure(s.loop, s.transport().send(GET));
    assert.match(
      error.message,
      /^read tcp 10\.0\.0\.2:\d+->10\.0\.1\.1:443: read: connection reset by peer$/,
    );
    assert.equal(s.at(), 300_000);
    assert.equal(s.network.flows.flowCount, 0);
    assert.equal(s.network.connectionCount, 0);
    const refused = await failure(s.loop, s.transport().send(GET));
    assert.equal(refused.message, "dial tcp 10.0.1.1:443: connect: no route to host");
    s.network.restore(s.link);
    await s.loop.runUntil(s.transport().send(GET));
  });

  it("a cut during an upload is a write reset; a registry going down mid-request a read reset", async () => {
    const s = setup((loop) => handler(loop, { thinkUs: 50_000 }));
    const put: RegistryRequest = {
      method: "PUT",
      target: "/x",
      headers: {},
      body: new Uint8Array(MB),
    };
    s.loop.at(100_000, "cut", () => s.network.cut(s.link));
    const write = await failure(s.loop, s.transport().send(put));
    assert.match(
      write.message,
      /^write tcp 10\.0\.0\.2:\d+->10\.0\.1\.1:443: write: connection reset by peer$/,
    );
    s.network.restore(s.link);
    const start = s.at();
    s.loop.at(start + 30_000, "down", () => s.network.setUp(s.endpoint, false));
    const read = await failure(s.loop, s.transport().send(GET));
    assert.match(read.message, /^read tcp .*: read: connection reset by peer$/);
    assert.equal(s.at(), start + 30_000);
  });

  it("a slowed link slows the transfer in flight from the instant it changes", async () => {
    const s = setup((loop) => handler(loop, { responseBytes: MB }));
    s.loop.at(520_000, "slow", () =>
      s.network.reshape(s.link, { bandwidthBytesPerSecond: MB / 4 }),
    );
    await s.loop.runUntil(s.transport().send(GET));
    // 0.5 MB at 1 MB/s after 20 ms of latency, then 0.5 MB at 0.25 MB/s.
    assert.equal(s.at(), 520_000 + 2_000_000);
    s.network.reshape(s.link, { latencyUs: 1_000, bandwidthBytesPerSecond: MB });
    const start = s.at();
    await s.loop.runUntil(s.transport().send(GET));
    assert.equal(s.at() - start, 2_000 + 1_000_000);
  });

  it("names the requesting host to the server as x-forwarded-for", async () => {
    const s = setup((loop) => handler(loop));
    const seen: RegistryRequest[] = [];
    const transport = new LinkTransport({
      network: s.network,
      links: [s.link],
      endpoint: s.endpoint,
      handler: () => ({
        handle: async (request) => {
          seen.push(request);
          return { status: 200, headers: {}, body: new Uint8Array(0) };
        },
      }),
      localIp: "127.0.0.1",
      clientName: "builder",
      rng: SeededRng.fromSeed(2),
    });
    const request: RegistryRequest = { method: "GET", target: "/v2/", headers: { host: "r" } };
    await s.loop.runUntil(transport.send(request));
    assert.deepEqual(seen[0]?.headers, { host: "r", "x-forwarded-for": "builder" });
    assert.deepEqual(request.headers, { host: "r" }, "the caller's request is left as it was");
  });
});
