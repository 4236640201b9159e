import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  DecompressError,
  type DecompressErrorReason,
} from "../../../src/archive/decompress-error.ts";
import { unzstd } from "../../../src/archive/unzstd.ts";
import { xxhash64Low32 } from "../../../src/archive/xxhash64.ts";
import { isLimitExceeded } from "../../../src/errors/drydock-error.ts";
import { bigInput, codecFixture, flipped } from "./codec-fixtures.ts";

const LIMIT = { sizeBytesMax: 1 << 20 };
const SAMPLE = codecFixture("sample.bin");

function rejects(input: Uint8Array, reason: DecompressErrorReason, message: RegExp): void {
  assert.throws(
    () => unzstd(input, LIMIT),
    (error) => {
      assert.ok(error instanceof DecompressError, String(error));
      assert.equal(error.reason, reason, `${error.message} ${JSON.stringify(error.data)}`);
      assert.match(error.message, message);
      return true;
    },
  );
}

describe("xxhash64Low32", () => {
  it("matches XXH64's published values (low 32 bits)", () => {
    const encoder = new TextEncoder();
    assert.equal(xxhash64Low32(new Uint8Array(0)), 0x51d8e999);
    assert.equal(xxhash64Low32(encoder.encode("abc")), 0xad770999);
    // zstd -c stores it after the frame; 300 kB exercises the 32-byte stripes.
    const frame = codecFixture("sample.bin.zst");
    assert.equal(
      xxhash64Low32(SAMPLE),
      new DataView(frame.buffer, frame.byteOffset).getUint32(frame.length - 4, true),
    );
  });
});

describe("unzstd", () => {
  it("decodes what zstd wrote at levels 3, 19, 1 (no checksum) and 22 --long", () => {
    assert.deepEqual(unzstd(codecFixture("sample.bin.zst"), LIMIT), SAMPLE);
    assert.deepEqual(unzstd(codecFixture("sample.bin.19.zst"), LIMIT), SAMPLE);
    assert.deepEqual(unzstd(codecFixture("big.bin.1.zst"), LIMIT), bigInput());
    assert.deepEqual(unzstd(codecFixture("big.bin.22.zst"), LIMIT), bigInput());
  });

  it("decodes raw blocks, two frames and skippable frames", () => {
    assert.deepEqual(unzstd(codecFixture("noise.bin.zst"), LIMIT), codecFixture("noise.bin"));
    assert.deepEqual(unzstd(codecFixture("two-frames.zst"), LIMIT), SAMPLE);
    const skippable = Uint8Array.of(0x5e, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3);
    const framed = new Uint8Array([...skippable, ...codecFixture("sample.bin.zst"), ...skippable]);
    assert.deepEqual(unzstd(framed, LIMIT), SAMPLE);
  });

  it("stops at sizeBytesMax with LimitExceededError", () => {
    assert.throws(
      () => unzstd(codecFixture("big.bin.22.zst"), { sizeBytesMax: 299_999 }),
      isLimitExceeded,
    );
  });

  it("words failures as zstd does", () => {
    const frame = codecFixture("sample.bin.zst");
    rejects(new Uint8Array(0), "truncated", /^Src size is incorrect$/);
    rejects(new TextEncoder().encode("not zstd"), "format", /^Unknown frame descriptor$/);
    for (const cut of [3, 6, 20, frame.length - 5, frame.length - 1]) {
      assert.throws(
        () => unzstd(frame.subarray(0, cut), LIMIT),
        (error) => error instanceof DecompressError,
      );
    }
    rejects(frame.subarray(0, frame.length - 2), "truncated", /^Src size is incorrect$/);
    rejects(
      flipped(frame, frame.length - 1, 0x01),
      "checksum",
      /^Restored data doesn't match checksum$/,
    );
    const withDictionary = frame.slice();
    withDictionary[4] = withDictionary[4]! | 0x01;
    assert.throws(
      () => unzstd(withDictionary, LIMIT),
      (error) => error instanceof DecompressError,
    );
  });

  it("catches corruption anywhere and never hangs", () => {
    for (const name of ["sample.bin.zst", "sample.bin.19.zst"]) {
      const frame = codecFixture(name);
      for (let index = 4; index < frame.length; index += 3) {
        try {
          const out = unzstd(flipped(frame, index), LIMIT);
          assert.ok(out.length <= LIMIT.sizeBytesMax);
        } catch (error) {
          assert.ok(error instanceof DecompressError, `${name}@${index}: ${String(error)}`);
        }
      }
    }
  });
});
