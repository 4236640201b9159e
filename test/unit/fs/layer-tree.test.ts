import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AssertionError } from "../../../src/errors/assert.ts";
import { FsError } from "../../../src/errors/fs-error.ts";
import { LimitExceededError } from "../../../src/errors/limit-exceeded-error.ts";
import { LayerTree } from "../../../src/fs/layer-tree.ts";
import { text } from "./fs-fixtures.ts";

const at = (nowUs: number) => ({ nowUs });
const errno = (code: string) => (error: unknown) =>
  error instanceof FsError && error.errno === code;

function sample(): LayerTree {
  const tree = new LayerTree({ nowUs: 1_000 });
  tree.mkdirp("/a/b", at(2_000));
  tree.writeFile("/a/b/f", text("hello"), { nowUs: 3_000, mode: 0o640, uid: 7, gid: 8 });
  return tree;
}

describe("LayerTree", () => {
  it("creates entries with the given metadata and the caller's time", () => {
    const tree = sample();
    const info = tree.lstat("/a/b/f");
    assert.deepEqual(
      {
        type: info.type,
        mode: info.mode,
        perm: info.perm,
        uid: info.uid,
        gid: info.gid,
        size: info.sizeBytes,
        mtimeUs: info.mtimeUs,
      },
      { type: "file", mode: 0o100640, perm: 0o640, uid: 7, gid: 8, size: 5, mtimeUs: 3_000 },
    );
    assert.equal(tree.lstat("/a/b").mtimeUs, 3_000, "adding an entry sets the directory's mtime");
    assert.equal(tree.lstat("/a").mtimeUs, 2_000);
    assert.equal(tree.lstat("/").type, "directory");
    assert.deepEqual(tree.readdir("/a/b"), ["f"]);
  });

  it("rounds microsecond times down to the millisecond (memfs keeps a Date)", () => {
    const tree = new LayerTree({ nowUs: 0 });
    tree.writeFile("/f", text(""), at(1_234_567));
    assert.equal(tree.lstat("/f").mtimeUs, 1_234_000);
  });

  it("counts directory links as Linux does", () => {
    const tree = sample();
    tree.mkdir("/a/c", at(4_000));
    assert.equal(tree.lstat("/").nlink, 3);
    assert.equal(tree.lstat("/a").nlink, 4);
    assert.equal(tree.lstat("/a/c").nlink, 2);
  });

  it("keeps one inode behind hard links, shared content and nlink", () => {
    const tree = sample();
    tree.link("/a/b/f", "/g", at(5_000));
    assert.equal(tree.lstat("/g").nlink, 2);
    assert.equal(tree.lstat("/g").ino, tree.lstat("/a/b/f").ino);
    tree.writeFile("/g", text("changed"), at(6_000));
    assert.deepEqual(tree.readFile("/a/b/f"), text("changed"));
    tree.unlink("/a/b/f", at(7_000));
    assert.equal(tree.lstat("/g").nlink, 1);
    assert.throws(() => tree.link("/a", "/dirlink", at(8_000)), errno("EPERM"));
  });

  it("appends, truncates, and refuses O_EXCL on an existing file", () => {
    const tree = sample();
    tree.writeFile("/a/b/f", text(" world"), { nowUs: 9_000, append: true });
    assert.deepEqual(tree.readFile("/a/b/f"), text("hello world"));
    assert.equal(tree.lstat("/a/b/f").perm, 0o640, "rewriting keeps the mode");
    assert.throws(
      () => tree.writeFile("/a/b/f", text("x"), { nowUs: 1, exclusive: true }),
      errno("EEXIST"),
    );
    const copy = tree.readFile("/a/b/f");
    copy[0] = 0;
    assert.deepEqual(tree.readFile("/a/b/f"), text("hello world"), "readFile returns a copy");
  });

  it("reports POSIX errors", () => {
    const tree = sample();
    assert.throws(() => tree.lstat("/missing"), errno("ENOENT"));
    assert.throws(() => tree.lstat("/a/b/f/x"), errno("ENOTDIR"));
    assert.throws(() => tree.mkdir("/a", at(1)), errno("EEXIST"));
    assert.throws(() => tree.readFile("/a"), errno("EISDIR"));
    assert.throws(() => tree.writeFile("/a", text(""), at(1)), errno("EISDIR"));
    assert.throws(() => tree.rmdir("/a", at(1)), errno("ENOTEMPTY"));
    assert.throws(() => tree.rmdir("/a/b/f", at(1)), errno("ENOTDIR"));
    assert.throws(() => tree.unlink("/a", at(1)), errno("EISDIR"));
    assert.throws(() => tree.rm("/a", at(1)), errno("EISDIR"));
    assert.throws(() => tree.rmdir("/", at(1)), errno("EBUSY"));
    assert.throws(() => tree.readlink("/a"), errno("EINVAL"));
    assert.throws(() => tree.chmod("/a", 0o10000, at(1)), errno("EINVAL"));
    assert.throws(() => tree.lstat(""), errno("ENOENT"));
    assert.throws(() => tree.lstat(`/${"n".repeat(256)}`), errno("ENAMETOOLONG"));
    assert.equal(
      new FsError("ENOENT", "open", "/x").goMessage,
      "open /x: no such file or directory",
    );
  });

  it("renames with rename(2)'s rules", () => {
    const tree = sample();
    tree.mkdir("/d", at(10_000));
    tree.writeFile("/d/x", text("x"), at(10_000));
    assert.throws(() => tree.rename("/a", "/a/b/inside", at(1)), errno("EINVAL"));
    assert.throws(() => tree.rename("/a", "/d", at(1)), errno("ENOTEMPTY"));
    assert.throws(() => tree.rename("/d/x", "/a", at(1)), errno("EISDIR"));
    assert.throws(() => tree.rename("/a", "/d/x", at(1)), errno("ENOTDIR"));
    tree.rename("/d/x", "/a/b/f", at(11_000));
    assert.deepEqual(tree.readFile("/a/b/f"), text("x"));
    assert.deepEqual(tree.readdir("/d"), []);
    tree.rename("/a", "/d", at(12_000));
    assert.deepEqual(tree.readdir("/"), ["d"]);
    assert.deepEqual(tree.readdir("/d/b"), ["f"]);
    assert.equal(tree.lstat("/").mtimeUs, 12_000);
  });

  it("removes whole trees and accounts for entries and bytes", () => {
    const tree = sample();
    tree.link("/a/b/f", "/keep", at(1));
    assert.equal(tree.store.entryCount, 4);
    assert.equal(tree.store.totalBytes, 5);
    tree.rm("/a", { nowUs: 13_000, recursive: true });
    assert.deepEqual(tree.readdir("/"), ["keep"]);
    assert.equal(tree.lstat("/keep").nlink, 1);
    assert.equal(tree.store.entryCount, 1);
    assert.equal(tree.store.totalBytes, 5, "the inode lives on through its other link");
    tree.rm("/keep", at(14_000));
    assert.equal(tree.store.totalBytes, 0);
    tree.rm("/missing", { nowUs: 1, force: true });
  });

  it("changes metadata: chmod, chown, lchown, utimes, lutimes", () => {
    const tree = sample();
    tree.symlink("a/b/f", "/l", at(15_000));
    tree.chmod("/l", 0o4755, at(16_000));
    assert.equal(tree.lstat("/a/b/f").perm, 0o4755);
    assert.equal(tree.lstat("/a/b/f").mtimeUs, 3_000, "chmod leaves mtime alone");
    tree.chown("/l", { nowUs: 1, uid: 1, followSymlinks: false });
    assert.equal(tree.lstat("/l").uid, 1);
    assert.equal(tree.lstat("/a/b/f").uid, 7);
    tree.utimes("/l", { nowUs: 1, mtimeUs: 42_000 });
    tree.utimes("/l", { nowUs: 1, mtimeUs: 43_000, followSymlinks: false });
    assert.equal(tree.lstat("/a/b/f").mtimeUs, 42_000);
    assert.equal(tree.lstat("/l").mtimeUs, 43_000);
    assert.equal(tree.lstat("/l").sizeBytes, 5);
    tree.mknod("/dev0", { nowUs: 1, type: "char", devMajor: 1, devMinor: 3 });
    const device = tree.lstat("/dev0");
    assert.deepEqual(
      [device.type, device.devMajor, device.devMinor, device.mode],
      ["char", 1, 3, 0o020644],
    );
  });

  it("is read-only for good once sealed", () => {
    const tree = sample();
    tree.seal();
    assert.throws(() => tree.writeFile("/x", text(""), at(1)), AssertionError);
    assert.throws(() => tree.mkdir("/x", at(1)), AssertionError);
    assert.deepEqual(tree.readFile("/a/b/f"), text("hello"));
    const copy = tree.clone();
    copy.writeFile("/x", text(""), at(1));
    assert.equal(tree.exists("/x"), false);
  });

  it("clones deeply, keeping inode numbers and hard links, sharing bytes", () => {
    const tree = sample();
    tree.link("/a/b/f", "/g", at(1));
    const copy = tree.clone();
    assert.equal(copy.lstat("/g").ino, tree.lstat("/g").ino);
    assert.equal(copy.lstat("/g").nlink, 2);
    copy.writeFile("/g", text("copy"), at(2));
    assert.deepEqual(copy.readFile("/a/b/f"), text("copy"));
    assert.deepEqual(tree.readFile("/a/b/f"), text("hello"));
    copy.writeFile("/new", text(""), at(3));
    tree.writeFile("/new", text(""), at(3));
    assert.equal(copy.lstat("/new").ino, tree.lstat("/new").ino, "the inode counter is copied too");
  });

  it("enforces its limits with LimitExceededError", () => {
    const tree = new LayerTree({ nowUs: 0, limits: { entryCountMax: 2, totalBytesMax: 10 } });
    tree.writeFile("/a", text("12345"), at(1));
    assert.throws(() => tree.writeFile("/a", text("12345678901"), at(1)), LimitExceededError);
    assert.deepEqual(tree.readFile("/a"), text("12345"));
    tree.mkdir("/d", at(1));
    assert.throws(() => tree.mkdir("/e", at(1)), LimitExceededError);
    assert.deepEqual(tree.readdir("/"), ["a", "d"]);
  });
});

describe("mkdirp", () => {
  it("walks through symlinks to directories and refuses a dangling one, as mkdir -p does", () => {
    const tree = sample();
    tree.symlink("/a", "/to-a", at(1));
    tree.mkdirp("/to-a/new/deeper", at(2));
    assert.equal(tree.stat("/a/new/deeper").type, "directory");
    tree.symlink("/nowhere", "/dangling", at(1));
    assert.throws(() => tree.mkdirp("/dangling", at(3)), errno("EEXIST"));
    assert.throws(() => tree.mkdirp("/a/b/f/x", at(3)), errno("ENOTDIR"));
    assert.throws(() => tree.mkdirp("/a/b/f", at(3)), errno("EEXIST"));
    assert.equal(tree.exists("/nowhere"), false);
  });
});
