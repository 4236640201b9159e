import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import { startLinkProxy } from "../../../src/real/link-proxy.ts";
import { freeLoopbackPort } from "../../../src/real/registry-process.ts";
import {
  bodyOf,
  type Origin,
  type Proxied,
  patterned,
  send,
  startOrigin,
  startProxyTo,
} from "./link-proxy-support.ts";

describe("link proxy forwarding", () => {
  let origin: Origin;
  let proxied: Proxied;
  before(async () => {
    origin = await startOrigin(async (request, response) => {
      const body = await bodyOf(request);
      if (request.url?.startsWith("/redirect/")) {
        const kind = request.url.slice("/redirect/".length);
        const location =
          kind === "absolute"
            ? `http://127.0.0.1:${origin.port}/v2/app/blobs/uploads/u1?_state=s`
            : kind === "host"
              ? `http://${request.headers.host}/v2/app/blobs/uploads/u2`
              : "/v2/app/blobs/uploads/u3";
        response.writeHead(202, { location, "docker-upload-uuid": "u" }).end();
        return;
      }
      if (request.url === "/chunked") {
        response.writeHead(200, { "content-type": "application/octet-stream" });
        response.write(body);
        response.end(body);
        return;
      }
      response.writeHead(201, {
        "content-type": "application/json",
        "x-echo-method": request.method,
        "x-echo-url": request.url,
        "x-echo-host": request.headers.host,
        "x-echo-custom": request.headers["x-custom"] ?? "",
        "x-echo-length": String(body.length),
      });
      response.end(body);
    });
    proxied = await startProxyTo(origin);
  });
  after(async () => {
    await proxied.proxy.close();
    await origin.close();
  });

  it("forwards method, path with query, headers, body and status both ways", async () => {
    const body = patterned(300_000);
    const seen = proxied.nextExchange();
    const answer = await send(proxied.port, {
      method: "PUT",
      path: "/v2/app/manifests/v1?x=1&y=2",
      headers: { "x-custom": "kept", "content-type": "application/vnd.x+json" },
      body,
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.headers["x-echo-method"], "PUT");
    assert.equal(answer.headers["x-echo-url"], "/v2/app/manifests/v1?x=1&y=2");
    assert.equal(answer.headers["x-echo-host"], `127.0.0.1:${proxied.port}`);
    assert.equal(answer.headers["x-echo-custom"], "kept");
    assert.equal(answer.headers["x-echo-length"], "300000");
    assert.ok(answer.body.equals(body));
    const exchange = await seen;
    assert.equal(exchange.method, "PUT");
    assert.equal(exchange.path, "/v2/app/manifests/v1?x=1&y=2");
    assert.equal(exchange.status, 201);
    assert.equal(exchange.requestBytes, 300_000);
    assert.equal(exchange.responseBytes, 300_000);
    assert.equal(exchange.requestHeaders["content-type"], "application/vnd.x+json");
    assert.equal(exchange.responseHeaders["content-type"], "application/json");
    assert.equal(exchange.error, undefined);
    assert.ok(exchange.endUs >= exchange.startUs);
  });

  it("streams chunked bodies both ways", async () => {
    const parts = [patterned(70_000), patterned(1), patterned(20_000)];
    const answer = await send(proxied.port, { method: "PATCH", path: "/chunked", body: parts });
    const whole = Buffer.concat(parts);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers["transfer-encoding"], "chunked");
    assert.ok(answer.body.equals(Buffer.concat([whole, whole])));
  });

  it("keeps a client connection alive across requests", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(proxied.port, { path: "/a", agent });
      const second = await send(proxied.port, {
        method: "POST",
        path: "/b",
        agent,
        body: patterned(10),
      });
      assert.equal(first.headers["x-echo-url"], "/a");
      assert.equal(second.headers["x-echo-url"], "/b");
      assert.equal(first.localPort, second.localPort);
    } finally {
      agent.destroy();
    }
  });

  it("rewrites absolute Locations naming the registry to the proxy's address", async () => {
    const absolute = await send(proxied.port, { method: "POST", path: "/redirect/absolute" });
    assert.equal(
      absolute.headers.location,
      `http://127.0.0.1:${proxied.port}/v2/app/blobs/uploads/u1?_state=s`,
    );
    const fromHost = await send(proxied.port, { method: "POST", path: "/redirect/host" });
    assert.equal(
      fromHost.headers.location,
      `http://127.0.0.1:${proxied.port}/v2/app/blobs/uploads/u2`,
    );
    const relative = await send(proxied.port, { method: "POST", path: "/redirect/relative" });
    assert.equal(relative.headers.location, "/v2/app/blobs/uploads/u3");
    const seen = proxied.exchanges.at(-1)!;
    assert.equal(seen.responseHeaders.location, "/v2/app/blobs/uploads/u3");
  });
});

describe("link proxy set-up and errors", () => {
  it("says clearly when the address is taken or not local", async () => {
    const holder = await startOrigin((_request, response) => response.end());
    try {
      const options = {
        name: "dev→hub",
        target: { host: "127.0.0.1", port: holder.port },
        latencyMs: 0,
        bandwidthMbps: 100,
      };
      await assert.rejects(
        startLinkProxy({ ...options, listen: { host: "127.0.0.1", port: holder.port } }),
        {
          message: `link proxy "dev→hub" cannot listen on 127.0.0.1:${holder.port}: the address is already in use`,
        },
      );
      await assert.rejects(
        startLinkProxy({ ...options, listen: { host: "192.0.2.1", port: 5000 } }),
        {
          message:
            'link proxy "dev→hub" cannot listen on 192.0.2.1:5000: 192.0.2.1 is not a local address',
        },
      );
      await assert.rejects(
        startLinkProxy({ ...options, listen: { host: "127.0.0.1", port: 1 }, bandwidthMbps: 0 }),
        /link bandwidth must be a positive number of Mbit\/s, got 0/,
      );
    } finally {
      await holder.close();
    }
  });

  it("resets the client when the registry cannot be reached, and closes twice", async () => {
    const deadPort = await freeLoopbackPort();
    const port = await freeLoopbackPort();
    const exchanges: string[] = [];
    const proxy = await startLinkProxy({
      name: "dev→nowhere",
      listen: { host: "127.0.0.1", port },
      target: { host: "127.0.0.1", port: deadPort },
      latencyMs: 0,
      bandwidthMbps: 100,
      onExchange: (exchange) => exchanges.push(exchange.error ?? "none"),
    });
    assert.equal(proxy.address, `127.0.0.1:${port}`);
    await assert.rejects(send(port, { path: "/v2/" }), { code: "ECONNRESET" });
    assert.equal(exchanges.length, 1);
    assert.match(exchanges[0]!, /ECONNREFUSED/);
    await proxy.close();
    await proxy.close();
    await assert.rejects(send(port, { path: "/v2/" }), { code: "ECONNREFUSED" });
  });
});
