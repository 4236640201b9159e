import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  BLOCK_SIZE,
  computeChecksums,
  FIELD,
  fitsInOctal,
  readNumeric,
  readOctal,
  writeOctal,
  writeString,
} from "../../../src/archive/tar-block.ts";
import { latin1 } from "./tar-test-support.ts";

const field = (bytes: number[] | string) => {
  const block = new Uint8Array(BLOCK_SIZE);
  block.set(typeof bytes === "string" ? latin1(bytes) : Uint8Array.from(bytes), FIELD.uid.offset);
  return readNumeric(block, FIELD.uid);
};

describe("numeric header fields", () => {
  it("parses octal padded with spaces or NULs, as Go's parseOctal", () => {
    assert.equal(field("0000644\0"), 0o644);
    assert.equal(field("  644 \0\0"), 0o644);
    assert.equal(field("\0\0\0\0\0\0\0\0"), 0);
    assert.equal(field("7777777\0"), 2097151);
    assert.equal(field("12\0 34\0\0"), 0o12, "stops at the first NUL inside the digits");
    assert.equal(field("0000648\0"), undefined);
    assert.equal(field("00 0644\0"), undefined);
    assert.equal(readOctal(latin1("77777777777")), 8 ** 11 - 1);
  });

  it("parses base-256, positive and negative (two's complement)", () => {
    assert.equal(field([0x80, 0, 0, 0, 0, 0, 0x01, 0x00]), 256);
    assert.equal(field([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), -1);
    assert.equal(field([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]), -256);
    assert.equal(
      field([0x80, 0x20, 0, 0, 0, 0, 0, 0x01]),
      undefined,
      "2^53 + 1 is not a safe integer",
    );
  });

  it("formats octal with a NUL and writes 0 when the value does not fit", () => {
    const block = new Uint8Array(BLOCK_SIZE);
    writeOctal(block, FIELD.size, 8 ** 11 - 1);
    assert.equal(String.fromCharCode(...block.subarray(124, 136)), "77777777777\0");
    writeOctal(block, FIELD.uid, 2097152);
    assert.equal(String.fromCharCode(...block.subarray(108, 116)), "0000000\0");
    assert.equal(fitsInOctal(8, 2097151), true);
    assert.equal(fitsInOctal(8, 2097152), false);
    assert.equal(fitsInOctal(12, -1), false);
  });

  it("round-trips every value that fits (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 ** 11 - 1 }), (value) => {
        const block = new Uint8Array(BLOCK_SIZE);
        writeOctal(block, FIELD.size, value);
        assert.equal(readNumeric(block, FIELD.size), value);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe("string fields and checksums", () => {
  it("truncates like Go, cutting a slash that would end a truncated field", () => {
    const block = new Uint8Array(BLOCK_SIZE);
    writeString(block, FIELD.uname, latin1(`${"a".repeat(31)}//b`));
    assert.equal(String.fromCharCode(...block.subarray(265, 297)), `${"a".repeat(31)}\0`);
    writeString(block, FIELD.gname, latin1("g".repeat(40)));
    assert.equal(String.fromCharCode(...block.subarray(297, 329)), "g".repeat(32));
  });

  it("computes the unsigned and signed sums over the block with the checksum as spaces", () => {
    const block = new Uint8Array(BLOCK_SIZE);
    block[0] = 0xff;
    block[150] = 0x37; // inside the checksum field: counted as a space
    assert.deepEqual(computeChecksums(block), { unsigned: 256 + 255, signed: 256 - 1 });
  });
});
