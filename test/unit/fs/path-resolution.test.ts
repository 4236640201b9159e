import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FsError } from "../../../src/errors/fs-error.ts";
import { LayerTree } from "../../../src/fs/layer-tree.ts";
import { utf8Length } from "../../../src/fs/path-resolver.ts";
import { text } from "./fs-fixtures.ts";

const at = { nowUs: 1_000 };
const errno = (code: string) => (error: unknown) =>
  error instanceof FsError && error.errno === code;

/** /etc/passwd, /usr/lib/x, and a few symlinks pointing about. */
function tree(): LayerTree {
  const fs = new LayerTree({ nowUs: 0 });
  fs.mkdirp("/etc", at);
  fs.writeFile("/etc/passwd", text("root:x:0:0"), at);
  fs.mkdirp("/usr/lib", at);
  fs.writeFile("/usr/lib/x", text("lib"), at);
  fs.symlink("usr/lib", "/lib", at); // relative
  fs.symlink("/usr/lib", "/abs", at); // absolute: from the tree's root
  fs.symlink("../../../../etc", "/usr/lib/up", at); // climbs above the root
  fs.symlink("/../../etc/passwd", "/escape", at);
  fs.symlink("missing/file", "/dangling", at);
  return fs;
}

describe("path resolution", () => {
  it("follows relative and absolute symlinks inside the tree", () => {
    const fs = tree();
    assert.deepEqual(fs.readFile("/lib/x"), text("lib"));
    assert.deepEqual(fs.readFile("/abs/x"), text("lib"));
    assert.equal(fs.realpath("/lib/x"), "/usr/lib/x");
    assert.equal(fs.realpath("/abs/../lib/./x"), "/usr/lib/x");
    assert.equal(fs.lstat("/lib").type, "symlink");
    assert.equal(fs.stat("/lib").type, "directory");
    assert.equal(fs.readlink("/abs"), "/usr/lib");
  });

  it("keeps `..` at the root, as chroot does, through paths and symlink targets", () => {
    const fs = tree();
    assert.equal(fs.realpath("/../../usr/../etc"), "/etc");
    assert.deepEqual(fs.readFile("/usr/lib/up/passwd"), text("root:x:0:0"));
    assert.deepEqual(fs.readFile("/escape"), text("root:x:0:0"));
    assert.equal(fs.realpath("/escape"), "/etc/passwd");
  });

  it("resolves `..` after a symlink physically, not lexically", () => {
    const fs = tree();
    // /lib is usr/lib, so /lib/.. is /usr, not /.
    assert.deepEqual(fs.readdir("/lib/.."), ["lib"]);
    assert.equal(fs.realpath("/lib/.."), "/usr");
  });

  it("writes through a dangling symlink by creating its target", () => {
    const fs = tree();
    assert.throws(() => fs.writeFile("/dangling", text("x"), at), errno("ENOENT"));
    fs.mkdir("/missing", at);
    fs.writeFile("/dangling", text("x"), at);
    assert.deepEqual(fs.readFile("/missing/file"), text("x"));
    assert.equal(fs.lstat("/dangling").type, "symlink");
  });

  it("fails with ELOOP after 40 symlinks, like Linux", () => {
    const fs = new LayerTree({ nowUs: 0 });
    fs.writeFile("/target", text("t"), at);
    fs.symlink("target", "/s0", at);
    for (let i = 1; i <= 40; i++) fs.symlink(`s${i - 1}`, `/s${i}`, at);
    assert.deepEqual(fs.readFile("/s39"), text("t"), "40 hops are allowed");
    assert.throws(() => fs.readFile("/s40"), errno("ELOOP"));
    fs.symlink("self", "/self", at);
    assert.throws(() => fs.stat("/self"), errno("ELOOP"));
    assert.equal(fs.lstat("/self").type, "symlink");
    assert.equal(fs.exists("/self"), false);
  });

  it("treats a trailing slash as 'must be a directory'", () => {
    const fs = tree();
    assert.equal(fs.lstat("/lib/").type, "directory", "a trailing slash follows the symlink");
    assert.throws(() => fs.stat("/etc/passwd/"), errno("ENOTDIR"));
    assert.throws(() => fs.writeFile("/newdir/", text(""), at), errno("EISDIR"));
    fs.mkdir("/newdir/", at);
    assert.equal(fs.stat("/newdir").type, "directory");
  });

  it("does not follow a last symlink where POSIX says not to", () => {
    const fs = tree();
    fs.unlink("/lib", at);
    assert.equal(fs.stat("/usr/lib").type, "directory");
    assert.throws(() => fs.mkdir("/abs", at), errno("EEXIST"));
    fs.rename("/abs", "/abs2", at);
    assert.equal(fs.readlink("/abs2"), "/usr/lib");
  });

  it("counts UTF-8 bytes for the name limits", () => {
    assert.equal(utf8Length("aé€😀"), 1 + 2 + 3 + 4);
    const fs = new LayerTree({ nowUs: 0 });
    fs.writeFile(`/${"é".repeat(127)}`, text(""), at);
    assert.throws(() => fs.writeFile(`/${"é".repeat(128)}`, text(""), at), errno("ENAMETOOLONG"));
    assert.throws(() => fs.lstat(`/${"a/".repeat(2049)}`), errno("ENAMETOOLONG"));
    assert.throws(() => fs.lstat("/a\0b"), errno("EINVAL"));
  });
});
