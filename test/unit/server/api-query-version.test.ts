import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareApiVersions } from "../../../src/engine/api-version-order.ts";
import {
  base64JsonHeader,
  boolParam,
  filtersParam,
  intParam,
} from "../../../src/server/api-query.ts";
import { splitVersion } from "../../../src/server/api-version.ts";

describe("query parameters", () => {
  it("reads booleans as dockerd's BoolValue", () => {
    const query = new URLSearchParams("a=1&b=0&c=no&d=false&e=none&f=&g=yes&h=True");
    const values = ["a", "b", "c", "d", "e", "f", "g", "h", "missing"].map((name) =>
      boolParam(query, name),
    );
    assert.deepEqual(values, [true, false, false, false, false, false, true, true, false]);
  });

  it("reads filters in both JSON forms, sorted", () => {
    const modern = new URLSearchParams({
      filters: '{"label":{"b":true,"a":true},"x":{"y":false}}',
    });
    assert.deepEqual(filtersParam(modern), { label: ["a", "b"], x: [] });
    const legacy = new URLSearchParams({ filters: '{"status":["running","exited"]}' });
    assert.deepEqual(filtersParam(legacy), { status: ["exited", "running"] });
    assert.equal(filtersParam(new URLSearchParams()), undefined);
    assert.throws(() => filtersParam(new URLSearchParams({ filters: "{" })), /invalid filter/);
    assert.throws(
      () => filtersParam(new URLSearchParams({ filters: '{"a":1}' })),
      /invalid filter/,
    );
  });

  it("reads integers and refuses junk with Go's strconv message", () => {
    assert.equal(intParam(new URLSearchParams("t=10"), "t"), 10);
    assert.equal(intParam(new URLSearchParams("t="), "t"), undefined);
    assert.throws(() => intParam(new URLSearchParams("t=1x"), "t"), /strconv.Atoi: parsing "1x"/);
  });

  it("decodes base64 JSON headers in both alphabets, ignoring junk", () => {
    assert.deepEqual(base64JsonHeader("e30="), {});
    const auth = btoa(JSON.stringify({ username: "u?>", password: "p" }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    assert.deepEqual(base64JsonHeader(auth), { username: "u?>", password: "p" });
    assert.equal(base64JsonHeader("!!!"), undefined);
    assert.equal(base64JsonHeader(undefined), undefined);
  });
});

describe("API versions", () => {
  it("splits the version prefix off a path", () => {
    assert.deepEqual(splitVersion("/v1.41/containers/json"), {
      version: "1.41",
      path: "/containers/json",
    });
    assert.deepEqual(splitVersion("/_ping"), { version: undefined, path: "/_ping" });
    assert.deepEqual(splitVersion("/vx/_ping"), { version: undefined, path: "/vx/_ping" });
  });

  it("compares versions numerically", () => {
    assert.equal(compareApiVersions("1.9", "1.41"), -1);
    assert.equal(compareApiVersions("1.41", "1.41.0"), 0);
    assert.equal(compareApiVersions("2.0", "1.99"), 1);
  });
});
