import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { decodeValue, encodeValue } from "../../../../src/daemon/journal/journal-entry.ts";

describe("journal argument codec", () => {
  it("round-trips arguments, keeping null apart from undefined and bytes as blob references", () => {
    const blobs = new Map<string, Uint8Array>();
    const bytes = new TextEncoder().encode("a build context");
    const args = [
      "app",
      { Image: "busybox", Entrypoint: null, Cmd: ["sh"], Tty: false },
      undefined,
      bytes,
    ];
    const encoded = args.map((arg) => encodeValue(arg, blobs));
    assert.equal(blobs.size, 1);
    assert.deepEqual(JSON.parse(JSON.stringify(encoded)), encoded, "the encoding is plain JSON");
    const decoded = encoded.map((value) => decodeValue(value, blobs));
    assert.deepEqual(decoded, args);
    assert.ok(decoded[3] instanceof Uint8Array);
  });

  it("drops undefined members of objects, as JSON request bodies do", () => {
    const blobs = new Map<string, Uint8Array>();
    assert.deepEqual(encodeValue({ a: 1, b: undefined }, blobs), { a: 1 });
  });

  it("keeps a member named __proto__ as a member (e.g. a label key)", () => {
    const value = JSON.parse('{"__proto__":false,"Labels":{"__proto__":"x"}}') as unknown;
    const blobs = new Map<string, Uint8Array>();
    const decoded = decodeValue(JSON.parse(JSON.stringify(encodeValue(value, blobs))), blobs);
    assert.deepEqual(decoded, value);
    assert.equal(Object.getPrototypeOf(decoded), Object.prototype);
  });

  it("round-trips any JSON value (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const blobs = new Map<string, Uint8Array>();
        assert.deepEqual(decodeValue(encodeValue(value, blobs), blobs), value);
      }),
    );
  });

  it("reports a journal that refers to a missing blob as data loss", () => {
    assert.throws(
      () => decodeValue({ $bytes: "sha256:00" }, new Map()),
      (error: Error & { code?: string }) => error.code === "DataLoss",
    );
  });
});
