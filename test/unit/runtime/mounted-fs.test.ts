import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FsError } from "../../../src/errors/fs-error.ts";
import { LayerTree } from "../../../src/fs/layer-tree.ts";
import { MountedFs } from "../../../src/runtime/mounted-fs.ts";
import { populateVolume } from "../../../src/runtime/volume-copy.ts";

const at = { nowUs: 1_000_000 };
const text = (value: string) => new TextEncoder().encode(value);
const read = (fs: MountedFs, path: string) => new TextDecoder().decode(fs.readFile(path));
const errno = (code: string) => (error: unknown) =>
  error instanceof FsError && error.errno === code;

/** / (root tree) with a volume at /data, a read-only bind at /data/ro and a file bind at /etc/hosts. */
function world(): { fs: MountedFs; root: LayerTree; volume: LayerTree; files: LayerTree } {
  const root = new LayerTree(at);
  root.mkdirp("/etc", at);
  root.mkdirp("/data", at);
  root.writeFile("/etc/hosts", text("image hosts"), at);
  root.symlink("/data/x", "/link", at);
  const volume = new LayerTree(at);
  volume.writeFile("/x", text("in volume"), at);
  volume.symlink("../etc/hosts", "/up", at);
  const readonly = new LayerTree(at);
  readonly.writeFile("/f", text("ro"), at);
  const files = new LayerTree(at);
  files.writeFile("/hosts", text("daemon hosts"), at);
  const fs = new MountedFs({
    root,
    mounts: [
      { target: "/data", fs: volume },
      { target: "/data/ro", fs: readonly, readOnly: true },
      { target: "/etc/hosts", fs: files, source: "/hosts" },
    ],
  });
  return { fs, root, volume, files };
}

describe("MountedFs", () => {
  it("dispatches by the longest mount prefix and follows symlinks across mounts", () => {
    const { fs } = world();
    assert.equal(read(fs, "/data/x"), "in volume");
    assert.equal(read(fs, "/link"), "in volume");
    assert.equal(read(fs, "/data/ro/f"), "ro");
    assert.equal(read(fs, "/etc/hosts"), "daemon hosts");
    assert.equal(read(fs, "/data/up"), "daemon hosts");
    assert.equal(fs.realpath("/link"), "/data/x");
    assert.deepEqual(fs.readdir("/data"), ["ro", "up", "x"]);
  });

  it("writes go to the filesystem that owns the path", () => {
    const { fs, root, volume, files } = world();
    fs.writeFile("/data/new", text("v"), at);
    fs.writeFile("/etc/hosts", text("edited"), at);
    fs.writeFile("/etc/other", text("r"), at);
    assert.equal(new TextDecoder().decode(volume.readFile("/new")), "v");
    assert.equal(new TextDecoder().decode(files.readFile("/hosts")), "edited");
    assert.equal(new TextDecoder().decode(root.readFile("/etc/hosts")), "image hosts");
    assert.ok(root.exists("/etc/other"));
  });

  it("refuses writes to read-only mounts with EROFS", () => {
    const { fs } = world();
    assert.throws(() => fs.writeFile("/data/ro/f", text("no"), at), errno("EROFS"));
    assert.throws(() => fs.mkdir("/data/ro/d", at), errno("EROFS"));
    assert.throws(() => fs.unlink("/data/ro/f", at), errno("EROFS"));
  });

  it("refuses rename and link across mounts with EXDEV, and moving mount points with EBUSY", () => {
    const { fs } = world();
    assert.throws(() => fs.rename("/data/x", "/x", at), errno("EXDEV"));
    assert.throws(() => fs.link("/data/x", "/x", at), errno("EXDEV"));
    assert.throws(() => fs.rename("/data", "/elsewhere", at), errno("EBUSY"));
    assert.throws(() => fs.unlink("/etc/hosts", at), errno("EBUSY"));
    fs.rename("/data/x", "/data/y", at);
    assert.equal(read(fs, "/data/y"), "in volume");
  });

  it("rm -r empties mounts below the path and stops at mount points", () => {
    const root = new LayerTree(at);
    root.mkdirp("/srv/data", at);
    root.writeFile("/srv/keep", text("k"), at);
    const volume = new LayerTree(at);
    volume.mkdirp("/a/b", at);
    volume.writeFile("/a/b/c", text("c"), at);
    const fs = new MountedFs({ root, mounts: [{ target: "/srv/data", fs: volume }] });
    assert.throws(() => fs.rm("/srv", { recursive: true, nowUs: at.nowUs }), errno("EBUSY"));
    assert.deepEqual(volume.readdir("/"), []);
    assert.deepEqual(fs.readdir("/srv"), ["data"]);
  });

  it("reports errors with the container's path", () => {
    const { fs } = world();
    assert.throws(
      () => fs.readFile("/data/missing"),
      (error) =>
        error instanceof FsError && error.path === "/data/missing" && error.errno === "ENOENT",
    );
  });
});

describe("populateVolume", () => {
  it("copies the image's content at the mount point into an empty volume, once", () => {
    const image = new LayerTree(at);
    image.mkdir("/srv", { ...at, mode: 0o750, uid: 33, gid: 33 });
    image.writeFile("/srv/index.html", text("hi"), { ...at, mode: 0o640, uid: 33, gid: 33 });
    image.symlink("index.html", "/srv/home", at);
    const volume = new LayerTree({ nowUs: 9 });
    assert.equal(populateVolume({ from: image, path: "/srv", to: volume, nowUs: 9 }), true);
    assert.deepEqual(volume.readdir("/"), ["home", "index.html"]);
    const file = volume.stat("/index.html");
    assert.deepEqual([file.perm, file.uid, file.mtimeUs], [0o640, 33, at.nowUs]);
    assert.deepEqual([volume.stat("/").perm, volume.stat("/").uid], [0o750, 33]);
    assert.equal(populateVolume({ from: image, path: "/srv", to: volume, nowUs: 9 }), false);
    assert.equal(
      populateVolume({ from: image, path: "/nothing", to: new LayerTree(at), nowUs: 9 }),
      false,
    );
  });
});
