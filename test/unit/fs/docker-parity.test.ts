import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readTar } from "../../../src/archive/tar-reader.ts";
import { writeTar } from "../../../src/archive/tar-writer.ts";
import { treeFromEntries } from "../../../src/fs/apply-entries.ts";
import { OverlayFs } from "../../../src/fs/overlay-fs.ts";
import {
  FS_FIXTURES,
  fixtureLayer,
  fixtureLayerTar,
  readable,
  SECOND_US,
  text,
} from "./fs-fixtures.ts";

/** The names dockerd's host (Debian, plus user cloudsdk) gives the owners in probe 2. */
const PROBE2_OWNERS = {
  users: new Map([
    [0, "root"],
    [5, "games"],
    [7, "lp"],
    [1000, "cloudsdk"],
  ]),
  groups: new Map([
    [0, "root"],
    [6, "disk"],
    [8, "mail"],
  ]),
};

/** Probe 1's second RUN (test/fixtures/fs/probe1.Dockerfile), at one instant. */
function replayProbe1(fs: OverlayFs, nowUs: number): void {
  const at = { nowUs };
  fs.rm("/t/gone", { ...at, recursive: true });
  fs.unlink("/t/file", at);
  fs.rm("/t/opq", { ...at, recursive: true });
  fs.mkdir("/t/opq", at);
  fs.writeFile("/t/opq/new", text("n\n"), at);
  fs.link("/t/hl", "/t/hl2", at);
  fs.link("/t/hl", "/t/keep/hl3", at);
  fs.chmod("/t/chm", 0o600, at);
  fs.symlink("/etc/passwd", "/t/sl", at);
  fs.writeFile("/t/keep/a", text("a2\n"), { ...at, append: true });
  fs.rename("/t/ren/r", "/t/ren/r2", at);
  fs.rmdir("/t/dirx", at);
  fs.writeFile("/t/dirx", text("dirx\n"), at);
  fs.unlink("/t/zz", at);
  fs.mkdir("/t/zz", at);
  fs.writeFile("/t/q2", text("x\n"), at);
  fs.link("/t/q2", "/t/q1", at);
  fs.unlink("/t/o/x", at);
  fs.unlink("/t/o-x", at);
  fs.writeFile("/t/o.txt", text("new\n"), at);
  fs.unlink("/t/mod/q", at);
  fs.unlink("/t/wh_a", at);
  fs.mkdirp("/n/a/b", at);
  fs.writeFile("/n/a/b/f", text("deep\n"), at);
}

/** Probe 2's second RUN, with the times its `sleep`s gave. */
function replayProbe2(fs: OverlayFs): void {
  const at = (second: number) => ({ nowUs: (1_795_822_000 + second) * SECOND_US });
  fs.unlink("/t/file", at(230));
  fs.rm("/t/gone", { ...at(232), recursive: true });
  const t = at(233);
  fs.link("/t/hl", "/t/keep/hl3", t);
  fs.chmod("/t/chm", 0o600, t);
  fs.unlink("/t/mod/q", t);
  fs.rm("/t/o7", { ...t, recursive: true });
  fs.mkdir("/t/o7", t);
  fs.chmod("/t/o7", 0o750, t);
  fs.chown("/t/o7", { ...t, uid: 5, gid: 6 });
  fs.chown("/t/own", { ...t, uid: 7, gid: 8 });
  fs.writeFile("/t/new1000", text("y\n"), t);
  fs.chown("/t/new1000", { ...t, uid: 1000, gid: 1001 });
  fs.mknod("/t/fifo", { ...t, type: "fifo" });
  fs.mknod("/t/cdev", { ...t, type: "char", devMajor: 1, devMinor: 3 });
}

function overlayOn(baseLayer: string, nowUs: number): OverlayFs {
  return new OverlayFs({ lowers: [treeFromEntries(fixtureLayer(baseLayer), { nowUs: 0 })], nowUs });
}

describe("OverlayFs.diff against layers dockerd exported", () => {
  it("gives probe 1's layer entry for entry: order, whiteouts, opaque markers, hard links", () => {
    const fs = overlayOn("probe1-base", 0);
    replayProbe1(fs, 1_795_822_174 * SECOND_US);
    assert.deepEqual(readable(fs.diff()), readable(fixtureLayer("probe1-run")));
  });

  it("gives probe 2's layer entry for entry: copy-up times, whiteout times, owners, devices", () => {
    const fs = overlayOn("probe2-base", 0);
    replayProbe2(fs);
    assert.deepEqual(
      readable(fs.diff({ owners: PROBE2_OWNERS })),
      readable(fixtureLayer("probe2-run")),
    );
  });

  it("writes byte-identical layer tars through the tar codec", () => {
    const probe1 = new OverlayFs({
      lowers: [treeFromEntries(readTar(fixtureLayerTar("probe1-base")), { nowUs: 0 })],
      nowUs: 0,
    });
    replayProbe1(probe1, 1_795_822_174 * SECOND_US);
    assert.ok(
      Buffer.from(writeTar(probe1.diff())).equals(Buffer.from(fixtureLayerTar("probe1-run"))),
    );
    const probe2 = new OverlayFs({
      lowers: [treeFromEntries(readTar(fixtureLayerTar("probe2-base")), { nowUs: 0 })],
      nowUs: 0,
    });
    replayProbe2(probe2);
    assert.ok(
      Buffer.from(writeTar(probe2.diff({ owners: PROBE2_OWNERS }))).equals(
        Buffer.from(fixtureLayerTar("probe2-run")),
      ),
    );
  });
});

describe("OverlayFs.changes against docker diff", () => {
  it("lists the same changes as docker diff for the same operations, deletions last per directory", () => {
    const fs = overlayOn("probe1-base", 0);
    const nowUs = 1_795_822_300 * SECOND_US;
    const at = { nowUs };
    replayProbe1(fs, nowUs);
    fs.mkdirp("/t/zz/in", at);
    fs.writeFile("/t/zz/in/f", text("1\n"), at);
    fs.mkdir("/A", at);
    for (const path of ["/B", "/t/B", "/t/keep/Z", "/t/o/x.y"]) fs.writeFile(path, text(""), at);
    fs.mkdir("/t/o/x-y", at);
    const got = fs.changes().map((change) => `${change.kind} ${change.path}`);
    const recorded = readFileSync(join(FS_FIXTURES, "probe1-docker-diff.txt"), "utf8")
      .trim()
      .split("\n");
    assert.deepEqual([...got].sort(), [...recorded].sort());
    // dockerd's naive diff: a directory, then what it holds, then what was deleted from it.
    const opq = got.indexOf("C /t/opq");
    assert.deepEqual(got.slice(opq - 1, opq + 5), [
      "C /t/o.txt",
      "C /t/opq",
      "A /t/opq/new",
      "D /t/opq/b",
      "D /t/opq/sub",
      "A /t/q1",
    ]);
  });

  // Recorded: `touch /t/keep; touch -d 2001-01-01 /t/o; chmod 711 /t/ren; touch /t/zz;
  // ln /t/chm /t/chm2; rm /t/chm2` on probe 1's base gave exactly C /t, C /t/ren, C /t/zz.
  it("does not list copied-up files that did not change, nor directories whose mtime alone changed", () => {
    const fs = overlayOn("probe1-base", 0);
    const at = { nowUs: 1_795_822_400 * SECOND_US };
    fs.utimes("/t/keep", { ...at, mtimeUs: at.nowUs });
    fs.utimes("/t/o", { ...at, mtimeUs: Date.UTC(2001, 0, 1) * 1000 });
    fs.link("/t/chm", "/t/chm2", at);
    fs.unlink("/t/chm2", at);
    fs.chmod("/t/ren", 0o711, at);
    fs.utimes("/t/zz", { ...at, mtimeUs: at.nowUs });
    assert.deepEqual(fs.changes(), [
      { kind: "C", path: "/t" },
      { kind: "C", path: "/t/ren" },
      { kind: "C", path: "/t/zz" },
    ]);
  });
});
