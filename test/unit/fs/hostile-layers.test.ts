import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type TarEntry, tarEntry } from "../../../src/archive/tar-entry.ts";
import { LimitExceededError } from "../../../src/errors/limit-exceeded-error.ts";
import { UnsafePathError } from "../../../src/errors/unsafe-path-error.ts";
import { applyEntries, flatten, treeFromEntries } from "../../../src/fs/apply-entries.ts";
import { exportEntries } from "../../../src/fs/export-entries.ts";
import { LayerApplyError } from "../../../src/fs/layer-apply-error.ts";
import type { LayerTree } from "../../../src/fs/layer-tree.ts";
import { readable, text } from "./fs-fixtures.ts";

const file = (path: string, content = "x") => tarEntry({ path, type: "file", data: text(content) });
const symlink = (path: string, linkTarget: string) =>
  tarEntry({ path, type: "symlink", linkTarget });
const hardlink = (path: string, linkTarget: string) =>
  tarEntry({ path, type: "hardlink", linkTarget });

function victim(): LayerTree {
  return flatten(
    [
      [
        tarEntry({ path: "etc", type: "directory" }),
        file("etc/passwd", "root:x:0:0"),
        symlink("up", "../.."),
      ],
    ],
    { nowUs: 1 },
  );
}

/**
 * Applies a hostile layer, checks the error class, and that the tree did not change at all; then
 * checks that the layer alone is refused as well, unless it relies on the victim's own symlink.
 */
function rejects(
  entries: TarEntry[],
  expected: new (...args: never[]) => Error,
  message?: RegExp,
  alone = true,
): void {
  const tree = victim();
  const before = readable(exportEntries(tree));
  const entryCount = tree.store.entryCount;
  assert.throws(
    () => applyEntries(tree, entries, { nowUs: 2, limits: { entryCountMax: 1000, depthMax: 16 } }),
    (error: unknown) => {
      assert.ok(error instanceof expected, `got ${String(error)}`);
      if (message !== undefined) assert.match((error as Error).message, message);
      return true;
    },
  );
  assert.deepEqual(readable(exportEntries(tree)), before);
  assert.equal(tree.store.entryCount, entryCount);
  if (alone)
    assert.throws(
      () => treeFromEntries(entries, { nowUs: 2, limits: { entryCountMax: 1000, depthMax: 16 } }),
      expected,
    );
}

describe("hostile layers", () => {
  it("rejects `..` escapes and absolute paths, in names and hard-link targets", () => {
    rejects(
      [file("ok"), file("../escape")],
      UnsafePathError,
      /"\.\.\/escape" escapes the extraction root/,
    );
    rejects([file("a/../../escape")], UnsafePathError);
    rejects([file("/etc/passwd")], UnsafePathError, /absolute/);
    rejects([file("ok"), hardlink("pw", "../../etc/passwd")], UnsafePathError, /hard link target/);
    rejects([hardlink("pw", "/etc/passwd")], UnsafePathError);
    rejects([file("a\0b")], UnsafePathError);
  });

  it("refuses to write through a symlink that leads above the root", () => {
    rejects(
      [file("ok"), symlink("a", "/../../etc"), file("a/passwd", "owned")],
      UnsafePathError,
      /through a symlink/,
    );
    rejects([symlink("rel", "../../../etc"), file("rel/passwd")], UnsafePathError);
    rejects([file("up/etc/passwd")], UnsafePathError, /"up\/etc\/passwd"/, false);
    rejects([hardlink("pw", "up/etc/passwd")], UnsafePathError, undefined, false);
    rejects([symlink("a", "/../x"), tarEntry({ path: "a/.wh.y", type: "file" })], UnsafePathError);
  });

  it("lets a symlink that stays inside the root be followed, as chroot would", () => {
    const tree = victim();
    applyEntries(tree, [symlink("a", "/etc"), file("a/shadow", "s")], { nowUs: 2 });
    assert.deepEqual(tree.readFile("/etc/shadow"), text("s"));
  });

  it("rejects hard links to nothing, to directories, and entries that would replace the root", () => {
    rejects(
      [file("ok"), hardlink("pw", "missing")],
      LayerApplyError,
      /entry 1 "pw": hard link target "missing" not found/,
    );
    rejects([hardlink("d", "etc")], LayerApplyError, /cannot point at a directory/, false);
    rejects([tarEntry({ path: "", type: "file" })], LayerApplyError, /cannot replace the root/);
    rejects([file("ok"), file("ok/under")], LayerApplyError, /not a directory/);
    rejects([tarEntry({ path: ".wh..", type: "file" })], LayerApplyError, /invalid whiteout/);
  });

  it("enforces entry count, size and depth limits before writing anything", () => {
    const many = Array.from({ length: 1001 }, (_, index) => file(`f${index}`));
    rejects(many, LimitExceededError, /layer entry count exceeds the limit of 1000/);
    rejects(
      [`${"d/".repeat(16)}f`].map((path) => file(path)),
      LimitExceededError,
      /depth/,
    );
    const tree = victim();
    assert.throws(
      () =>
        applyEntries(tree, [file("big", "0123456789")], { nowUs: 1, limits: { totalBytesMax: 9 } }),
      LimitExceededError,
    );
    const small = flatten([], { nowUs: 0, treeLimits: { entryCountMax: 3 } });
    assert.throws(
      () => applyEntries(small, [file("a"), file("b"), file("c"), file("d")], { nowUs: 1 }),
      LimitExceededError,
    );
    assert.deepEqual(small.readdir("/"), []);
  });

  it("handles a layer of 100,000 entries within the default limits", () => {
    const entries = Array.from({ length: 100_000 }, (_, index) =>
      file(`d${index % 100}/f${index}`),
    );
    const tree = treeFromEntries(entries, { nowUs: 0 });
    assert.equal(tree.store.entryCount, 100_100);
  });
});
