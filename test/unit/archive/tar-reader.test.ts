import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePaxTimeUs } from "../../../src/archive/extended-headers.ts";
import { BLOCK_SIZE } from "../../../src/archive/tar-block.ts";
import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { iterateTar, readTar } from "../../../src/archive/tar-reader.ts";
import { writeTar } from "../../../src/archive/tar-writer.ts";
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

const octal = (value: number, width: number): string =>
  `${value.toString(8).padStart(width - 1, "0")}\0`;

/** A ustar header with sensible defaults. */
function ustar(name: string, fields: Parameters<typeof rawHeader>[0] = {}): Uint8Array {
  return rawHeader({
    name,
    mode: "0000644\0",
    typeflag: "0",
    magic: "ustar\0",
    version: "00",
    ...fields,
  });
}

/** An extended header of type `flag` ('x', 'g', 'L', 'K') with its body. */
function special(flag: string, body: string | Uint8Array): Uint8Array {
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  return concatBytes(
    ustar("././@meta", { typeflag: flag, size: octal(bytes.length, 12) }),
    padded(bytes),
  );
}

describe("readTar: dialects Go reads", () => {
  it("reads GNU long names and long link names", () => {
    const gnu = { magic: "ustar ", version: " \0" };
    const name = `gnu/${"n".repeat(150)}`;
    const target = `gnu/${"t".repeat(150)}`;
    const archive = concatBytes(
      special("L", `${name}\0`),
      special("K", `${target}\0`),
      ustar("gnu/short", { ...gnu, typeflag: "1", linkname: "gnu/short-link" }),
      END_MARKER,
    );
    const [entry] = readTar(archive);
    assert.deepEqual([entry?.type, entry?.path, entry?.linkTarget], ["hardlink", name, target]);
  });

  it("reads v7 headers (no magic): no owner names, old-style directories", () => {
    const archive = concatBytes(
      rawHeader({ name: "old/", mode: "000755 \0", typeflag: "\0", uname: "ignored" }),
      rawHeader({ name: "old/file", mode: "000644 \0", size: "00000000003 ", typeflag: "\0" }),
      padded(encoder.encode("abc")),
    );
    const entries = readTar(archive);
    assert.deepEqual(
      entries.map((entry) => [entry.type, entry.path, entry.mode, entry.uname]),
      [
        ["directory", "old", 0o755, ""],
        ["file", "old/file", 0o644, ""],
      ],
    );
    assert.equal(new TextDecoder().decode(entries[1]?.data), "abc");
  });

  it("reads base-256 numbers and accepts a signed checksum", () => {
    const uid = Uint8Array.of(0x80, 0, 0, 0x01, 0, 0, 0, 0); // 2^32
    const block = ustar("x\xe9", { uid });
    // Recompute the checksum with signed bytes, as some historic tars did.
    let signed = 8 * 0x20;
    block.forEach((byte, i) => {
      if (i < 148 || i >= 156) signed += byte < 0x80 ? byte : byte - 0x100;
    });
    block.set(latin1(octal(signed, 7)), 148);
    const [entry] = readTar(concatBytes(block, END_MARKER));
    assert.equal(entry?.uid, 2 ** 32);
    assert.equal(entry?.path, "x\ufffd", "invalid UTF-8 becomes U+FFFD");
  });

  it("joins the star prefix", () => {
    const trailer = latin1("tar\0");
    const [entry] = readTar(
      concatBytes(ustar("name", { prefix: "star/dir", starTrailer: trailer })),
    );
    assert.equal(entry?.path, "star/dir/name");
  });
});

describe("readTar: PAX records", () => {
  it("applies path, linkpath, ids, names, size, mtime and xattrs; keeps ustar values for empty records", () => {
    const records = [
      paxRecord("uname", ""), // empty: the header's "root" stays
      paxRecord("path", "pax/ünïcode/name"),
      paxRecord("linkpath", "ziel"),
      paxRecord("uid", "99999999"),
      paxRecord("mtime", "1700000000.123456789"),
      paxRecord("SCHILY.xattr.user.b", "2"),
      paxRecord("SCHILY.xattr.user.a", "1"),
      paxRecord("atime", "1.5 junk"), // unknown keys are ignored
    ].join("");
    const archive = concatBytes(
      special("x", records),
      ustar("short", { typeflag: "2", uname: "root" }),
      END_MARKER,
    );
    const [entry] = readTar(archive);
    assert.equal(entry?.path, "pax/ünïcode/name");
    assert.equal(entry?.linkTarget, "ziel");
    assert.equal(entry?.uid, 99999999);
    assert.equal(entry?.uname, "root");
    assert.equal(entry?.mtimeUs, 1_700_000_000_123_456);
    assert.deepEqual(Object.keys(entry?.xattrs ?? {}), ["user.a", "user.b"]);
  });

  it("parses PAX times like Go, rounding to microseconds downwards", () => {
    const us = (text: string) => parsePaxTimeUs(encoder.encode(text));
    assert.equal(us("5"), 5_000_000);
    assert.equal(us("5."), 5_000_000);
    assert.equal(us("-1.5"), -1_500_000);
    assert.equal(us("-0.0000015"), -2);
    assert.equal(us("1.0000019"), 1_000_001);
    assert.equal(us("1.5x"), undefined);
    assert.equal(us("99999999999999"), undefined, "beyond microsecond precision");
  });

  it("lets the last extended header win, GNU names override PAX, and a global header resets", () => {
    const archive = concatBytes(
      special("x", paxRecord("path", "first")),
      special("x", paxRecord("path", "second")),
      ustar("a"),
      special("x", paxRecord("path", "ignore")),
      special("g", paxRecord("comment", "git")),
      ustar("b"),
      special("x", paxRecord("path", "pax")),
      special("L", "gnu\0"),
      ustar("c"),
      END_MARKER,
    );
    assert.deepEqual(
      readTar(archive).map((entry) => entry.path),
      ["second", "b", "gnu"],
    );
  });
});

describe("readTar: paths, data and the end of the archive", () => {
  it("normalises paths but keeps .. and raw symlink targets", () => {
    const archive = concatBytes(
      ustar("./", { typeflag: "5" }),
      ustar("./a//b/./c/", { typeflag: "5" }),
      ustar("/abs/file"),
      ustar("../up"),
      ustar("x", { typeflag: "1", linkname: "./a//b" }),
      ustar("y", { typeflag: "2", linkname: "./a//b/" }),
    );
    assert.deepEqual(
      readTar(archive).map((entry) => [entry.path, entry.linkTarget]),
      [
        ["", ""],
        ["a/b/c", ""],
        ["abs/file", ""],
        ["../up", ""],
        ["x", "a/b"],
        ["y", "./a//b/"],
      ],
    );
  });

  it("returns file data as views into the input, and skips no data for header-only types", () => {
    const data = encoder.encode("payload");
    const archive = concatBytes(
      ustar("link", { typeflag: "2", size: octal(1000, 12), linkname: "t" }),
      ustar("f", { size: octal(data.length, 12) }),
      padded(data),
      END_MARKER,
    );
    const [link, file] = readTar(archive);
    assert.equal(link?.data.length, 0);
    assert.equal(file?.data.buffer, archive.buffer);
    assert.deepEqual(file?.data, data);
  });

  it("ends at two zero blocks, one zero block at EOF, or EOF on a block boundary", () => {
    const one = writeTar([dockerFile("a", "1")]);
    const withTrailing = concatBytes(one, encoder.encode("garbage after the end marker"));
    assert.equal(readTar(withTrailing).length, 1);
    assert.equal(readTar(one.subarray(0, one.length - BLOCK_SIZE)).length, 1);
    assert.equal(readTar(one.subarray(0, one.length - 2 * BLOCK_SIZE)).length, 1);
    assert.equal(readTar(one.subarray(0, BLOCK_SIZE + 1)).length, 1, "padding cut short at EOF");
    assert.deepEqual(readTar(new Uint8Array(0)), []);
  });

  it("yields entries one at a time", () => {
    const archive = writeTar([dockerFile("a", "1"), tarEntry({ path: "b", type: "directory" })]);
    const iterator = iterateTar(archive);
    assert.equal(iterator.next().value?.path, "a");
    assert.equal(iterator.next().value?.path, "b");
    assert.equal(iterator.next().done, true);
  });
});
