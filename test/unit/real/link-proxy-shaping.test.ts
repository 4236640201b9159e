import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import {
  bodyOf,
  type Origin,
  patterned,
  send,
  startOrigin,
  startProxyTo,
} from "./link-proxy-support.ts";

/** Wall milliseconds `run` took. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const startMs = performance.now();
  await run();
  return performance.now() - startMs;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("link proxy shaping", () => {
  let origin: Origin;
  /** Bytes the origin's answer to the last `/flood` managed to hand to its socket. */
  let floodWrittenBytes = 0;
  before(async () => {
    origin = await startOrigin(async (request, response) => {
      const body = await bodyOf(request);
      const size = /^\/bytes\/(\d+)$/.exec(request.url ?? "")?.[1];
      if (size !== undefined) {
        response.writeHead(200, { "content-length": size }).end(patterned(Number(size)));
      } else if (request.url === "/flood") {
        const chunk = patterned(64 * 1024);
        floodWrittenBytes = 0;
        response.writeHead(200);
        const pump = () => {
          while (!response.destroyed && floodWrittenBytes < 64 * 1024 * 1024) {
            floodWrittenBytes += chunk.length;
            if (!response.write(chunk)) return void response.once("drain", pump);
          }
          response.end();
        };
        pump();
      } else response.writeHead(200).end(String(body.length));
    });
  });
  after(() => origin.close());

  it("delays requests and responses by the one-way latency each", async () => {
    const proxied = await startProxyTo(origin, { latencyMs: 50 });
    try {
      const roundTripMs = await timed(() => send(proxied.port, { path: "/bytes/10" }));
      assert.ok(roundTripMs >= 100, `round trip took ${roundTripMs} ms`);
      proxied.proxy.setShape({ latencyMs: 120 });
      const slowerMs = await timed(() => send(proxied.port, { path: "/bytes/10" }));
      assert.ok(slowerMs >= 240, `round trip after setShape took ${slowerMs} ms`);
    } finally {
      await proxied.proxy.close();
    }
  });

  it("paces response and request bodies to the bandwidth", async () => {
    const proxied = await startProxyTo(origin, { bandwidthMbps: 8 });
    try {
      const downMs = await timed(async () => {
        const answer = await send(proxied.port, { path: "/bytes/1000000" });
        assert.equal(answer.body.length, 1_000_000);
      });
      assert.ok(downMs >= 900, `1 MB down at 8 Mbit/s took ${downMs} ms`);
      const upMs = await timed(async () => {
        const answer = await send(proxied.port, {
          method: "PUT",
          path: "/up",
          body: patterned(500_000),
        });
        assert.equal(answer.body.toString(), "500000");
      });
      assert.ok(upMs >= 450, `500 kB up at 8 Mbit/s took ${upMs} ms`);
      const exchange = proxied.exchanges.at(-1)!;
      assert.equal(exchange.requestBytes, 500_000);
      assert.ok(exchange.endUs - exchange.startUs >= 450_000);
    } finally {
      await proxied.proxy.close();
    }
  });

  it("shares one direction's bandwidth among the link's connections", async () => {
    const proxied = await startProxyTo(origin, { bandwidthMbps: 8 });
    try {
      const bothMs = await timed(() =>
        Promise.all([
          send(proxied.port, { path: "/bytes/500000" }),
          send(proxied.port, { path: "/bytes/500000" }),
        ]),
      );
      assert.ok(bothMs >= 900, `2 × 500 kB down at 8 Mbit/s took ${bothMs} ms`);
    } finally {
      await proxied.proxy.close();
    }
  });

  it("applies a new bandwidth to a transfer in flight", async () => {
    const proxied = await startProxyTo(origin, { bandwidthMbps: 4 });
    try {
      const transfer = send(proxied.port, { path: "/bytes/2000000" });
      await sleep(200);
      proxied.proxy.setShape({ bandwidthMbps: 400 });
      const totalMs = await timed(() => transfer);
      // At 4 Mbit/s throughout it would take 4 s; about 100 kB went at the slow rate.
      assert.ok(totalMs < 2_000, `the rest of 2 MB after speeding up took ${totalMs} ms`);
      assert.equal((await transfer).body.length, 2_000_000);
    } finally {
      await proxied.proxy.close();
    }
  });

  it("reads no faster than it sends (backpressure)", async () => {
    const proxied = await startProxyTo(origin, { bandwidthMbps: 8 });
    try {
      const request = http.get({
        host: "127.0.0.1",
        port: proxied.port,
        path: "/flood",
        agent: false,
      });
      request.on("error", () => undefined);
      request.on("response", (answer) => answer.resume());
      await sleep(400);
      // 400 ms at 8 Mbit/s is 400 kB; the rest are socket buffers, not the proxy's memory.
      assert.ok(
        floodWrittenBytes < 24 * 1024 * 1024,
        `the origin wrote ${floodWrittenBytes} bytes into a link that carried ~400 kB`,
      );
      request.destroy();
    } finally {
      await proxied.proxy.close();
    }
  });
});
