/**
 * Hostile requests against `drydock daemon` (unix socket): malformed bodies, wrong content types,
 * oversized bodies, path tricks in names, a `docker cp` tar escaping its root, clients that go
 * away mid-body or mid-attach. Statuses and messages are the ones dockerd 20.10 answered (checked
 * with curl); after each, the daemon still answers `/_ping` and its image list is unchanged.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startDrydockDaemon, type TestDaemon } from "./dockerode-support.ts";
import { call, dropMidBody, type Target, tarWith } from "./hostile-http.ts";

const JSON_TYPE = { "Content-Type": "application/json" };

describe("hostile requests against drydock daemon", () => {
  let dir: string;
  let daemon: TestDaemon;
  let api: Target;
  let imagesBefore: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "drydock-hostile-"));
    daemon = await startDrydockDaemon(dir);
    api = { socketPath: daemon.socket };
    imagesBefore = (await call(api, { method: "GET", path: "/images/json" })).body;
  });
  after(async () => {
    await daemon.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const stillServing = async (): Promise<void> => {
    assert.deepEqual(await call(api, { method: "GET", path: "/_ping" }), {
      status: 200,
      body: "OK",
    });
    assert.equal((await call(api, { method: "GET", path: "/images/json" })).body, imagesBefore);
  };

  const cases: readonly [string, Parameters<typeof call>[1], number, string][] = [
    [
      "truncated JSON",
      { method: "POST", path: "/containers/create", headers: JSON_TYPE, body: '{"Image":' },
      500,
      "unexpected EOF",
    ],
    [
      "a text/plain body",
      {
        method: "POST",
        path: "/containers/create",
        headers: { "Content-Type": "text/plain" },
        body: '{"Image":"busybox"}',
      },
      400,
      "Content-Type specified (text/plain) must be 'application/json'",
    ],
    [
      "a container name with ../",
      {
        method: "POST",
        path: "/containers/create?name=..%2f..%2fetc",
        headers: JSON_TYPE,
        body: '{"Image":"busybox"}',
      },
      400,
      "Invalid container name (../../etc), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
    ],
    [
      "a container name with NUL",
      {
        method: "POST",
        path: "/containers/create?name=a%00b",
        headers: JSON_TYPE,
        body: '{"Image":"busybox"}',
      },
      400,
      "Invalid container name (a\u0000b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
    ],
    [
      "an image name with ../",
      {
        method: "POST",
        path: "/containers/create",
        headers: JSON_TYPE,
        body: '{"Image":"../../etc"}',
      },
      400,
      "invalid reference format",
    ],
    [
      "a pull of an encoded ../",
      { method: "POST", path: "/images/create?fromImage=..%2f..%2fx&tag=latest" },
      400,
      "invalid reference format",
    ],
    [
      "a tag with a 300-character repository",
      { method: "POST", path: `/images/busybox/tag?repo=${"a".repeat(300)}&tag=x` },
      500,
      "repository name must not be more than 255 characters",
    ],
    [
      "a tag with NUL",
      { method: "POST", path: "/images/busybox/tag?repo=a%00b&tag=x" },
      500,
      "invalid reference format",
    ],
  ];
  for (const [what, options, status, message] of cases) {
    it(`answers ${what} with dockerd's ${status}`, async () => {
      const answer = await call(api, options);
      assert.equal(answer.status, status);
      assert.equal((JSON.parse(answer.body) as { message: string }).message, message);
      await stillServing();
    });
  }

  it("redirects an encoded ../ in a path to the cleaned path, as gorilla/mux does", async () => {
    const answer = await call(api, { method: "DELETE", path: "/v1.41/images/..%2f..%2fetc/json" });
    assert.deepEqual(answer, { status: 301, body: "", location: "/etc/json" });
    await stillServing();
  });

  it("refuses a JSON body past its limit with 413 (dockerd has no limit)", async () => {
    const answer = await call(api, {
      method: "POST",
      path: "/volumes/create",
      headers: JSON_TYPE,
      body: " ".repeat(5 * 1024 * 1024),
    });
    assert.equal(answer.status, 413);
    await stillServing();
  });

  it("refuses a docker cp tar whose entry escapes the target, writing nothing", async () => {
    const created = await call(api, {
      method: "POST",
      path: "/containers/create",
      headers: JSON_TYPE,
      body: '{"Image":"busybox","Cmd":["true"]}',
    });
    const id = (JSON.parse(created.body) as { Id: string }).Id;
    const put = await call(api, {
      method: "PUT",
      path: `/containers/${id}/archive?path=/etc`,
      headers: { "Content-Type": "application/x-tar" },
      body: tarWith("../escape.txt", "evil\n"),
    });
    assert.equal(put.status, 500);
    assert.deepEqual(JSON.parse(put.body), {
      message: 'Error processing tar file(exit status 1): "../escape.txt" is outside of "/etc"',
    });
    for (const path of ["/escape.txt", "/etc/escape.txt"]) {
      assert.equal(
        (await call(api, { method: "HEAD", path: `/containers/${id}/archive?path=${path}` }))
          .status,
        404,
      );
    }
    assert.equal((await call(api, { method: "DELETE", path: `/containers/${id}` })).status, 204);
    await stillServing();
  });

  it("survives a client dropping a build context or an attach midway", async () => {
    await dropMidBody(api, "POST", "/build?t=dropped:1", { "Content-Type": "application/x-tar" });
    const created = await call(api, {
      method: "POST",
      path: "/containers/create",
      headers: JSON_TYPE,
      body: '{"Image":"busybox","Cmd":["cat"],"OpenStdin":true}',
    });
    const id = (JSON.parse(created.body) as { Id: string }).Id;
    await new Promise<void>((resolve, reject) => {
      const req = request({
        socketPath: daemon.socket,
        method: "POST",
        path: `/containers/${id}/attach?stream=1&stdin=1&stdout=1`,
        headers: { Connection: "Upgrade", Upgrade: "tcp" },
      });
      req.on("upgrade", (_res, socket) => {
        socket.destroy();
        resolve();
      });
      req.on("error", reject);
      req.end();
    });
    assert.equal(
      (await call(api, { method: "POST", path: `/containers/${id}/start` })).status,
      204,
    );
    assert.equal(
      (await call(api, { method: "DELETE", path: `/containers/${id}?force=1` })).status,
      204,
    );
    await stillServing();
  });
});
