import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gzip } from "../../../src/archive/gzip.ts";
import { sniffCompression } from "../../../src/archive/sniff-compression.ts";
import { writeTar } from "../../../src/archive/tar-writer.ts";
import { dockerFile, encoder } from "./tar-test-support.ts";

describe("sniffCompression", () => {
  it("tells the compressions apart by magic number, as moby's DetectCompression", () => {
    const cases: [number[], string][] = [
      [[0x1f, 0x8b, 0x08, 0x00], "gzip"],
      [[0x42, 0x5a, 0x68, 0x39], "bzip2"],
      [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00], "xz"],
      [[0x28, 0xb5, 0x2f, 0xfd, 0x04], "zstd"],
      [[0x50, 0x2a, 0x4d, 0x18, 0x00], "zstd"],
      [[0x5f, 0x2a, 0x4d, 0x18], "zstd"],
      [[0x1f, 0x8b], "none"],
      [[0xfd, 0x37, 0x7a, 0x58, 0x5a], "none"],
      [[0x60, 0x2a, 0x4d, 0x18], "none"],
      [[], "none"],
    ];
    for (const [bytes, expected] of cases) {
      assert.equal(sniffCompression(Uint8Array.from(bytes)), expected, bytes.join(","));
    }
  });

  it("sees a plain tar as none and its gzip as gzip", () => {
    const tar = writeTar([dockerFile("a", "1")]);
    assert.equal(sniffCompression(tar), "none");
    assert.equal(sniffCompression(gzip(tar)), "gzip");
    assert.equal(sniffCompression(encoder.encode("BZh91AY&SY")), "bzip2");
  });
});
