import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { crc32, portableCrc32 } from "../../../src/archive/crc32.ts";
import { encoder } from "./tar-test-support.ts";

/** The plain bit-by-bit definition, to check the table-driven one against. */
function crc32Reference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return ~crc >>> 0;
}

describe("crc32", () => {
  it("matches the standard check values, in both implementations", () => {
    for (const implementation of [crc32, portableCrc32]) {
      assert.equal(implementation(encoder.encode("123456789")), 0xcbf43926);
      assert.equal(implementation(new Uint8Array(0)), 0);
      assert.equal(
        implementation(encoder.encode("The quick brown fox jumps over the lazy dog")),
        0x414fa339,
      );
    }
  });

  it("both agree with the bit-by-bit definition, also continued across chunks (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(200), (bytes, cut) => {
        const at = Math.min(cut, bytes.length);
        for (const implementation of [crc32, portableCrc32]) {
          assert.equal(implementation(bytes), crc32Reference(bytes));
          const first = implementation(bytes.subarray(0, at));
          assert.equal(implementation(bytes.subarray(at), first), crc32Reference(bytes));
        }
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
