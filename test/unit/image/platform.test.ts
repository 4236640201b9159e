import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  dropUndefined,
  formatPlatform,
  normalizePlatform,
  parsePlatformSpecifier,
  platformRank,
} from "../../../src/image/platform.ts";

describe("platforms", () => {
  it("normalises, formats and parses specifiers", () => {
    assert.deepEqual(normalizePlatform({ os: "linux", architecture: "armhf" }), {
      os: "linux",
      architecture: "arm",
      variant: "v7",
    });
    assert.deepEqual(normalizePlatform({ os: "linux", architecture: "arm64", variant: "8" }), {
      os: "linux",
      architecture: "arm64",
      variant: "v8",
    });
    assert.equal(
      formatPlatform({ os: "linux", architecture: "arm64", variant: "v8" }),
      "linux/arm64/v8",
    );
    assert.deepEqual(parsePlatformSpecifier("linux/amd64"), { os: "linux", architecture: "amd64" });
    assert.equal(parsePlatformSpecifier("linux"), undefined);
    assert.equal(parsePlatformSpecifier("linux//v7"), undefined);
  });

  it("ranks candidates: exact 0, older compatible variants higher, others unusable", () => {
    const host = { os: "linux", architecture: "amd64", variant: "v3" };
    assert.equal(platformRank({ os: "linux", architecture: "amd64", variant: "v3" }, host), 0);
    assert.equal(platformRank({ os: "linux", architecture: "amd64" }, host), 2);
    assert.equal(
      platformRank({ os: "linux", architecture: "amd64", variant: "v4" }, host),
      undefined,
    );
    assert.equal(platformRank({ os: "windows", architecture: "amd64" }, host), undefined);
  });

  it("drops undefined members and keeps the others in order, __proto__ included", () => {
    const input = JSON.parse('{"b":1,"__proto__":{"x":2},"a":null,"c":"3"}') as Record<
      string,
      unknown
    >;
    input.d = undefined;
    const out = dropUndefined(input);
    assert.deepEqual(Object.keys(out), ["b", "__proto__", "a", "c"]);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(out, "__proto__")?.value, { x: 2 });
    assert.equal(out.a, null);
    assert.notEqual(out, input);
  });
});
