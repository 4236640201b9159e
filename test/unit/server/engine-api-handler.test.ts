import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  bodyOf,
  header,
  openServedWorld,
  type ServedWorld,
  statusOf,
  textOf,
} from "./served-world.ts";

describe("EngineApiHandler: routing, versions and errors", () => {
  let world: ServedWorld;
  before(async () => {
    world = await openServedWorld();
  });
  after(() => world.close());

  it("answers HEAD and GET /_ping with dockerd's headers", async () => {
    const head = await world.send("HEAD", "/_ping");
    assert.equal(statusOf(head), 200);
    assert.deepEqual(
      head.headers.map(([name]) => name),
      [
        "Api-Version",
        "Cache-Control",
        "Docker-Experimental",
        "Ostype",
        "Pragma",
        "Server",
        "Content-Type",
      ],
    );
    assert.equal(header(head, "Api-Version"), "1.41");
    assert.equal((await bodyOf(head)).length, 0);
    const get = await world.send("GET", "/v1.41/_ping");
    assert.equal(await textOf(get), "OK");
  });

  it("serves versioned and unversioned paths alike", async () => {
    const versioned = JSON.parse(await textOf(await world.send("GET", "/v1.41/version")));
    const bare = JSON.parse(await textOf(await world.send("GET", "/version")));
    assert.equal(versioned.ApiVersion, "1.41");
    assert.deepEqual(bare, versioned);
    const old = await world.send("GET", "/v1.24/version");
    assert.equal(statusOf(old), 200);
  });

  it("refuses too-new and too-old versions as dockerd 20.10 does", async () => {
    const tooNew = await world.send("GET", "/v1.99/version");
    assert.equal(statusOf(tooNew), 400);
    assert.equal(
      await textOf(tooNew),
      '{"message":"client version 1.99 is too new. Maximum supported API version is 1.41"}\n',
    );
    const tooOld = await world.send("GET", "/v1.11/version");
    assert.equal(statusOf(tooOld), 400);
    assert.equal(header(tooOld, "Content-Type"), "text/plain; charset=utf-8");
    assert.match(
      await textOf(tooOld),
      /^client version 1\.11 is too old\. Minimum supported API version is 1\.12, please upgrade/,
    );
  });

  it("answers unknown paths and methods with gorilla/mux's 404", async () => {
    for (const [method, target] of [
      ["GET", "/v1.41/nonexistent"],
      ["DELETE", "/v1.41/version"],
      ["GET", "/v1.41/%zz"],
    ] as const) {
      const response = await world.send(method, target);
      assert.equal(statusOf(response), 404, target);
      assert.equal(await textOf(response), '{"message":"page not found"}\n');
      assert.equal(header(response, "Api-Version"), undefined);
    }
  });

  it("answers malformed JSON with Go's decoder messages and dockerd's statuses", async () => {
    const json = { "content-type": "application/json" };
    const cases = [
      [
        "/containers/create",
        "{bad",
        500,
        "invalid character 'b' looking for beginning of object key string",
      ],
      ["/containers/create", "", 500, "EOF"],
      ["/containers/create", '{"Image":', 500, "unexpected EOF"],
      [
        "/volumes/create",
        "{bad",
        400,
        "invalid character 'b' looking for beginning of object key string",
      ],
      [
        "/networks/create",
        "[1]",
        400,
        "json: cannot unmarshal array into Go value of type types.NetworkCreateRequest",
      ],
    ] as const;
    for (const [path, body, status, message] of cases) {
      const response = await world.send("POST", `/v1.41${path}`, { body, headers: json });
      assert.equal(statusOf(response), status, `${path} ${body}`);
      assert.deepEqual(JSON.parse(await textOf(response)), { message });
    }
  });

  it("refuses a JSON body with another content type (400)", async () => {
    const response = await world.send("POST", "/v1.41/containers/create", {
      body: "{}",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(statusOf(response), 400);
    assert.deepEqual(JSON.parse(await textOf(response)), {
      message:
        "Content-Type specified (application/x-www-form-urlencoded) must be 'application/json'",
    });
  });

  it("maps engine errors to dockerd's statuses and messages", async () => {
    const missing = await world.send("GET", "/v1.41/containers/nosuch/json");
    assert.equal(statusOf(missing), 404);
    assert.deepEqual(JSON.parse(await textOf(missing)), { message: "No such container: nosuch" });
    const plugin = await world.send("GET", "/v1.41/plugins/nosuch/json");
    assert.equal(statusOf(plugin), 404);
    assert.deepEqual(JSON.parse(await textOf(plugin)), { message: 'plugin "nosuch" not found' });
    const badInt = await world.send("POST", "/v1.41/containers/nosuch/stop?t=x");
    assert.equal(statusOf(badInt), 400);
  });

  it("serves /info chunked and lists images with names as dockerd's router decodes them", async () => {
    const info = await world.send("GET", "/v1.41/info");
    assert.equal(info.kind === "bytes" && info.chunked, true);
    assert.equal(JSON.parse(await textOf(info)).OSType, "linux");
    const inspect = await world.send("GET", "/v1.41/images/busybox%3Alatest/json");
    assert.equal(statusOf(inspect), 200);
    assert.deepEqual(JSON.parse(await textOf(inspect)).RepoTags, ["busybox:latest"]);
  });
});
