import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BLOCK_SIZE, TYPEFLAG } from "../../../src/archive/tar-block.ts";
import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { encodeTarHeaderBytes, splitUstarPath } from "../../../src/archive/tar-header-encoder.ts";
import { writeTar } from "../../../src/archive/tar-writer.ts";
import { dockerFile, rawField, textField } from "./tar-test-support.ts";

/** The PAX body that follows the extended header in block 0. */
function paxBody(archive: Uint8Array): string {
  const size = Number.parseInt(textField(archive, 0, "size"), 8);
  return new TextDecoder().decode(archive.subarray(BLOCK_SIZE, BLOCK_SIZE + size));
}

/** The block index of the real header after a PAX header in block 0. */
function mainBlock(archive: Uint8Array): number {
  return 1 + Math.ceil(Number.parseInt(textField(archive, 0, "size"), 8) / BLOCK_SIZE);
}

describe("writeTar: PAX extended headers, as Go writes them for Docker", () => {
  it("writes a non-ASCII name in a PAX record and drops non-ASCII from the header", () => {
    const archive = writeTar([dockerFile("t/ünï/fïle", "u\n")]);
    assert.equal(rawField(archive, 0, "typeflag"), "x");
    assert.equal(textField(archive, 0, "name"), "t/n/PaxHeaders.0/fle");
    assert.equal(paxBody(archive), "22 path=t/ünï/fïle\n");
    assert.equal(textField(archive, mainBlock(archive), "name"), "t/n/fle");
  });

  it("gives the extended header zero mode, ids and mtime, empty names and NUL device fields", () => {
    const archive = writeTar([
      dockerFile("t/big", "b\n", { uid: 123456789, gid: 987654321, uname: "" }),
    ]);
    assert.equal(textField(archive, 0, "name"), "t/PaxHeaders.0/big");
    assert.equal(rawField(archive, 0, "mode"), "0000000\0");
    assert.equal(rawField(archive, 0, "uid"), "0000000\0");
    assert.equal(rawField(archive, 0, "mtime"), "00000000000\0");
    assert.equal(rawField(archive, 0, "uname"), "\0".repeat(32));
    assert.equal(rawField(archive, 0, "devMajor"), "\0".repeat(8));
    assert.equal(rawField(archive, 0, "magic") + rawField(archive, 0, "version"), "ustar\x0000");
    assert.equal(paxBody(archive), "17 gid=987654321\n17 uid=123456789\n");
    const main = mainBlock(archive);
    assert.equal(rawField(archive, main, "uid"), "0000000\0");
    assert.equal(rawField(archive, main, "mode"), "0100644\0");
  });

  it("keeps ids up to 0o7777777 in the header and moves larger ones to PAX", () => {
    const archive = writeTar([dockerFile("e/uidmax", "x\n", { uid: 2097151, gid: 2097152 })]);
    assert.equal(paxBody(archive), "15 gid=2097152\n");
    assert.equal(rawField(archive, mainBlock(archive), "uid"), "7777777\0");
  });

  it("moves a size of 8 GiB or more to PAX and writes 0 in the header", () => {
    const header = encodeTarHeaderBytes({
      name: "huge",
      typeflag: TYPEFLAG.regular,
      mode: 0o100644,
      uid: 0,
      gid: 0,
      uname: "root",
      gname: "root",
      sizeBytes: 8 * 1024 ** 3,
      mtimeSeconds: 0,
      linkname: "",
      devMajor: 0,
      devMinor: 0,
      xattrs: {},
    });
    assert.equal(paxBody(header), "19 size=8589934592\n");
    assert.equal(rawField(header, mainBlock(header), "size"), "00000000000\0");
    assert.equal(header.length, 3 * BLOCK_SIZE);
  });

  it("moves long and non-ASCII owner names and long link targets to PAX, truncating the header", () => {
    const uname = "u".repeat(33);
    const target = `/${"l".repeat(120)}`;
    const archive = writeTar([
      tarEntry({ path: "s", type: "symlink", uname, gname: "grüppe", linkTarget: target }),
    ]);
    assert.equal(paxBody(archive), `17 gname=grüppe\n135 linkpath=${target}\n43 uname=${uname}\n`);
    const main = mainBlock(archive);
    assert.equal(rawField(archive, main, "uname"), "u".repeat(32), "cut to 32 bytes, no NUL");
    assert.equal(textField(archive, main, "gname"), "grppe");
    assert.equal(rawField(archive, main, "linkname"), target.slice(0, 100));
  });

  it("moves mtimes before 1970 or after 2242 to PAX", () => {
    const archive = writeTar([dockerFile("neg", "", { mtimeUs: -99_500_000 })]);
    assert.equal(paxBody(archive), "14 mtime=-100\n", "rounded down to whole seconds");
    assert.equal(rawField(archive, mainBlock(archive), "mtime"), "00000000000\0");
    const future = writeTar([dockerFile("f", "", { mtimeUs: 8 ** 11 * 1_000_000 })]);
    assert.equal(paxBody(future), "20 mtime=8589934592\n");
  });

  it("writes xattrs as sorted SCHILY.xattr records, with the path even when it could be split", () => {
    const path = `h/s/${"q".repeat(60)}/${"r".repeat(60)}`;
    const archive = writeTar([
      dockerFile(path, "x\n", { xattrs: { "user.b": "2", "security.capability": "\x00\x01" } }),
    ]);
    assert.equal(
      paxBody(archive),
      `39 SCHILY.xattr.security.capability=\x00\x01\n25 SCHILY.xattr.user.b=2\n135 path=${path}\n`,
    );
    assert.equal(
      textField(archive, 0, "name"),
      `h/s/${"q".repeat(60)}/PaxHeaders.0/${"r".repeat(22)}`,
    );
    assert.equal(
      rawField(archive, mainBlock(archive), "prefix"),
      "\0".repeat(155),
      "no split under PAX",
    );
  });

  it("cuts a trailing slash from a truncated directory name, in both headers", () => {
    const path = `h/${"a".repeat(97)}/${"b".repeat(120)}`;
    const archive = writeTar([tarEntry({ path, type: "directory" })]);
    assert.equal(textField(archive, 0, "name"), `h/${"a".repeat(97)}`);
    assert.equal(rawField(archive, mainBlock(archive), "name"), `h/${"a".repeat(97)}\0`);
    assert.equal(paxBody(archive), `231 path=${path}/\n`);
  });

  it("names the extended header with Go's path.Join, which resolves .. lexically", () => {
    const archive = writeTar([dockerFile("x/../ü", "")]);
    assert.equal(textField(archive, 0, "name"), "PaxHeaders.0");
    assert.equal(textField(archive, mainBlock(archive), "name"), "x/../");
  });

  it("splits ustar paths only where Go does", () => {
    assert.equal(splitUstarPath("short"), undefined);
    assert.deepEqual(splitUstarPath(`${"p".repeat(155)}/${"n".repeat(100)}`), {
      prefix: "p".repeat(155),
      name: "n".repeat(100),
    });
    assert.equal(splitUstarPath(`${"p".repeat(156)}/n`), undefined, "prefix too long");
    assert.equal(splitUstarPath(`p/${"n".repeat(101)}`), undefined, "name too long");
    assert.equal(splitUstarPath(`/${"n".repeat(100)}`), undefined, "empty prefix");
    assert.equal(splitUstarPath(`é/${"n".repeat(100)}`), undefined, "non-ASCII");
    assert.deepEqual(splitUstarPath(`e/${"a".repeat(99)}/`), {
      prefix: "e",
      name: `${"a".repeat(99)}/`,
    });
  });
});
