import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { isDrydockError } from "../../../src/errors/drydock-error.ts";
import { HttpRegistryTransport } from "../../../src/node/http-registry-transport.ts";
import type { TransferProgress } from "../../../src/registry/registry-http.ts";

/** A server that echoes what it got, or misbehaves on chosen paths. */
function echoServer(): Server {
  return createServer((incoming: IncomingMessage, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      if (incoming.url === "/hang-up") {
        incoming.socket.destroy();
        return;
      }
      if (incoming.url === "/huge") {
        outgoing.writeHead(200, { "content-length": "5000" });
        outgoing.end(Buffer.alloc(5000));
        return;
      }
      const body = Buffer.concat(chunks);
      outgoing.writeHead(201, {
        "x-method": incoming.method,
        "x-host": incoming.headers.host,
        "x-url": incoming.url,
        "x-length": String(body.length),
        "content-type": "application/octet-stream",
        "content-length": String(body.length),
      });
      outgoing.end(body);
    });
  });
}

describe("HttpRegistryTransport", () => {
  const server = echoServer();
  let transport: HttpRegistryTransport;
  let port = 0;

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    transport = new HttpRegistryTransport({
      origin: `http://127.0.0.1:${port}`,
      responseSizeBytesMax: 1024 * 1024,
    });
  });
  after(() => {
    transport.close();
    server.close();
  });

  it("sends method, target, the client's Host and the body; returns status, headers, body", async () => {
    const body = new Uint8Array(700_000).map((_, index) => index % 251);
    const uploads: TransferProgress[] = [];
    const downloads: TransferProgress[] = [];
    const response = await transport.send(
      {
        method: "PATCH",
        target: "/v2/app/blobs/uploads/u?_state=x%3D",
        headers: { host: "localhost:5000", "content-type": "application/octet-stream" },
        body,
      },
      { onUpload: (p) => uploads.push(p), onDownload: (p) => downloads.push(p) },
    );
    assert.equal(response.status, 201);
    assert.equal(response.headers["x-method"], "PATCH");
    assert.equal(response.headers["x-host"], "localhost:5000");
    assert.equal(response.headers["x-url"], "/v2/app/blobs/uploads/u?_state=x%3D");
    assert.deepEqual(response.body, body);
    assert.deepEqual(uploads.at(-1), { doneBytes: 700_000, totalBytes: 700_000 });
    assert.ok(uploads.length >= 2, "the body goes out in pieces");
    assert.equal(downloads.at(-1)?.doneBytes, 700_000);
  });

  it("gives HEAD answers their headers and an empty body", async () => {
    const response = await transport.send({ method: "HEAD", target: "/v2/", headers: {} });
    assert.equal(response.status, 201);
    assert.equal(response.body.length, 0);
  });

  it("refuses a response beyond its limit", async () => {
    const small = new HttpRegistryTransport({
      origin: `http://127.0.0.1:${port}`,
      responseSizeBytesMax: 1000,
    });
    try {
      await assert.rejects(
        small.send({ method: "GET", target: "/huge", headers: {} }),
        (error) => isDrydockError(error) && error.code === "LimitExceeded",
      );
    } finally {
      small.close();
    }
  });

  it("words a connection closed without an answer as Go's EOF", async () => {
    await assert.rejects(
      transport.send({ method: "GET", target: "/hang-up", headers: {} }),
      (error) => isDrydockError(error) && error.code === "Unavailable" && error.message === "EOF",
    );
  });

  it("words a refused connection as Go's net/http", async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const free = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    const refused = new HttpRegistryTransport({ origin: `http://127.0.0.1:${closed}` });
    await assert.rejects(
      refused.send({ method: "GET", target: "/v2/", headers: {} }),
      (error) =>
        isDrydockError(error) &&
        error.code === "Unavailable" &&
        error.message === `dial tcp 127.0.0.1:${closed}: connect: connection refused`,
    );
    refused.close();
  });

  it("words an unknown host as Go's DNS failure", async () => {
    const nowhere = new HttpRegistryTransport({ origin: "http://nowhere.invalid:5000" });
    await assert.rejects(
      nowhere.send({ method: "GET", target: "/v2/", headers: {} }),
      (error) =>
        isDrydockError(error) && error.message === "dial tcp: lookup nowhere.invalid: no such host",
    );
    nowhere.close();
  });
});
