import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { bunzip2 } from "../../src/archive/bunzip2.ts";
import { unlzma } from "../../src/archive/unlzma.ts";
import { unxz } from "../../src/archive/unxz.ts";
import { unzstd } from "../../src/archive/unzstd.ts";
import { isDrydockError } from "../../src/errors/drydock-error.ts";

const CODECS = new URL("../fixtures/archive/codecs/", import.meta.url);
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, CODECS)));

type Decoder = (bytes: Uint8Array, options: { sizeBytesMax: number }) => Uint8Array;

const DECODERS: readonly { name: string; decode: Decoder; magic: number[]; valid: string[] }[] = [
  {
    name: "bunzip2",
    decode: bunzip2,
    magic: [0x42, 0x5a, 0x68, 0x39],
    valid: ["sample.bin.bz2", "two-streams.bz2"],
  },
  {
    name: "unxz",
    decode: unxz,
    magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x01, 0x69, 0x22, 0xde, 0x36],
    valid: ["sample.bin.xz", "two-streams-padded.xz", "sample.bin.blocks.xz"],
  },
  { name: "unlzma", decode: unlzma, magic: [0x5d, 0, 0, 0x80, 0], valid: ["sample.bin.lzma"] },
  {
    name: "unzstd",
    decode: unzstd,
    magic: [0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x58],
    valid: ["sample.bin.zst", "sample.bin.19.zst", "two-frames.zst"],
  },
];

const SIZE_BYTES_MAX = 64 * 1024;

/** Decoding may fail only with a DrydockError and may never return more than the bound. */
function decodesSafely(decode: Decoder, bytes: Uint8Array): void {
  try {
    const out = decode(bytes, { sizeBytesMax: SIZE_BYTES_MAX });
    assert.ok(out.length <= SIZE_BYTES_MAX);
  } catch (error) {
    assert.ok(isDrydockError(error), `not a DrydockError: ${String(error)}`);
  }
}

describe("codecs on hostile input (properties)", () => {
  for (const { name, decode, magic, valid } of DECODERS) {
    it(`${name}: random bytes after a valid magic only ever throw DrydockError`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2000 }), (tail) => {
          decodesSafely(decode, new Uint8Array([...magic, ...tail]));
          decodesSafely(decode, tail);
        }),
        { seed: 42, numRuns: 300 },
      );
    });

    it(`${name}: truncated and bit-flipped valid streams only ever throw DrydockError`, () => {
      const streams = valid.map(fixture);
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: streams.length - 1 }),
          fc.nat(),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 3 }),
          (which, cutSeed, flips) => {
            const stream = streams[which]!;
            const cut = stream.subarray(0, cutSeed % (stream.length + 1)).slice();
            for (const [at, mask] of flips) if (cut.length > 0) cut[at % cut.length]! ^= mask;
            decodesSafely(decode, cut);
          },
        ),
        { seed: 7, numRuns: 300 },
      );
    });
  }
});
