import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, it } from "node:test";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { digestOf } from "../../../src/digest/digest.ts";
import { RegistryHttpServer } from "../../../src/node/registry-http-server.ts";
import { SeededRng } from "../../../src/random/rng.ts";
import type { RegistryRequest } from "../../../src/registry/registry-http.ts";
import { MemRegistry } from "../../../src/registry/server/mem-registry.ts";

const MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
const encoder = new TextEncoder();

describe("RegistryHttpServer", () => {
  const seen: RegistryRequest[] = [];
  const registry = new MemRegistry({
    name: "registry.test",
    clock: new VirtualClock(),
    rng: SeededRng.fromSeed("http-server"),
    limits: { blobSizeBytesMax: 1000, manifestSizeBytesMax: 2000 },
  });
  const server = new RegistryHttpServer({
    handler: {
      handle: async (req) => {
        seen.push(req);
        return registry.handle(req);
      },
    },
    blobSizeBytesMax: 1000,
    manifestSizeBytesMax: 2000,
  });
  let base = "";

  before(async () => {
    const address = await server.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${address.port}`;
  });
  after(() => server.close());

  async function upload(repository: string, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
    const started = await fetch(`${base}/v2/${repository}/blobs/uploads/`, { method: "POST" });
    assert.equal(started.status, 202);
    const digest = digestOf(bytes);
    const put = await fetch(`${started.headers.get("location")}&digest=${digest}`, {
      method: "PUT",
      body: bytes,
      headers: { "content-type": "application/octet-stream" },
    });
    assert.equal(put.status, 201, await put.text());
    return digest;
  }

  it("answers /v2/ with the API version header and JSON", async () => {
    const response = await fetch(`${base}/v2/`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("docker-distribution-api-version"), "registry/2.0");
    assert.equal(await response.text(), "{}");
  });

  it("builds Location URLs from the Host header the client sent", async () => {
    const response = await fetch(`${base}/v2/loc/blobs/uploads/`, { method: "POST" });
    assert.equal(response.status, 202);
    assert.match(response.headers.get("location")!, new RegExp(`^${base}/v2/loc/blobs/uploads/`));
    const other = await raw({
      base,
      method: "POST",
      path: "/v2/loc/blobs/uploads/",
      host: "reg.example:5000",
    });
    assert.match(other.headers.location as string, /^http:\/\/reg\.example:5000\/v2\/loc\//);
  });

  it("stores an upload, serves it with GET and HEAD (length, no body)", async () => {
    const bytes = encoder.encode("layer bytes");
    const digest = await upload("app", bytes);
    const got = await fetch(`${base}/v2/app/blobs/${digest}`);
    assert.deepEqual(new Uint8Array(await got.arrayBuffer()), bytes);
    const head = await raw({ base, method: "HEAD", path: `/v2/app/blobs/${digest}` });
    assert.equal(head.status, 200);
    assert.equal(head.headers["content-length"], String(bytes.length));
    assert.equal(head.body.length, 0);
  });

  it("passes Accept through: an OCI manifest is refused to a client that does not accept it", async () => {
    const config = await upload("neg", encoder.encode("{}"));
    const manifest = encoder.encode(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: config, size: 2 },
        layers: [],
      }),
    );
    const put = await fetch(`${base}/v2/neg/manifests/1`, {
      method: "PUT",
      body: manifest,
      headers: { "content-type": "application/vnd.oci.image.manifest.v1+json" },
    });
    assert.equal(put.status, 201, await put.text());
    const digest = digestOf(manifest);
    const refused = await fetch(`${base}/v2/neg/manifests/${digest}`, {
      headers: { accept: MANIFEST_TYPE },
    });
    assert.equal(refused.status, 404);
    const accepted = await fetch(`${base}/v2/neg/manifests/${digest}`, {
      headers: { accept: `${MANIFEST_TYPE}, application/vnd.oci.image.manifest.v1+json` },
    });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.headers.get("docker-content-digest"), digest);
  });

  it("cuts an oversized upload at the limit: the registry's SIZE_INVALID, the rest never stored", async () => {
    const started = await fetch(`${base}/v2/big/blobs/uploads/`, { method: "POST" });
    const before = seen.length;
    const response = await fetch(started.headers.get("location")!, {
      method: "PATCH",
      body: new Uint8Array(5 * 1024 * 1024),
      headers: { "content-type": "application/octet-stream" },
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { errors: { code: string }[] };
    assert.equal(body.errors[0]!.code, "SIZE_INVALID");
    assert.equal(seen.length, before + 1);
    assert.equal(seen.at(-1)!.body!.length, 1001);
  });

  it("cuts an oversized manifest: the registry's MANIFEST_INVALID", async () => {
    const response = await fetch(`${base}/v2/big/manifests/1`, {
      method: "PUT",
      body: new Uint8Array(100_000).fill(32),
      headers: { "content-type": MANIFEST_TYPE },
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { errors: { code: string }[] };
    assert.equal(body.errors[0]!.code, "MANIFEST_INVALID");
  });

  it("never hands a request whose client went away mid-body to the registry", async () => {
    const before = seen.length;
    await new Promise<void>((resolve) => {
      const req = request(`${base}/v2/gone/manifests/1`, {
        method: "PUT",
        headers: { "content-length": "500", "content-type": MANIFEST_TYPE },
      });
      req.on("error", () => resolve());
      req.write('{"schemaVersion":', () => setTimeout(() => req.destroy(), 50));
      req.on("close", () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(seen.length, before);
  });

  it("answers methods no route takes as Go's router: 405 on a route, 404 elsewhere", async () => {
    const known = await fetch(`${base}/v2/`, { method: "OPTIONS" });
    assert.equal(known.status, 405);
    assert.equal(known.headers.get("allow"), "GET, HEAD");
    assert.equal((await fetch(`${base}/nowhere`, { method: "OPTIONS" })).status, 404);
  });
});

/** One request with full control of Host, answered headers and body as received. */
function raw(options: { base: string; method: string; path: string; host?: string }): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: Number(new URL(options.base).port),
        method: options.method,
        path: options.path,
        headers: options.host === undefined ? {} : { host: options.host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}
