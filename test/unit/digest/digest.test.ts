import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { canonicalJson } from "../../../src/digest/canonical-json.ts";
import {
  DigestMismatchError,
  digestOf,
  parseDigest,
  shortId,
  verifyDigest,
} from "../../../src/digest/digest.ts";
import { goJson } from "../../../src/digest/go-json.ts";
import { createPortableSha256, createSha256, sha256Hex } from "../../../src/digest/sha256.ts";

const encoder = new TextEncoder();

describe("sha256", () => {
  it("matches the known answer for 'abc'", () => {
    assert.equal(
      sha256Hex(encoder.encode("abc")),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("agrees with the portable implementation, incrementally too (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 5 }), (chunks) => {
        const fast = createSha256();
        const portable = createPortableSha256();
        for (const chunk of chunks) {
          fast.update(chunk);
          portable.update(chunk);
        }
        assert.equal(fast.digestHex(), portable.digestHex());
      }),
    );
  });
});

describe("digests", () => {
  it("parses valid digests and explains invalid ones", () => {
    const digest = digestOf(encoder.encode("x"));
    assert.equal(parseDigest(digest), digest);
    assert.throws(() => parseDigest("sha256:abc"), /invalid checksum digest length/);
    assert.throws(() => parseDigest("md5:abcd"), /unsupported digest algorithm/);
    assert.throws(() => parseDigest("nonsense"), /invalid checksum digest format/);
    assert.equal(shortId(digest), digest.slice(7, 19));
  });

  it("verifies content and reports a mismatch with both digests", () => {
    const bytes = encoder.encode("layer");
    verifyDigest(bytes, digestOf(bytes));
    assert.throws(
      () => verifyDigest(encoder.encode("tampered"), digestOf(bytes), "blob"),
      (error: unknown) => error instanceof DigestMismatchError && error.code === "DataLoss",
    );
  });

  it("gives stable digests of canonical bytes (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(JSON.stringify(value));
        assert.equal(
          digestOf(encoder.encode(canonicalJson(value))),
          digestOf(encoder.encode(canonicalJson(reordered))),
        );
      }),
    );
  });
});

describe("canonical and Go JSON", () => {
  it("sorts keys at every level and drops undefined members", () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } }),
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
  });

  it("keeps insertion order and escapes HTML characters as Go does", () => {
    assert.equal(goJson({ z: "a>b", a: "<&>" }), '{"z":"a\\u003eb","a":"\\u003c\\u0026\\u003e"}');
    assert.equal(
      goJson({ a: [1, {}], b: [] }, "   "),
      '{\n   "a": [\n      1,\n      {}\n   ],\n   "b": []\n}',
    );
  });
});
