import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BLOCK_SIZE } from "../../../src/archive/tar-block.ts";
import { type TarEntryType, tarEntry } from "../../../src/archive/tar-entry.ts";
import { TarWriter, writeTar } from "../../../src/archive/tar-writer.ts";
import { isInvalidArgument, isLimitExceeded } from "../../../src/errors/drydock-error.ts";
import { blockCount, dockerFile, rawField, textField } from "./tar-test-support.ts";

describe("writeTar: ustar headers as Docker writes them", () => {
  it("writes every field of a small file, then exactly two zero blocks", () => {
    const archive = writeTar([
      dockerFile("etc/hostname", "box\n", { mtimeUs: 1_795_822_272_900_000 }),
    ]);
    assert.equal(archive.length, 4 * BLOCK_SIZE, "header, one data block, two zero blocks");
    assert.equal(textField(archive, 0, "name"), "etc/hostname");
    assert.equal(rawField(archive, 0, "mode"), "0100644\0");
    assert.equal(rawField(archive, 0, "uid"), "0000000\0");
    assert.equal(rawField(archive, 0, "gid"), "0000000\0");
    assert.equal(rawField(archive, 0, "size"), "00000000004\0");
    assert.equal(rawField(archive, 0, "mtime"), "15302411300\0", "mtime cut to whole seconds");
    assert.match(rawField(archive, 0, "checksum"), /^[0-7]{6}\0 $/);
    assert.equal(rawField(archive, 0, "typeflag"), "0");
    assert.equal(rawField(archive, 0, "magic") + rawField(archive, 0, "version"), "ustar\x0000");
    assert.equal(textField(archive, 0, "uname"), "root");
    assert.equal(rawField(archive, 0, "devMajor"), "0000000\0");
    assert.equal(rawField(archive, 0, "devMinor"), "0000000\0");
    assert.equal(String.fromCharCode(...archive.subarray(512, 516)), "box\n");
    assert.ok(archive.subarray(2 * BLOCK_SIZE).every((byte) => byte === 0));
  });

  const modes: [TarEntryType, number, string, string][] = [
    ["directory", 0o755, "0040755\0", "5"],
    ["symlink", 0o777, "0120777\0", "2"],
    ["hardlink", 0o640, "0100640\0", "1"],
    ["char", 0o644, "0020644\0", "3"],
    ["block", 0o644, "0060644\0", "4"],
    ["fifo", 0o644, "0010644\0", "6"],
    ["file", 0o4755, "0104755\0", "0"],
  ];
  for (const [type, mode, field, flag] of modes) {
    it(`puts the file-type bits of a ${type} into the mode field`, () => {
      const entry = tarEntry({
        path: "x/y",
        type,
        mode,
        linkTarget: type.endsWith("link") ? "x/z" : "",
      });
      const archive = writeTar([entry]);
      assert.equal(rawField(archive, 0, "mode"), field);
      assert.equal(rawField(archive, 0, "typeflag"), flag);
      assert.equal(textField(archive, 0, "name"), type === "directory" ? "x/y/" : "x/y");
    });
  }

  it("writes hard links with size 0 and the target path, devices with their numbers", () => {
    const archive = writeTar([
      tarEntry({ path: "t/d/hard", type: "hardlink", linkTarget: "t/d/f.txt" }),
      tarEntry({ path: "t/null", type: "char", devMajor: 1, devMinor: 3 }),
    ]);
    assert.equal(textField(archive, 0, "linkname"), "t/d/f.txt");
    assert.equal(rawField(archive, 0, "size"), "00000000000\0");
    assert.deepEqual(
      [rawField(archive, 1, "devMajor"), rawField(archive, 1, "devMinor")],
      ["0000001\0", "0000003\0"],
    );
  });

  it("writes whiteouts and opaque markers without file-type bits, as overlay2 does", () => {
    const archive = writeTar([
      dockerFile("t/d/.wh.gone", "", { mode: 0o600 }),
      dockerFile("t/d/sub/.wh..wh..opq", "", { mode: 0o755, mtimeUs: 0 }),
    ]);
    assert.equal(rawField(archive, 0, "mode"), "0000600\0");
    assert.equal(rawField(archive, 1, "mode"), "0000755\0");
    assert.equal(rawField(archive, 1, "mtime"), "00000000000\0");
  });

  it("splits a long ASCII path into prefix and name at a slash", () => {
    const directory = `t/l/${"abcdefghij".repeat(12)}`;
    const archive = writeTar([dockerFile(`${directory}/split.txt`, "s\n")]);
    assert.equal(textField(archive, 0, "name"), "split.txt");
    assert.equal(textField(archive, 0, "prefix"), directory);
    assert.equal(rawField(archive, 0, "typeflag"), "0", "no PAX header");
  });

  it("writes the archive root as ./ and a 100-byte name without a PAX header", () => {
    const name = `d/${"n".repeat(98)}`;
    const archive = writeTar([tarEntry({ path: "", type: "directory" }), dockerFile(name, "")]);
    assert.equal(textField(archive, 0, "name"), "./");
    assert.equal(rawField(archive, 1, "name"), name);
    assert.equal(blockCount(archive), 4);
  });

  it("is deterministic, and TarWriter's chunks equal writeTar's bytes", () => {
    const big = new Uint8Array(200_000).map((_, i) => (i * 31) & 0xff);
    const entries = [
      dockerFile("a", "x"),
      tarEntry({ path: "big", type: "file", data: big }),
      dockerFile("z", "y"),
    ];
    const once = writeTar(entries);
    assert.deepEqual(writeTar(entries), once);
    const writer = new TarWriter();
    for (const entry of entries) writer.add(entry);
    const chunks = writer.finishChunks();
    assert.ok(chunks.length > 1, "big data is referenced, not copied");
    assert.deepEqual(Buffer.concat(chunks), Buffer.from(once));
    assert.equal(writer.sizeBytes, once.length);
  });
});

describe("writeTar: rejects what Go's writer rejects", () => {
  const invalid: [string, Parameters<typeof tarEntry>[0]][] = [
    ["a NUL in the path", { path: "a\0b", type: "file" }],
    ["a path that is not normalised", { path: "./a//b/", type: "file" }],
    ["a root that is not a directory", { path: "", type: "file" }],
    ["data on a directory", { path: "d", type: "directory", data: new Uint8Array(1) }],
    ["a mode with type bits", { path: "f", type: "file", mode: 0o100644 }],
    ["a negative uid", { path: "f", type: "file", uid: -1 }],
    ["a device number that does not fit", { path: "c", type: "char", devMajor: 0o10000000 }],
    ["an xattr name with '='", { path: "f", type: "file", xattrs: { "a=b": "v" } }],
    [
      "an xattr value that is not a byte string",
      { path: "f", type: "file", xattrs: { "user.x": "ü€" } },
    ],
    ["a lone surrogate in the uname", { path: "f", type: "file", uname: "\ud800" }],
    [
      "a PAX header over 1 MiB",
      { path: "f", type: "file", xattrs: { "user.big": "x".repeat(1 << 20) } },
    ],
  ];
  for (const [label, fields] of invalid) {
    it(`rejects ${label} with InvalidArgument`, () => {
      assert.throws(
        () => writeTar([tarEntry(fields)]),
        (error) => {
          assert.ok(isInvalidArgument(error), String(error));
          assert.match((error as Error).message, /^archive\/tar: cannot write /);
          return true;
        },
      );
    });
  }

  it("enforces sizeBytesMax and is unusable afterwards; a rejected entry is not", () => {
    const writer = new TarWriter({ sizeBytesMax: 4 * BLOCK_SIZE });
    assert.throws(() => writer.add(tarEntry({ path: "", type: "file" })), isInvalidArgument);
    writer.add(dockerFile("a", "1"));
    assert.throws(() => writer.add(dockerFile("b", "2")), isLimitExceeded);
    assert.throws(() => writer.finish(), /tar writer is broken/);
  });
});
