import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { type GzipLevel, gunzip, gzip } from "../../src/archive/gzip.ts";
import { isLimitExceeded } from "../../src/errors/drydock-error.ts";

/** Bytes from random noise to long runs, so both stored and compressed blocks occur. */
const data = fc.oneof(
  fc.uint8Array({ maxLength: 5000 }),
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 3000 })), {
      maxLength: 20,
    })
    .map((runs) =>
      Uint8Array.from(runs.flatMap(([byte, count]) => Array<number>(count).fill(byte))),
    ),
);
const level = fc.integer({ min: 0, max: 9 }) as fc.Arbitrary<GzipLevel>;

describe("gzip (properties)", () => {
  it("gunzip(gzip(x)) = x at every level, and gzip is deterministic", () => {
    fc.assert(
      fc.property(data, level, (bytes, lvl) => {
        const compressed = gzip(bytes, { level: lvl });
        assert.deepEqual(gzip(bytes, { level: lvl }), compressed);
        assert.deepEqual(gunzip(compressed, { sizeBytesMax: bytes.length }), bytes);
        if (bytes.length > 0) {
          assert.throws(
            () => gunzip(compressed, { sizeBytesMax: bytes.length - 1 }),
            isLimitExceeded,
          );
        }
      }),
      { seed: 1234, numRuns: 150 },
    );
  });

  it("concatenated members decompress to the concatenated data", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(data, level), { minLength: 1, maxLength: 4 }), (parts) => {
        const members = parts.map(([bytes, lvl]) => gzip(bytes, { level: lvl }));
        const expected = Buffer.concat(parts.map(([bytes]) => bytes));
        const out = gunzip(Buffer.concat(members), { sizeBytesMax: expected.length });
        assert.deepEqual(Buffer.from(out), expected);
      }),
      { seed: 99, numRuns: 80 },
    );
  });
});
