import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  DecompressError,
  type DecompressErrorReason,
} from "../../../src/archive/decompress-error.ts";
import { unlzma } from "../../../src/archive/unlzma.ts";
import { unxz } from "../../../src/archive/unxz.ts";
import { isLimitExceeded } from "../../../src/errors/drydock-error.ts";
import { bigInput, codecFixture, flipped } from "./codec-fixtures.ts";

const LIMIT = { sizeBytesMax: 1 << 20 };
const SAMPLE = codecFixture("sample.bin");

function rejects(run: () => unknown, reason: DecompressErrorReason, message: RegExp): void {
  assert.throws(run, (error) => {
    assert.ok(error instanceof DecompressError, String(error));
    assert.equal(error.reason, reason, `${error.message} ${JSON.stringify(error.data)}`);
    assert.match(error.message, message);
    return true;
  });
}

describe("unxz", () => {
  it("decodes every check type xz writes: CRC-64, CRC-32, SHA-256, none", () => {
    for (const name of [
      "sample.bin.xz",
      "sample.bin.0-crc32.xz",
      "sample.bin.9e-sha256.xz",
      "sample.bin.none.xz",
    ]) {
      assert.deepEqual(unxz(codecFixture(name), LIMIT), SAMPLE, name);
    }
  });

  it("decodes several blocks with sizes in their headers, and uncompressed chunks", () => {
    assert.deepEqual(unxz(codecFixture("sample.bin.blocks.xz"), LIMIT), SAMPLE);
    assert.deepEqual(unxz(codecFixture("noise.bin.xz"), LIMIT), codecFixture("noise.bin"));
    assert.deepEqual(unxz(codecFixture("big.bin.1.xz"), LIMIT), bigInput());
  });

  it("decodes concatenated streams with stream padding", () => {
    assert.deepEqual(unxz(codecFixture("two-streams-padded.xz"), LIMIT), SAMPLE);
  });

  it("stops at sizeBytesMax with LimitExceededError", () => {
    assert.throws(
      () => unxz(codecFixture("big.bin.1.xz"), { sizeBytesMax: 299_999 }),
      isLimitExceeded,
    );
  });

  it("words failures as xz-utils does", () => {
    const stream = codecFixture("sample.bin.xz");
    rejects(() => unxz(new Uint8Array(0), LIMIT), "truncated", /^Unexpected end of input$/);
    rejects(
      () => unxz(new TextEncoder().encode("not xz at all"), LIMIT),
      "format",
      /^File format not recognized$/,
    );
    for (const cut of [6, 12, 40, stream.length - 13, stream.length - 1]) {
      rejects(() => unxz(stream.subarray(0, cut), LIMIT), "truncated", /^Unexpected end of input$/);
    }
    rejects(() => unxz(flipped(stream, 7, 0x01), LIMIT), "corrupt", /^Compressed data is corrupt$/);
    // The last byte of the block's CRC-64, just before the index.
    const view = new DataView(stream.buffer, stream.byteOffset);
    const indexSize = (view.getUint32(stream.length - 8, true) + 1) * 4;
    const checkEnd = stream.length - 12 - indexSize;
    rejects(() => unxz(flipped(stream, checkEnd - 1, 0x01), LIMIT), "checksum", /corrupt/);
    rejects(() => unxz(new Uint8Array([...stream, 0, 0, 0]), LIMIT), "corrupt", /corrupt/);
  });

  it("rejects filters other than LZMA2 as unsupported", () => {
    // Stream header (CRC-32 check) and a block header declaring the delta filter (0x03).
    const block = Uint8Array.from([0x02, 0x01, 0x03, 0x01, 0x00, 0x21, 0x01, 0x16, 0, 0, 0, 0]);
    const header = codecFixture("sample.bin.0-crc32.xz").subarray(0, 12);
    const crc = crc32Le(block.subarray(0, 8));
    block.set(crc, 8);
    rejects(
      () => unxz(new Uint8Array([...header, ...block]), LIMIT),
      "unsupported",
      /Unsupported filter chain/,
    );
  });

  it("catches corruption anywhere in the data and never hangs", () => {
    const stream = codecFixture("sample.bin.xz");
    for (let index = 12; index < stream.length; index += 7) {
      assert.throws(
        () => unxz(flipped(stream, index), LIMIT),
        (error) => error instanceof DecompressError,
      );
    }
  });
});

describe("unlzma", () => {
  it("decodes .lzma files with an end marker", () => {
    assert.deepEqual(unlzma(codecFixture("sample.bin.lzma"), LIMIT), SAMPLE);
    assert.deepEqual(unlzma(codecFixture("big.bin.lzma"), LIMIT), bigInput());
  });

  it("decodes a known size without a marker", () => {
    const marked = codecFixture("sample.bin.lzma");
    const sized = marked.slice();
    new DataView(sized.buffer).setUint32(5, SAMPLE.length, true);
    new DataView(sized.buffer).setUint32(9, 0, true);
    assert.deepEqual(unlzma(sized, LIMIT), SAMPLE);
  });

  it("rejects truncation, a bad properties byte and the limit", () => {
    const stream = codecFixture("sample.bin.lzma");
    rejects(() => unlzma(stream.subarray(0, 10), LIMIT), "truncated", /Unexpected end of input/);
    rejects(() => unlzma(stream.subarray(0, 200), LIMIT), "truncated", /Unexpected end of input/);
    const badProps = stream.slice();
    badProps[0] = 225;
    rejects(() => unlzma(badProps, LIMIT), "format", /File format not recognized/);
    assert.throws(
      () => unlzma(codecFixture("big.bin.lzma"), { sizeBytesMax: 1000 }),
      isLimitExceeded,
    );
  });
});

function crc32Le(bytes: Uint8Array): Uint8Array {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, ~crc >>> 0, true);
  return out;
}
