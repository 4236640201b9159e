import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bunzip2 } from "../../../src/archive/bunzip2.ts";
import {
  DecompressError,
  type DecompressErrorReason,
} from "../../../src/archive/decompress-error.ts";
import { isLimitExceeded } from "../../../src/errors/drydock-error.ts";
import { bigInput, codecFixture, flipped } from "./codec-fixtures.ts";

const LIMIT = { sizeBytesMax: 1 << 20 };
const SAMPLE = codecFixture("sample.bin");

function rejects(input: Uint8Array, reason: DecompressErrorReason, message: RegExp): void {
  assert.throws(
    () => bunzip2(input, LIMIT),
    (error) => {
      assert.ok(error instanceof DecompressError, String(error));
      assert.equal(error.codec, "bzip2");
      assert.equal(error.reason, reason);
      assert.match(error.message, message);
      return true;
    },
  );
}

describe("bunzip2", () => {
  it("decodes what bzip2 -9 and -1 wrote", () => {
    assert.deepEqual(bunzip2(codecFixture("sample.bin.bz2"), LIMIT), SAMPLE);
    assert.deepEqual(bunzip2(codecFixture("sample.bin.1.bz2"), LIMIT), SAMPLE);
  });

  it("decodes incompressible data and a multi-block stream (bzip2 -1, 300 kB)", () => {
    assert.deepEqual(bunzip2(codecFixture("noise.bin.bz2"), LIMIT), codecFixture("noise.bin"));
    assert.deepEqual(bunzip2(codecFixture("big.bin.1.bz2"), LIMIT), bigInput());
  });

  it("decodes concatenated streams as one output", () => {
    assert.deepEqual(bunzip2(codecFixture("two-streams.bz2"), LIMIT), SAMPLE);
  });

  it("stops at sizeBytesMax with LimitExceededError", () => {
    assert.throws(
      () => bunzip2(codecFixture("big.bin.1.bz2"), { sizeBytesMax: 299_999 }),
      isLimitExceeded,
    );
    assert.equal(bunzip2(codecFixture("big.bin.1.bz2"), { sizeBytesMax: 300_000 }).length, 300_000);
  });

  it("rejects bad headers with Go's wording", () => {
    rejects(new Uint8Array(0), "truncated", /^unexpected EOF$/);
    rejects(Uint8Array.from([0x42, 0x5a, 0x30, 0x39]), "format", /non-Huffman entropy encoding/);
    rejects(Uint8Array.from([0x42, 0x5a, 0x68, 0x30]), "format", /invalid compression level/);
    rejects(new TextEncoder().encode("hello"), "format", /^bzip2 data invalid: bad magic value$/);
  });

  it("reports truncation anywhere as unexpected EOF", () => {
    const stream = codecFixture("sample.bin.bz2");
    for (const cut of [4, 10, 100, stream.length - 11, stream.length - 1]) {
      rejects(stream.subarray(0, cut), "truncated", /^unexpected EOF$/);
    }
  });

  it("catches a flipped bit by a CRC or a structural check", () => {
    const stream = codecFixture("sample.bin.bz2");
    rejects(flipped(stream, stream.length - 3, 0x01), "checksum", /file checksum mismatch/);
    rejects(flipped(stream, 12, 0x01), "checksum", /block checksum mismatch/);
    for (let index = 14; index < stream.length - 12; index += 37) {
      assert.throws(
        () => bunzip2(flipped(stream, index), LIMIT),
        (error) => error instanceof DecompressError,
      );
    }
  });

  it("rejects data after the last stream that is not another stream", () => {
    const stream = codecFixture("sample.bin.bz2");
    const trailing = new Uint8Array([...stream, 0x41, 0x42, 0x43]);
    rejects(trailing, "format", /bad magic value in continuation file/);
  });
});
