import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bytesBody } from "../../../src/server/api-exchange.ts";
import { cleanPathRedirect } from "../../../src/server/clean-path-redirect.ts";
import { EngineApiHandler } from "../../../src/server/engine-api-handler.ts";
import { IDENTITY } from "./served-world.ts";

describe("cleanPathRedirect", () => {
  it("redirects decoded dot segments as dockerd and docker-registry did (curl, 20.10 / 2.8.2)", () => {
    assert.equal(
      cleanPathRedirect("/v1.41/images/..%2f..%2fetc%2fpasswd/json"),
      "/etc/passwd/json",
    );
    assert.equal(cleanPathRedirect("/images/a/../b/json?x=1"), "/images/b/json?x=1");
    assert.equal(cleanPathRedirect("/images/%2e%2e/json"), "/json");
    assert.equal(cleanPathRedirect("/containers/x%2f..%2f..%2fy/json"), "/y/json");
    assert.equal(cleanPathRedirect("/v2/..%2fetc/blobs/uploads/"), "/etc/blobs/uploads/");
  });

  it("leaves clean paths, encoded slashes without dots and undecodable paths alone", () => {
    assert.equal(cleanPathRedirect("/v1.41/containers/json?all=1"), undefined);
    assert.equal(cleanPathRedirect("/v2/"), undefined);
    assert.equal(cleanPathRedirect("/v2/a%2fb/tags/list"), undefined);
    assert.equal(cleanPathRedirect("/images/%zz/json"), undefined);
  });

  it("collapses doubled slashes and escapes what Go escapes in a path", () => {
    assert.equal(cleanPathRedirect("//_ping"), "/_ping");
    assert.equal(cleanPathRedirect("/a/./b%00c/../d%20é"), "/a/d%20%C3%A9");
    assert.equal(cleanPathRedirect("/a/../b%00c"), "/b%00c");
  });
});

describe("EngineApiHandler and unclean paths", () => {
  it("answers 301 to the cleaned path without reaching the engine", async () => {
    const handler = new EngineApiHandler({
      caller: { call: () => Promise.reject(new Error("the engine was called")) },
      identity: IDENTITY,
    });
    const response = await handler.handle({
      method: "DELETE",
      target: "/v1.41/images/..%2f..%2fetc/json",
      headers: {},
      body: bytesBody(),
    });
    assert.deepEqual(response, {
      kind: "bytes",
      status: 301,
      headers: [["Location", "/etc/json"]],
      body: new Uint8Array(0),
    });
  });
});
