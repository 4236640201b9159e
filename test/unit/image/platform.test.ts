import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
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
});
