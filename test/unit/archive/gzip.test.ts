import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deflateSync } from "fflate";
import { crc32 } from "../../../src/archive/crc32.ts";
import { type GzipLevel, gunzip, gzip, isGzip } from "../../../src/archive/gzip.ts";
import {
  GzipFormatError,
  type GzipFormatErrorReason,
} from "../../../src/archive/gzip-format-error.ts";
import { isLimitExceeded } from "../../../src/errors/drydock-error.ts";
import { concatBytes, encoder } from "./tar-test-support.ts";

const LIMIT = { sizeBytesMax: 16 << 20 };
const TEXT = encoder.encode("the quick brown fox jumps over the lazy dog\n".repeat(200));
const NOISE = new Uint8Array(100_000).map((_, i) => (i * 2654435761) >>> 24);

function rejects(input: Uint8Array, reason: GzipFormatErrorReason, message: RegExp): void {
  assert.throws(
    () => gunzip(input, LIMIT),
    (error) => {
      assert.ok(error instanceof GzipFormatError, String(error));
      assert.equal(error.reason, reason);
      assert.match(error.message, message);
      return true;
    },
  );
}

/** A gzip member with optional header fields, built by hand around fflate's raw deflate. */
function member(
  data: Uint8Array,
  options: { extra?: Uint8Array; name?: string; comment?: string; headerCrc?: boolean | number },
): Uint8Array {
  const flags =
    (options.headerCrc !== undefined ? 2 : 0) |
    (options.extra ? 4 : 0) |
    (options.name ? 8 : 0) |
    (options.comment ? 16 : 0);
  const parts: Uint8Array[] = [Uint8Array.of(0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 0xff)];
  if (options.extra) parts.push(Uint8Array.of(options.extra.length, 0), options.extra);
  if (options.name) parts.push(encoder.encode(`${options.name}\0`));
  if (options.comment) parts.push(encoder.encode(`${options.comment}\0`));
  if (options.headerCrc !== undefined) {
    const crc =
      typeof options.headerCrc === "number"
        ? options.headerCrc
        : crc32(concatBytes(...parts)) & 0xffff;
    parts.push(Uint8Array.of(crc & 0xff, crc >> 8));
  }
  const trailer = new Uint8Array(8);
  new DataView(trailer.buffer).setUint32(0, crc32(data), true);
  new DataView(trailer.buffer).setUint32(4, data.length, true);
  return concatBytes(...parts, deflateSync(data), trailer);
}

describe("gzip", () => {
  it("round-trips, and gives the same bytes for the same input", () => {
    for (const data of [new Uint8Array(0), TEXT, NOISE]) {
      const compressed = gzip(data);
      assert.deepEqual(gunzip(compressed, LIMIT), data);
      assert.deepEqual(gzip(data), compressed);
    }
    assert.ok(gzip(TEXT).length < TEXT.length / 10);
  });

  it("writes a header with mtime 0, XFL as fflate sets it per level, and OS 3 (Unix)", () => {
    const header = (level?: GzipLevel) => [
      ...gzip(TEXT, level === undefined ? {} : { level }).subarray(0, 10),
    ];
    const prefix = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00];
    assert.deepEqual(header(), [...prefix, 0x00, 0x03]);
    assert.deepEqual(header(6), [...prefix, 0x00, 0x03]);
    assert.deepEqual(header(1), [...prefix, 0x04, 0x03]);
    assert.deepEqual(header(0), [...prefix, 0x04, 0x03]);
    assert.deepEqual(header(9), [...prefix, 0x02, 0x03]);
    assert.throws(() => gzip(TEXT, { level: 10 as GzipLevel }), { code: "InvalidArgument" });
  });

  it("recognises gzip by its magic", () => {
    assert.equal(isGzip(gzip(TEXT)), true);
    assert.equal(isGzip(Uint8Array.of(0x1f, 0x8b)), false);
    assert.equal(isGzip(TEXT), false);
  });
});

describe("gunzip", () => {
  it("reads concatenated members and optional header fields, as Go's multistream reader", () => {
    const withFields = member(TEXT, {
      extra: Uint8Array.of(1, 2, 3),
      name: "layer.tar",
      comment: "c",
      headerCrc: true,
    });
    const input = concatBytes(
      gzip(NOISE),
      withFields,
      gzip(new Uint8Array(0)),
      gzip(TEXT, { level: 1 }),
    );
    assert.deepEqual(gunzip(input, LIMIT), concatBytes(NOISE, TEXT, TEXT));
  });

  it("rejects a wrong magic, a wrong header CRC, and empty input", () => {
    const bad = gzip(TEXT);
    bad[1] = 0x8c;
    rejects(bad, "header", /^gzip: invalid header$/);
    rejects(member(TEXT, { headerCrc: 0x1234 }), "header", /^gzip: invalid header$/);
    rejects(new Uint8Array(0), "truncated", /^gzip: unexpected EOF$/);
    assert.throws(() => gunzip(bad, LIMIT), { code: "InvalidArgument" });
  });

  it("reports every cut of a multi-member stream as unexpected EOF", () => {
    const first = gzip(TEXT.subarray(0, 300));
    const input = concatBytes(
      first,
      member(NOISE.subarray(0, 2000), { name: "n", headerCrc: true }),
    );
    for (let length = 0; length < input.length; length++) {
      if (length === first.length) {
        assert.deepEqual(gunzip(input.subarray(0, length), LIMIT), TEXT.subarray(0, 300));
        continue;
      }
      try {
        gunzip(input.subarray(0, length), LIMIT);
        assert.fail(`a cut at ${length} was accepted`);
      } catch (error) {
        assert.ok(
          error instanceof GzipFormatError && error.reason === "truncated",
          `cut at ${length}: ${error}`,
        );
        assert.equal(error.code, "DataLoss");
      }
    }
  });

  it("verifies the CRC-32 and size in every trailer", () => {
    const crcFlipped = gzip(TEXT);
    crcFlipped[crcFlipped.length - 8] = crcFlipped[crcFlipped.length - 8]! ^ 1;
    rejects(crcFlipped, "checksum", /^gzip: invalid checksum \(member at offset 0\)$/);
    const sizeFlipped = gzip(TEXT);
    sizeFlipped[sizeFlipped.length - 1] = sizeFlipped[sizeFlipped.length - 1]! ^ 1;
    const twoMembers = concatBytes(sizeFlipped, gzip(TEXT));
    rejects(twoMembers, "checksum", /invalid checksum/);
  });

  it("never accepts corrupted deflate data", () => {
    const compressed = gzip(NOISE);
    for (let at = 10; at < compressed.length - 8; at += 97) {
      const corrupt = compressed.slice();
      corrupt[at] = corrupt[at]! ^ 0x5a;
      assert.throws(
        () => gunzip(corrupt, LIMIT),
        (error) => error instanceof GzipFormatError && error.code === "DataLoss",
        `corruption at ${at}`,
      );
    }
  });

  it("rejects bytes after the last member, but a cut-off next member is EOF", () => {
    rejects(concatBytes(gzip(TEXT), encoder.encode("x")), "header", /^gzip: invalid header$/);
    rejects(
      concatBytes(gzip(TEXT), encoder.encode("garbage!")),
      "header",
      /^gzip: invalid header$/,
    );
    rejects(
      concatBytes(gzip(TEXT), Uint8Array.of(0x1f, 0x8b)),
      "truncated",
      /^gzip: unexpected EOF$/,
    );
  });

  it("stops a bomb at sizeBytesMax, before it is inflated in full", () => {
    const zeros = new Uint8Array(64 << 20);
    const bomb = gzip(zeros);
    assert.ok(bomb.length < 100_000);
    const overLimit = (error: unknown) => {
      assert.ok(isLimitExceeded(error), String(error));
      assert.match(
        (error as Error).message,
        /gzip decompressed size in bytes exceeds the limit of 1048576/,
      );
      return true;
    };
    assert.throws(() => gunzip(bomb, { sizeBytesMax: 1 << 20 }), overLimit);
    // Cut off, the stream would end in EOF; the limit must fire long before the end.
    assert.throws(
      () => gunzip(bomb.subarray(0, bomb.length - 100), { sizeBytesMax: 1 << 20 }),
      overLimit,
    );
    assert.equal(gunzip(gzip(TEXT), { sizeBytesMax: TEXT.length }).length, TEXT.length);
    assert.throws(() => gunzip(gzip(TEXT), { sizeBytesMax: TEXT.length - 1 }), isLimitExceeded);
  });
});
