import assert from "node:assert/strict";
import http from "node:http";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import {
  bodyOf,
  type Origin,
  type Proxied,
  patterned,
  send,
  startOrigin,
  startProxyTo,
} from "./link-proxy-support.ts";

/** Resolves with how a plain TCP connect to 127.0.0.1:`port` ended ("connected" or the code). */
function dial(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Why a request failed, as its error code. */
async function failureOf(answer: Promise<unknown>): Promise<string> {
  try {
    await answer;
    return "succeeded";
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("link proxy faults", () => {
  let origin: Origin;
  let proxied: Proxied;
  before(async () => {
    origin = await startOrigin(async (request, response) => {
      // A cut upload ends the origin's read with "aborted": nothing to answer then.
      const body = await bodyOf(request).catch(() => undefined);
      if (body === undefined) return;
      const size = /^\/bytes\/(\d+)$/.exec(request.url ?? "")?.[1];
      const answer =
        size === undefined ? Buffer.from(String(body.length)) : patterned(Number(size));
      response.writeHead(200, { "content-length": String(answer.length) }).end(answer);
    });
  });
  after(() => origin.close());
  const start = async () => {
    proxied = await startProxyTo(origin, { bandwidthMbps: 8 });
  };

  it("down refuses new connections and resets those in flight; up serves again", async () => {
    await start();
    try {
      const agent = new http.Agent({ keepAlive: true });
      assert.equal((await send(proxied.port, { path: "/bytes/10", agent })).status, 200);
      const download = send(proxied.port, { path: "/bytes/2000000" });
      const upload = send(proxied.port, { method: "PUT", path: "/up", body: patterned(2_000_000) });
      const cut = proxied.nextExchange();
      await sleep(150);
      await proxied.proxy.down();
      assert.equal(await failureOf(download), "ECONNRESET");
      assert.match(await failureOf(upload), /^(ECONNRESET|EPIPE)$/);
      assert.equal(await dial(proxied.port), "ECONNREFUSED");
      const exchange = await cut;
      assert.equal(exchange.error, "registry down: connection reset");
      assert.ok(proxied.exchanges.filter((seen) => seen.error !== undefined).length >= 2);
      await proxied.proxy.up();
      // The kept-alive connection was closed with the registry; the agent dials afresh.
      assert.equal((await send(proxied.port, { path: "/bytes/10", agent })).body.length, 10);
      agent.destroy();
      const last = proxied.exchanges.at(-1)!;
      assert.equal(last.status, 200);
      assert.equal(last.error, undefined);
    } finally {
      await proxied.proxy.close();
    }
  });

  it("cut acts like down until restore, and both must be lifted", async () => {
    await start();
    try {
      const download = send(proxied.port, { path: "/bytes/2000000" });
      await sleep(100);
      await proxied.proxy.cut();
      assert.equal(await failureOf(download), "ECONNRESET");
      assert.equal(proxied.exchanges.at(-1)?.error, "link cut: connection reset");
      assert.equal(await dial(proxied.port), "ECONNREFUSED");
      await proxied.proxy.down();
      await proxied.proxy.restore();
      assert.equal(await dial(proxied.port), "ECONNREFUSED");
      await proxied.proxy.up();
      assert.equal((await send(proxied.port, { path: "/bytes/10" })).status, 200);
      await proxied.proxy.cut();
      await proxied.proxy.cut();
      await proxied.proxy.restore();
      assert.equal(await dial(proxied.port), "connected");
    } finally {
      await proxied.proxy.close();
    }
  });

  it("close resets what is in flight and stays closed", async () => {
    await start();
    const download = send(proxied.port, { path: "/bytes/2000000" });
    await sleep(100);
    await proxied.proxy.close();
    assert.equal(await failureOf(download), "ECONNRESET");
    assert.equal(proxied.exchanges.at(-1)?.error, "link proxy closed: connection reset");
    await proxied.proxy.up();
    assert.equal(await dial(proxied.port), "ECONNREFUSED");
  });
});
