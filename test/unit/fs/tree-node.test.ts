import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Node, Superblock } from "@jsonjoy.com/fs-core";
import { contentOf, createNode, newSuperblock, setContent } from "../../../src/fs/tree-node.ts";

describe("tree-node (the memfs adapter)", () => {
  it("makes inodes with exactly the fields fs-core's Node constructor sets, without reading the clock", () => {
    const reference = new Node(1, 0o100644, 0, 0);
    const superblock = new Superblock();
    const node = createNode(superblock, 0o100644);
    assert.equal(Object.getPrototypeOf(node), Node.prototype);
    assert.deepEqual(Object.keys(node), Object.keys(reference));
    assert.equal(superblock.inodes[node.ino], node);
    assert.equal(node.ctime.getTime(), 0);
    assert.equal(node.isFile(), true);
    node.uid = 5;
    assert.equal(node.uid, 5);
  });

  it("swaps content in without copying and reads it back as a view", () => {
    const node = createNode(newSuperblock(0), 0o100644);
    const bytes = new TextEncoder().encode("shared");
    setContent(node, bytes);
    assert.equal(contentOf(node), bytes);
    assert.equal(node.getSize(), 6);
    assert.equal(node.getString(), "shared", "memfs's own readers still work");
  });

  it("gives a fresh tree an empty 0755 root with two links", () => {
    const root = newSuperblock(5_000).root.getNode();
    assert.deepEqual([root.mode, root.nlink, root.mtime.getTime(), root.uid], [0o40755, 2, 5, 0]);
  });
});
