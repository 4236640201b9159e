import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BLOCK_SIZE, writeChecksum } from "../../../src/archive/tar-block.ts";
import {
  TarFormatError,
  type TarFormatErrorReason,
} from "../../../src/archive/tar-format-error.ts";
import { iterateTar, readTar } from "../../../src/archive/tar-reader.ts";
import { writeTar } from "../../../src/archive/tar-writer.ts";
import { isLimitExceeded } from "../../../src/errors/drydock-error.ts";
import {
  concatBytes,
  dockerFile,
  END_MARKER,
  encoder,
  latin1,
  padded,
  paxRecord,
  rawHeader,
} from "./tar-test-support.ts";

function header(name: string, fields: Parameters<typeof rawHeader>[0] = {}): Uint8Array {
  return rawHeader({
    name,
    mode: "0000644\0",
    typeflag: "0",
    magic: "ustar\0",
    version: "00",
    ...fields,
  });
}

function extended(body: string, flag = "x"): Uint8Array {
  const bytes = encoder.encode(body);
  const size = `${bytes.length.toString(8).padStart(11, "0")}\0`;
  return concatBytes(header("PaxHeaders.0/x", { typeflag: flag, size }), padded(bytes));
}

function rejects(archive: Uint8Array, reason: TarFormatErrorReason, message: RegExp): void {
  assert.throws(
    () => readTar(archive),
    (error) => {
      assert.ok(error instanceof TarFormatError, String(error));
      assert.equal(error.reason, reason);
      assert.match(error.message, message);
      return true;
    },
  );
}

const SAMPLE = writeTar([
  dockerFile("a/one", "1".repeat(700)),
  dockerFile(`b/${"ü".repeat(80)}`, "2"),
]);

describe("readTar: truncated and corrupt archives", () => {
  it("reports a cut inside a header or inside data as unexpected EOF (DataLoss)", () => {
    rejects(
      SAMPLE.subarray(0, 300),
      "truncated",
      /^unexpected EOF: the archive ends inside a header/,
    );
    rejects(
      SAMPLE.subarray(0, 1000),
      "truncated",
      /^unexpected EOF: tar entry "a\/one" declares 700 bytes of data but only 488 remain$/,
    );
    assert.throws(() => readTar(SAMPLE.subarray(0, 300)), { code: "DataLoss" });
  });

  it("never fails any other way, whatever the cut", () => {
    for (let length = 0; length < SAMPLE.length; length++) {
      try {
        readTar(SAMPLE.subarray(0, length));
      } catch (error) {
        assert.ok(
          error instanceof TarFormatError && error.reason === "truncated",
          `cut at ${length}: ${error}`,
        );
      }
    }
  });

  it("rejects a header whose checksum does not match", () => {
    const corrupt = SAMPLE.slice();
    corrupt[5] = corrupt[5]! ^ 0x01;
    rejects(
      corrupt,
      "checksum",
      /^archive\/tar: invalid tar header: checksum mismatch at offset 0 \(recorded \d+, computed \d+\)$/,
    );
  });

  it("rejects malformed and negative numeric fields", () => {
    rejects(header("f", { size: "0000000009x\0" }), "numeric", /bad size field at offset 0/);
    const negative = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe);
    rejects(header("f", { uid: negative }), "numeric", /bad uid field/);
    rejects(concatBytes(extended(paxRecord("uid", "-5")), header("f")), "pax", /bad uid record/);
    rejects(
      concatBytes(extended(paxRecord("mtime", "1e9")), header("f")),
      "pax",
      /bad mtime record/,
    );
  });

  it("rejects a zero block followed by data, and a cut end marker", () => {
    const zeroThenData = concatBytes(new Uint8Array(BLOCK_SIZE), header("f"));
    rejects(zeroThenData, "header", /a zero block at offset 0 is followed by a non-zero block/);
    rejects(concatBytes(new Uint8Array(BLOCK_SIZE + 100)), "truncated", /inside the end marker/);
  });

  it("rejects an extended header that no entry follows", () => {
    rejects(
      concatBytes(extended(paxRecord("path", "p"))),
      "truncated",
      /extended header at offset 0 is not followed/,
    );
    rejects(
      concatBytes(extended(paxRecord("path", "p")), END_MARKER),
      "truncated",
      /not followed by an entry/,
    );
  });

  it("refuses types Docker cannot extract, and sparse files", () => {
    rejects(
      header("c", { typeflag: "7" }),
      "unsupported",
      /^unhandled tar header type 55 \('7'\) for "c"/,
    );
    rejects(header("s", { typeflag: "S" }), "unsupported", /GNU sparse files are not supported/);
    const sparse = extended(paxRecord("GNU.sparse.major", "1"));
    rejects(concatBytes(sparse, header("s")), "unsupported", /GNU sparse files are not supported/);
    assert.throws(() => readTar(header("c", { typeflag: "7" })), { code: "Unimplemented" });
  });

  it("rejects malformed PAX records", () => {
    const cases: [string, RegExp][] = [
      ["99 path=x\n", /length out of range/],
      ["3 a=\n", /length out of range/],
      ["x9 path=x\n", /malformed PAX record length/],
      ["10 pathxx\n", /has no '='/],
      ["11 path=xy", /length out of range/],
      ["9 path=xy", /does not end with a newline/],
      ["10 =value\n", /invalid PAX key/],
      [paxRecord("path", "\0x"), /PAX path contains a NUL byte/],
    ];
    for (const [body, message] of cases)
      rejects(concatBytes(extended(body), header("f")), "pax", message);
  });

  it("gives no partial result: readTar throws where iterateTar had yielded entries", () => {
    const bad = concatBytes(SAMPLE.subarray(0, 3 * BLOCK_SIZE), header("c", { typeflag: "7" }));
    const iterator = iterateTar(bad);
    assert.equal(iterator.next().value?.path, "a/one");
    assert.throws(() => iterator.next(), TarFormatError);
    assert.throws(() => readTar(bad), TarFormatError);
  });
});

describe("readTar: limits", () => {
  const limitError = (what: RegExp) => (error: unknown) => {
    assert.ok(isLimitExceeded(error), String(error));
    assert.match((error as Error).message, what);
    return true;
  };

  it("rejects a size larger than the input as EOF, and one over the limit as LimitExceeded", () => {
    const absurd = header("f", { size: "77777777777\0" });
    rejects(
      concatBytes(absurd, END_MARKER),
      "truncated",
      /declares 8589934591 bytes of data but only 1024 remain/,
    );
    const huge = header("f", { size: Uint8Array.of(0x80, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0) });
    assert.throws(
      () => readTar(huge),
      limitError(
        /size in bytes of tar entry "f" exceeds the limit of 8589934592 \(got 17592186044416\)/,
      ),
    );
    assert.throws(
      () => readTar(SAMPLE, { fileSizeBytesMax: 699 }),
      limitError(/"a\/one" exceeds the limit of 699 \(got 700\)/),
    );
    assert.throws(
      () => readTar(SAMPLE, { totalSizeBytesMax: 700 }),
      limitError(/total size in bytes/),
    );
  });

  it("limits the entry count and path length", () => {
    assert.equal(readTar(SAMPLE, { entryCountMax: 2 }).length, 2);
    assert.throws(
      () => readTar(SAMPLE, { entryCountMax: 1 }),
      limitError(/tar entry count exceeds the limit of 1/),
    );
    assert.throws(
      () => readTar(SAMPLE, { pathBytesMax: 100 }),
      limitError(/exceeds the limit of 100 \(got 162\)/),
    );
  });

  it("stops a PAX bomb before reading its body", () => {
    const bomb = header("PaxHeaders.0/x", { typeflag: "x", size: "07777777777\0" });
    assert.throws(
      () => readTar(bomb),
      limitError(/extended header at offset 0: size in bytes exceeds the limit of 1048576/),
    );
    const long = concatBytes(extended(paxRecord("path", "p".repeat(600))), header("f"));
    assert.throws(
      () => readTar(long, { paxHeaderBytesMax: 512 }),
      limitError(/exceeds the limit of 512/),
    );
    const gnu = concatBytes(extended("n".repeat(600), "L"), header("f"));
    assert.throws(
      () => readTar(gnu, { paxHeaderBytesMax: 512 }),
      limitError(/exceeds the limit of 512/),
    );
  });

  it("checks the checksum before trusting any field", () => {
    const block = header("f", { size: "77777777777\0" });
    block[0] = 0x67;
    rejects(block, "checksum", /checksum mismatch/);
    writeChecksum(block);
    rejects(concatBytes(block, latin1("x")), "truncated", /declares 8589934591 bytes/);
  });
});
