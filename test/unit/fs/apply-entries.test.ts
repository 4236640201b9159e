import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type TarEntry, tarEntry } from "../../../src/archive/tar-entry.ts";
import { applyEntries, flatten, treeFromEntries } from "../../../src/fs/apply-entries.ts";
import { exportEntries } from "../../../src/fs/export-entries.ts";
import { diffEntries } from "../../../src/fs/layer-diff.ts";
import type { LayerTree } from "../../../src/fs/layer-tree.ts";
import { fixtureLayer, readable, text } from "./fs-fixtures.ts";

const dir = (path: string, fields: Partial<TarEntry> = {}) =>
  tarEntry({ path, type: "directory", ...fields });
const file = (path: string, content: string, fields: Partial<TarEntry> = {}) =>
  tarEntry({ path, type: "file", data: text(content), ...fields });
const whiteout = (path: string) => tarEntry({ path, type: "file", mode: 0o600 });

function base(): LayerTree {
  return flatten(
    [
      [
        dir("a", { mode: 0o700, mtimeUs: 5_000_000 }),
        file("a/one", "1"),
        file("a/two", "2"),
        dir("a/sub"),
        file("a/sub/x", "x"),
        file("b", "b"),
      ],
    ],
    { nowUs: 1_000_000 },
  );
}

describe("applyEntries (ApplyLayer semantics)", () => {
  it("deletes whole subtrees on whiteouts and keeps only this layer's children under an opaque marker", () => {
    const tree = base();
    applyEntries(
      tree,
      [file("a/three", "3"), whiteout("a/.wh..wh..opq"), file("a/four", "4"), whiteout(".wh.b")],
      { nowUs: 2_000_000 },
    );
    assert.deepEqual(tree.readdir("/"), ["a"]);
    assert.deepEqual(tree.readdir("/a"), ["four", "three"]);
    applyEntries(tree, [whiteout("a/.wh.four"), whiteout(".wh.nothing")], { nowUs: 2_000_000 });
    assert.deepEqual(tree.readdir("/a"), ["three"]);
  });

  it("replaces entries, except that a directory over a directory keeps its children", () => {
    const tree = base();
    applyEntries(
      tree,
      [
        dir("a", { mode: 0o755, uid: 3, mtimeUs: 7_000_000 }),
        file("a/sub", "now a file"),
        dir("b"),
        file("b/in", ""),
      ],
      { nowUs: 2_000_000 },
    );
    const a = tree.lstat("/a");
    assert.deepEqual([a.perm, a.uid, a.mtimeUs], [0o755, 3, 7_000_000]);
    assert.deepEqual(tree.readdir("/a"), ["one", "sub", "two"]);
    assert.deepEqual(tree.readFile("/a/sub"), text("now a file"));
    assert.deepEqual(tree.readdir("/b"), ["in"]);
  });

  it("creates missing parents as 0755 root directories at the extraction time, and keeps listed parents' times", () => {
    const tree = base();
    applyEntries(tree, [file("x/y/z", "z", { mtimeUs: 9_000_000 }), file("a/new", "")], {
      nowUs: 3_000_000,
    });
    const x = tree.lstat("/x/y");
    assert.deepEqual([x.perm, x.uid, x.mtimeUs], [0o755, 0, 3_000_000]);
    assert.equal(tree.lstat("/a").mtimeUs, 5_000_000);
  });

  it("links to earlier entries, in this layer or below, sharing the inode", () => {
    const tree = base();
    applyEntries(
      tree,
      [
        file("c", "c"),
        tarEntry({ path: "c2", type: "hardlink", linkTarget: "c" }),
        tarEntry({ path: "b2", type: "hardlink", linkTarget: "b" }),
      ],
      { nowUs: 1 },
    );
    assert.equal(tree.lstat("/c2").ino, tree.lstat("/c").ino);
    assert.equal(tree.lstat("/b").nlink, 2);
  });

  it("follows symlinks on the way inside the root, as a chrooted extraction does", () => {
    const tree = base();
    applyEntries(
      tree,
      [tarEntry({ path: "l", type: "symlink", linkTarget: "/a/sub" }), file("l/via", "v")],
      { nowUs: 1 },
    );
    assert.deepEqual(tree.readFile("/a/sub/via"), text("v"));
    assert.equal(tree.lstat("/l").type, "symlink");
  });

  it("applies the root's own entry to the root directory", () => {
    const tree = base();
    applyEntries(tree, [dir("", { mode: 0o711, mtimeUs: 8_000_000 })], { nowUs: 1 });
    assert.deepEqual([tree.lstat("/").perm, tree.lstat("/").mtimeUs], [0o711, 8_000_000]);
  });
});

describe("treeFromEntries (a layer's own tree)", () => {
  it("keeps whiteouts as markers and flags opaque and implied directories, and is sealed", () => {
    const tree = treeFromEntries(
      [dir("a"), whiteout("a/.wh..wh..opq"), whiteout("a/.wh.gone"), file("x/y", "")],
      { nowUs: 4_000_000 },
    );
    assert.equal(tree.sealed, true);
    assert.equal(tree.lstat("/a").opaque, true);
    assert.equal(tree.lstat("/a/gone").type, "whiteout");
    assert.equal(tree.lstat("/x").mtimeUs, 4_000_000);
  });

  it("writes back the same entries for a layer dockerd exported, whiteout links included", () => {
    for (const name of ["probe1-run", "probe2-run", "probe1-base"]) {
      const layer = fixtureLayer(name);
      const owners = {
        users: new Map([
          [0, "root"],
          [1000, "cloudsdk"],
          [5, "games"],
          [7, "lp"],
        ]),
        groups: new Map([
          [0, "root"],
          [6, "disk"],
          [8, "mail"],
        ]),
      };
      assert.deepEqual(
        readable(diffEntries(treeFromEntries(layer, { nowUs: 0 }), { owners })),
        readable(layer),
        name,
      );
    }
  });

  it("shares file bytes with the entries instead of copying them", () => {
    const data = text("shared");
    const tree = treeFromEntries([tarEntry({ path: "f", type: "file", data })], { nowUs: 0 });
    const out = diffEntries(tree)[0]!;
    assert.equal(out.data.buffer, data.buffer);
  });

  it("exports a flattened tree with hard links as links to the first path", () => {
    const tree = base();
    tree.link("/b", "/a/b-link", { nowUs: 1 });
    const entries = exportEntries(tree).map(
      (entry) => `${entry.type} ${entry.path} ${entry.linkTarget}`,
    );
    assert.deepEqual(entries, [
      "directory a ",
      "file a/b-link ",
      "file a/one ",
      "directory a/sub ",
      "file a/sub/x ",
      "file a/two ",
      "hardlink b a/b-link",
    ]);
  });
});
