import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type TarEntry, tarEntry } from "../../../src/archive/tar-entry.ts";
import { AssertionError } from "../../../src/errors/assert.ts";
import { FsError } from "../../../src/errors/fs-error.ts";
import { treeFromEntries } from "../../../src/fs/apply-entries.ts";
import { LayerTree } from "../../../src/fs/layer-tree.ts";
import { OverlayFs } from "../../../src/fs/overlay-fs.ts";
import { text } from "./fs-fixtures.ts";

const at = (nowUs: number) => ({ nowUs });
const errno = (code: string) => (error: unknown) =>
  error instanceof FsError && error.errno === code;
const dir = (path: string, fields: Partial<TarEntry> = {}) =>
  tarEntry({ path, type: "directory", ...fields });
const file = (path: string, content: string, fields: Partial<TarEntry> = {}) =>
  tarEntry({ path, type: "file", data: text(content), ...fields });

/** Three layers: a base, a layer that deletes and makes /d opaque, and a top layer. */
function stack(): OverlayFs {
  const base = treeFromEntries(
    [
      dir("etc", { mtimeUs: 1_000_000 }),
      file("etc/passwd", "root", { mode: 0o600, uid: 0, mtimeUs: 1_000_000 }),
      file("etc/group", "root", { mtimeUs: 1_000_000 }),
      dir("d", { mode: 0o700, mtimeUs: 1_000_000 }),
      file("d/old", "old"),
      dir("usr"),
      dir("usr/lib"),
      file("usr/lib/libc", "libc"),
      tarEntry({ path: "lib", type: "symlink", linkTarget: "usr/lib" }),
    ],
    { nowUs: 0 },
  );
  const middle = treeFromEntries(
    [
      dir("etc", { mtimeUs: 2_000_000 }),
      tarEntry({ path: "etc/.wh.group", type: "file" }),
      dir("d"),
      tarEntry({ path: "d/.wh..wh..opq", type: "file" }),
      file("d/new", "new"),
    ],
    { nowUs: 0 },
  );
  const top = treeFromEntries([file("usr/bin/tool", "tool", { mode: 0o755, mtimeUs: 5_000_000 })], {
    nowUs: 9_000_000,
  });
  return new OverlayFs({ lowers: [base, middle, top], nowUs: 10_000_000 });
}

describe("OverlayFs lookups", () => {
  it("merges directories down the stack; whiteouts and opaque directories hide what is below", () => {
    const fs = stack();
    assert.deepEqual(fs.readdir("/"), ["d", "etc", "lib", "usr"]);
    assert.deepEqual(fs.readdir("/etc"), ["passwd"]);
    assert.throws(() => fs.lstat("/etc/group"), errno("ENOENT"));
    assert.deepEqual(fs.readdir("/d"), ["new"]);
    assert.throws(() => fs.readFile("/d/old"), errno("ENOENT"));
    assert.deepEqual(fs.readdir("/usr"), ["bin", "lib"]);
    assert.deepEqual(
      fs.readFile("/lib/libc"),
      text("libc"),
      "a lower symlink resolves on the merged view",
    );
  });

  it("shows the metadata of a directory a layer implied from the layer below", () => {
    const fs = stack();
    // The top layer has usr/bin/tool but no usr entry: usr keeps the base layer's metadata.
    assert.equal(fs.lstat("/usr").mtimeUs, 0);
    assert.equal(
      fs.lstat("/usr/bin").mtimeUs,
      9_000_000,
      "bin exists only as implied: its own metadata",
    );
    assert.equal(fs.lstat("/d").perm, 0o755, "the middle layer lists d itself");
  });

  it("reports nlink 1 for merged directories and distinct inode numbers across layers", () => {
    const fs = stack();
    assert.equal(fs.lstat("/etc").nlink, 1);
    assert.equal(fs.lstat("/usr/lib").nlink, 2, "a directory of one layer keeps its count");
    const inos = ["/etc/passwd", "/d/new", "/usr/bin/tool", "/usr/lib/libc"].map(
      (path) => fs.lstat(path).ino,
    );
    assert.equal(new Set(inos).size, inos.length);
  });

  it("requires sealed lower layers and at most 127 of them", () => {
    assert.throws(
      () => new OverlayFs({ lowers: [new LayerTree({ nowUs: 0 })], nowUs: 0 }),
      AssertionError,
    );
  });
});

describe("OverlayFs writes", () => {
  it("copies a file up on write, keeping mode and owner and sharing nothing with the lower layer", () => {
    const fs = stack();
    const lower = fs.lowers[0]!;
    fs.writeFile("/etc/passwd", text("changed"), at(20_000_000));
    assert.deepEqual(fs.readFile("/etc/passwd"), text("changed"));
    assert.deepEqual(lower.readFile("/etc/passwd"), text("root"));
    const info = fs.lstat("/etc/passwd");
    assert.deepEqual([info.perm, info.uid, info.mtimeUs], [0o600, 0, 20_000_000]);
    assert.deepEqual(fs.upper.readdir("/"), ["etc"]);
    assert.equal(fs.upper.lstat("/etc").mtimeUs, 2_000_000, "copy-up keeps the parent's mtime");
  });

  it("copies up on chmod, chown and utimes without touching mtime otherwise", () => {
    const fs = stack();
    fs.chmod("/usr/lib/libc", 0o700, at(20_000_000));
    fs.chown("/lib", { nowUs: 20_000_000, uid: 5, followSymlinks: false });
    assert.equal(fs.lstat("/usr/lib/libc").perm, 0o700);
    assert.equal(fs.lstat("/usr/lib/libc").mtimeUs, 0);
    assert.equal(fs.lstat("/lib").uid, 5);
    assert.equal(fs.upper.lstat("/lib").type, "symlink");
    fs.utimes("/etc", { nowUs: 1, mtimeUs: 77_000 });
    assert.equal(fs.lstat("/etc").mtimeUs, 77_000);
    assert.equal(fs.lowers[1]!.lstat("/etc").mtimeUs, 2_000_000);
  });

  it("leaves a whiteout when a lower entry is deleted, none for an upper-only one", () => {
    const fs = stack();
    fs.unlink("/etc/passwd", at(30_000_000));
    fs.writeFile("/etc/tmp", text(""), at(30_000_000));
    fs.unlink("/etc/tmp", at(30_000_000));
    assert.deepEqual(fs.readdir("/etc"), []);
    assert.deepEqual(fs.upper.readdir("/etc"), ["passwd"]);
    assert.equal(fs.upper.lstat("/etc/passwd").type, "whiteout");
    fs.writeFile("/etc/passwd", text("again"), at(31_000_000));
    assert.equal(fs.upper.lstat("/etc/passwd").type, "file", "a new file replaces the whiteout");
  });

  it("links deletion whiteouts to one inode, unless told not to", () => {
    const shared = stack();
    shared.unlink("/etc/passwd", at(1));
    shared.rm("/usr", { nowUs: 2, recursive: true });
    assert.equal(shared.upper.lstat("/usr").ino, shared.upper.lstat("/etc/passwd").ino);
    assert.equal(shared.upper.lstat("/usr").nlink, 2);
    assert.equal(
      shared.upper.lstat("/usr").mtimeUs,
      0,
      "the shared whiteout keeps the first deletion's time",
    );
    const lowers = stack().lowers;
    const separate = new OverlayFs({ lowers, nowUs: 0, sharedWhiteouts: false });
    separate.unlink("/etc/passwd", at(1));
    separate.rm("/usr", { nowUs: 2, recursive: true });
    assert.notEqual(separate.upper.lstat("/usr").ino, separate.upper.lstat("/etc/passwd").ino);
  });

  it("makes a directory opaque when it is created where a lower one was deleted", () => {
    const fs = stack();
    fs.rm("/usr", { nowUs: 40_000_000, recursive: true });
    assert.throws(() => fs.readdir("/usr"), errno("ENOENT"));
    fs.mkdir("/usr", at(41_000_000));
    assert.deepEqual(fs.readdir("/usr"), []);
    assert.equal(fs.upper.lstat("/usr").opaque, true);
    assert.throws(() => fs.rmdir("/etc", at(1)), errno("ENOTEMPTY"));
    fs.unlink("/etc/passwd", at(1));
    fs.rmdir("/etc", at(1));
    assert.equal(fs.exists("/etc"), false);
  });

  it("renames files (whiteout of its own at the old name) and refuses lower directories with EXDEV", () => {
    const fs = stack();
    fs.rename("/usr/lib/libc", "/etc/libc", at(50_000_000));
    assert.deepEqual(fs.readFile("/etc/libc"), text("libc"));
    assert.equal(fs.upper.lstat("/usr/lib/libc").type, "whiteout");
    assert.equal(fs.upper.lstat("/usr/lib/libc").nlink, 1);
    assert.throws(() => fs.rename("/usr", "/usr2", at(1)), errno("EXDEV"));
    fs.mkdirp("/new/dir", at(1));
    fs.rename("/new", "/newer", at(1));
    assert.deepEqual(fs.readdir("/newer"), ["dir"]);
    assert.throws(() => fs.rename("/newer", "/newer/dir/x", at(1)), errno("EINVAL"));
  });

  it("makes a renamed directory opaque when it lands on an emptied lower directory", () => {
    const fs = stack();
    fs.unlink("/d/new", at(1));
    fs.mkdirp("/x/inner", at(1));
    fs.rename("/x", "/d", at(2));
    assert.deepEqual(fs.readdir("/d"), ["inner"]);
    assert.equal(fs.upper.lstat("/d").opaque, true);
  });

  it("hard-links a lower file by copying it up first", () => {
    const fs = stack();
    fs.link("/etc/passwd", "/etc/passwd2", at(60_000_000));
    assert.equal(fs.lstat("/etc/passwd2").nlink, 2);
    assert.equal(fs.lstat("/etc/passwd").ino, fs.lstat("/etc/passwd2").ino);
    assert.equal(fs.lowers[0]!.lstat("/etc/passwd").nlink, 1);
    assert.throws(() => fs.link("/etc", "/etc2", at(1)), errno("EPERM"));
    assert.throws(() => fs.link("/etc/passwd", "/etc/passwd2", at(1)), errno("EEXIST"));
  });

  it("shows the upper root, created with the overlay, when no layer lists the root", () => {
    const fs = stack();
    assert.equal(fs.lstat("/").mtimeUs, 10_000_000);
    fs.writeFile("/new", text(""), at(70_000_000));
    assert.equal(fs.lstat("/").mtimeUs, 70_000_000);
  });

  it("shows a lower layer's own root entry until the root is written", () => {
    const lower = treeFromEntries([dir("", { mode: 0o711, mtimeUs: 3_000_000 })], { nowUs: 0 });
    const fs = new OverlayFs({ lowers: [lower], nowUs: 10_000_000 });
    assert.deepEqual([fs.lstat("/").perm, fs.lstat("/").mtimeUs], [0o711, 3_000_000]);
    fs.mkdir("/x", at(20_000_000));
    assert.deepEqual([fs.lstat("/").perm, fs.lstat("/").mtimeUs], [0o711, 20_000_000]);
  });
});
