/**
 * Hostile requests against `drydock registry` (loopback): a blob whose digest does not match,
 * NUL and upper case in repository names, a malformed manifest, a client that goes away
 * mid-upload. Answers are docker-registry 2.8.2's (checked with curl); after each, `/v2/` answers
 * and, after a restart on the same data root, the catalog is intact.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type DrydockRegistryProcess, startDrydockRegistry } from "./drydock-registry-process.ts";
import { call, dropMidBody, type Target } from "./hostile-http.ts";

describe("hostile requests against drydock registry", () => {
  let dir: string;
  let registry: DrydockRegistryProcess;
  let target: Target;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "drydock-hostile-registry-"));
    registry = await startDrydockRegistry({ dataRoot: dir });
    target = { authority: registry.authority };
  });
  after(async () => {
    await registry.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const catalog = async (): Promise<string> =>
    (await call(target, { method: "GET", path: "/v2/_catalog" })).body;

  it("refuses a blob whose digest does not match, with DIGEST_INVALID", async () => {
    const started = await call(target, { method: "POST", path: "/v2/hostile/x/blobs/uploads/" });
    assert.equal(started.status, 202);
    const upload = started.location!;
    const zero = `sha256:${"0".repeat(64)}`;
    const put = await call(target, {
      method: "PUT",
      path: `${upload}${upload.includes("?") ? "&" : "?"}digest=${zero}`,
      body: "hello",
    });
    assert.equal(put.status, 400);
    assert.deepEqual(JSON.parse(put.body), {
      errors: [
        {
          code: "DIGEST_INVALID",
          message: "provided digest did not match uploaded content",
          detail: { Digest: zero, Reason: {} },
        },
      ],
    });
    assert.equal(
      (await call(target, { method: "HEAD", path: `/v2/hostile/x/blobs/${zero}` })).status,
      404,
    );
  });

  it("answers NUL, upper case and a malformed manifest as docker-registry does", async () => {
    assert.deepEqual(await call(target, { method: "POST", path: "/v2/a%00b/blobs/uploads/" }), {
      status: 404,
      body: "404 page not found\n",
    });
    assert.deepEqual(await call(target, { method: "POST", path: "/v2/A/blobs/uploads/" }), {
      status: 404,
      body: "404 page not found\n",
    });
    const bad = await call(target, {
      method: "PUT",
      path: "/v2/hostile/x/manifests/latest",
      headers: { "Content-Type": "application/vnd.docker.distribution.manifest.v2+json" },
      body: '{"schemaVersion":',
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(JSON.parse(bad.body), {
      errors: [{ code: "MANIFEST_INVALID", message: "manifest invalid", detail: { Offset: 17 } }],
    });
  });

  it("redirects a .. in a repository name to the cleaned path, as docker-registry does", async () => {
    const answer = await call(target, { method: "POST", path: "/v2/..%2fetc/blobs/uploads/" });
    assert.deepEqual(answer, { status: 301, body: "", location: "/etc/blobs/uploads/" });
  });

  it("survives a client dropping an upload midway, and restarts with an intact catalog", async () => {
    const catalogBefore = await catalog();
    const started = await call(target, { method: "POST", path: "/v2/hostile/drop/blobs/uploads/" });
    assert.equal(started.status, 202);
    await dropMidBody(target, "PATCH", started.location!, {
      "Content-Type": "application/octet-stream",
    });
    assert.equal((await call(target, { method: "GET", path: "/v2/" })).status, 200);
    await registry.restart();
    target = { authority: registry.authority };
    assert.equal((await call(target, { method: "GET", path: "/v2/" })).status, 200);
    assert.equal(await catalog(), catalogBefore);
  });
});
