import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import fc from "fast-check";
import { md5 } from "../../src/digest/md5.ts";
import { sha1 } from "../../src/digest/sha1.ts";
import { sha3 } from "../../src/digest/sha3.ts";
import { sha512 } from "../../src/digest/sha512.ts";

/** Node's OpenSSL digests are the reference for drydock's portable ones. */
function reference(algorithm: string, data: Uint8Array): string {
  return createHash(algorithm).update(data).digest("hex");
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** Lengths around every block boundary (64, 72, 104, 128, 136, 144) and beyond. */
const inputs = fc.uint8Array({ maxLength: 700 });

const HASHES: readonly (readonly [string, (data: Uint8Array) => Uint8Array])[] = [
  ["md5", md5],
  ["sha1", sha1],
  ["sha512", sha512],
  ["sha3-224", (data) => sha3(data, 224)],
  ["sha3-256", (data) => sha3(data, 256)],
  ["sha3-384", (data) => sha3(data, 384)],
  ["sha3-512", (data) => sha3(data, 512)],
];

describe("portable digests agree with node:crypto", () => {
  for (const [algorithm, hash] of HASHES) {
    it(`${algorithm} on random inputs`, () => {
      fc.assert(
        fc.property(inputs, (data) => {
          assert.equal(hex(hash(data)), reference(algorithm, data));
        }),
        { numRuns: 300 },
      );
    });

    it(`${algorithm} at every length from 0 to 300`, () => {
      const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff);
      for (let length = 0; length <= 300; length++) {
        const slice = data.subarray(0, length);
        assert.equal(hex(hash(slice)), reference(algorithm, slice), `length ${length}`);
      }
    });
  }
});
