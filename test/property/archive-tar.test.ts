import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { BLOCK_SIZE } from "../../src/archive/tar-block.ts";
import type { TarEntry, TarEntryType } from "../../src/archive/tar-entry.ts";
import { readTar } from "../../src/archive/tar-reader.ts";
import { TarWriter, writeTar } from "../../src/archive/tar-writer.ts";

const segment = fc
  .oneof(
    { weight: 5, arbitrary: fc.stringMatching(/^[a-z0-9._-]{1,12}$/) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{90,200}$/) },
    { weight: 1, arbitrary: fc.constantFrom("..", ".wh.gone", ".wh..wh..opq", "PaxHeaders.0") },
  )
  .filter((s) => s !== "." && !s.includes("/") && !s.includes("\0"));

const path = fc
  .array(segment, { minLength: 1, maxLength: 6 })
  .map((segments) => segments.join("/"));

const name = fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !s.includes("\0"));

const id = fc.oneof(
  fc.integer({ min: 0, max: 65535 }),
  fc.integer({ min: 2097150, max: 2097153 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);

const xattrs = fc.dictionary(
  fc.stringMatching(/^(user|security|trusted)\.[a-zA-Z0-9._-]{1,20}$/),
  fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 64 }),
  { maxKeys: 3, noNullPrototype: true },
);

/** The largest mtime whose microseconds are still a safe integer. */
const MTIME_SECONDS_MAX = Math.floor(Number.MAX_SAFE_INTEGER / 1_000_000);

const TYPES: readonly TarEntryType[] = [
  "file",
  "hardlink",
  "symlink",
  "directory",
  "char",
  "block",
  "fifo",
];

const entry: fc.Arbitrary<TarEntry> = fc
  .record({
    path,
    type: fc.constantFrom(...TYPES),
    mode: fc.integer({ min: 0, max: 0o7777 }),
    uid: id,
    gid: id,
    uname: name,
    gname: name,
    mtimeSeconds: fc.oneof(
      fc.integer({ min: -(2 ** 31), max: MTIME_SECONDS_MAX }),
      fc.constantFrom(0, -1, 8 ** 11 - 1, 8 ** 11, MTIME_SECONDS_MAX),
    ),
    target: fc.oneof(path, name),
    devMajor: fc.integer({ min: 0, max: 0o7777777 }),
    devMinor: fc.integer({ min: 0, max: 0o7777777 }),
    data: fc.uint8Array({ maxLength: 1500 }),
    xattrs,
    fileLinkQuirk: fc.boolean(),
  })
  .map((r) => {
    const isDevice = r.type === "char" || r.type === "block";
    const linkTarget =
      r.type === "symlink" || r.type === "hardlink" || (r.type === "file" && r.fileLinkQuirk)
        ? r.target
        : "";
    return {
      path: r.path,
      type: r.type,
      mode: r.mode,
      uid: r.uid,
      gid: r.gid,
      uname: r.uname,
      gname: r.gname,
      mtimeUs: r.mtimeSeconds * 1_000_000,
      // A hard link's target is an archive path, normalised as `path` is.
      linkTarget: r.type === "hardlink" && linkTarget === "" ? "x" : linkTarget,
      devMajor: isDevice ? r.devMajor : 0,
      devMinor: isDevice ? r.devMinor : 0,
      data: r.type === "file" ? r.data : new Uint8Array(0),
      xattrs: r.xattrs,
    };
  })
  .filter(
    (e) => e.type !== "hardlink" || !e.linkTarget.split("/").some((s) => s === "" || s === "."),
  );

describe("tar codec (properties)", () => {
  it("reads back exactly the entries it wrote", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const archive = writeTar(entries);
        assert.equal(archive.length % BLOCK_SIZE, 0);
        assert.ok(archive.subarray(archive.length - 2 * BLOCK_SIZE).every((byte) => byte === 0));
        const read = readTar(archive);
        assert.equal(read.length, entries.length);
        for (const [i, actual] of read.entries()) assert.deepStrictEqual({ ...actual }, entries[i]);
      }),
      { seed: 20261127, numRuns: 400 },
    );
  });

  it("writes the same bytes every time, in one piece or in chunks, and re-encodes what it reads", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const archive = writeTar(entries);
        assert.deepEqual(writeTar(entries), archive);
        const writer = new TarWriter();
        for (const item of entries) writer.add(item);
        assert.deepEqual(Buffer.concat(writer.finishChunks()), Buffer.from(archive));
        assert.deepEqual(writeTar(readTar(archive)), archive);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("treats mtimes as whole seconds, rounding down like Docker", () => {
    fc.assert(
      fc.property(entry, fc.integer({ min: 0, max: 999_999 }), (item, micros) => {
        fc.pre(Number.isSafeInteger(item.mtimeUs + micros));
        const [read] = readTar(writeTar([{ ...item, mtimeUs: item.mtimeUs + micros }]));
        assert.equal(read?.mtimeUs, item.mtimeUs);
      }),
      { seed: 9, numRuns: 100 },
    );
  });
});
