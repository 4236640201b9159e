import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { gunzip } from "../../../src/archive/gzip.ts";
import type { TarEntry } from "../../../src/archive/tar-entry.ts";
import { readTar } from "../../../src/archive/tar-reader.ts";
import { writeTar } from "../../../src/archive/tar-writer.ts";
import { digestOf } from "../../../src/digest/digest.ts";

const FIXTURES = new URL("../../fixtures/archive/", import.meta.url);
const layers = JSON.parse(readFileSync(new URL("layers.json", FIXTURES), "utf8")) as {
  file: string;
  diffId: string;
}[];

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, FIXTURES)));
}

function byPath(entries: readonly TarEntry[], path: string): TarEntry {
  const entry = entries.find((candidate) => candidate.path === path);
  assert.ok(entry, `no entry ${path}`);
  return entry;
}

/** Index of the first differing byte, for a readable failure. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe("layer tars recorded from real Docker", () => {
  assert.equal(layers.length, 9);
  for (const { file, diffId } of layers) {
    it(`${file}: re-encodes byte for byte, so the diffID matches Docker's`, () => {
      const original = fixture(file);
      assert.equal(digestOf(original), diffId, "fixture is intact");
      const rewritten = writeTar(readTar(original));
      assert.equal(firstDifference(rewritten, original), -1);
      assert.equal(digestOf(rewritten), diffId);
    });
  }

  it("basic: reads every entry type with Docker's fields", () => {
    const entries = readTar(fixture("basic.layer.tar"));
    assert.deepEqual(
      entries.map((entry) => `${entry.type} ${entry.path}`),
      [
        "directory t",
        "block t/blk",
        "directory t/d",
        "file t/d/f.txt",
        "file t/d/gone",
        "hardlink t/d/hard",
        "symlink t/d/link",
        "directory t/d/sub",
        "file t/d/sub/old",
        "fifo t/fifo",
        "directory t/keep",
        "char t/null",
        "file t/pad.txt",
      ],
    );
    const file = byPath(entries, "t/d/f.txt");
    assert.equal(new TextDecoder().decode(file.data), "hello\n");
    assert.equal(file.mode, 0o640);
    assert.equal(file.mtimeUs, 1_700_000_000_000_000);
    assert.equal(file.uname, "root");
    assert.equal(byPath(entries, "t/d/hard").linkTarget, "t/d/f.txt");
    assert.equal(byPath(entries, "t/d/link").linkTarget, "f.txt");
    assert.deepEqual(
      [byPath(entries, "t/null").devMajor, byPath(entries, "t/null").devMinor],
      [1, 3],
    );
    assert.equal(byPath(entries, "t/blk").devMajor, 7);
    assert.equal(byPath(entries, "t/pad.txt").mode, 0o4755);
    assert.equal(byPath(entries, "t/pad.txt").data.length, 3950);
    const keep = byPath(entries, "t/keep");
    assert.deepEqual([keep.mode, keep.uid, keep.gid], [0o1777, 1000, 1000]);
  });

  it("whiteouts and opaque markers are plain files with Docker's modes", () => {
    const entries = readTar(fixture("whiteout-opaque.layer.tar"));
    const whiteout = byPath(entries, "t/d/.wh.gone");
    assert.deepEqual([whiteout.type, whiteout.mode, whiteout.data.length], ["file", 0o600, 0]);
    const opaque = byPath(entries, "t/d/sub/.wh..wh..opq");
    assert.deepEqual([opaque.type, opaque.mode, opaque.mtimeUs], ["file", 0o755, 0]);
    const linked = readTar(fixture("whiteouts-shared-inode.layer.tar"));
    assert.equal(byPath(linked, "w/.wh.ünï").linkTarget, "w/plain");
    assert.equal(byPath(linked, "w/.wh.ünï").type, "file");
  });

  it("long, non-ASCII and big-id fields come from the PAX records", () => {
    const entries = readTar(fixture("long-unicode-biguid.layer.tar"));
    const big = byPath(entries, "t/big");
    assert.deepEqual([big.uid, big.gid, big.uname], [123456789, 987654321, ""]);
    assert.ok(entries.some((entry) => entry.path === "t/ünï/fïle"));
    const deep = entries.find((entry) => entry.path.endsWith("/deep.txt"));
    assert.equal(deep?.path.length, 4 + 3 * 121 + 8);
    const link = byPath(entries, "t/longlink");
    assert.equal(link.linkTarget, `/${deep?.path}`);
    const edge = readTar(fixture("edge-fields.layer.tar"));
    assert.equal(byPath(edge, "e/neg").mtimeUs, -100_000_000);
    assert.equal(byPath(edge, "e/future").mtimeUs, 9_000_000_000_000_000);
    assert.equal(byPath(edge, "e/sym").linkTarget, "ünï/tärget");
  });

  it("keeps binary xattr values byte for byte", () => {
    const entries = readTar(fixture("xattr-capability.layer.tar"));
    const capability = byPath(entries, "t/x/capfile").xattrs["security.capability"];
    assert.equal(capability, "\x00\x00\x00\x02\x00\x04" + "\x00".repeat(14));
  });

  for (const name of ["basic", "long-unicode-biguid"]) {
    it(`gunzips the blob Docker pushed for ${name} to the recorded layer`, () => {
      const layer = gunzip(fixture(`${name}.layer.tar.gz`), { sizeBytesMax: 1 << 20 });
      assert.equal(firstDifference(layer, fixture(`${name}.layer.tar`)), -1);
    });
  }
});
