import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { treeFromEntries } from "../../../src/fs/apply-entries.ts";
import { exportEntries } from "../../../src/fs/export-entries.ts";
import { OverlayFs } from "../../../src/fs/overlay-fs.ts";
import { readable, text } from "./fs-fixtures.ts";

/** A fixed workload: a layer, an overlay on it, writes, deletes, renames, links. */
function workload() {
  const lower = treeFromEntries(
    [
      tarEntry({ path: "a", type: "directory" }),
      tarEntry({ path: "a/f", type: "file", data: text("f") }),
      tarEntry({ path: "b/g", type: "file" }),
    ],
    { nowUs: 5_000_000 },
  );
  const fs = new OverlayFs({ lowers: [lower], nowUs: 6_000_000 });
  fs.writeFile("/a/f", text("changed"), { nowUs: 7_000_000, append: true });
  fs.mkdirp("/c/d", { nowUs: 8_000_000 });
  fs.link("/a/f", "/c/d/link", { nowUs: 9_000_000 });
  fs.rm("/b", { nowUs: 10_000_000, recursive: true });
  fs.rename("/c/d/link", "/c/moved", { nowUs: 11_000_000 });
  fs.chmod("/a", 0o700, { nowUs: 12_000_000 });
  const upperRoot = fs.upper.store.root.getNode();
  return {
    merged: readable(exportEntries(fs)),
    diff: readable(fs.diff()),
    changes: fs.changes(),
    memfsCtimeMs: upperRoot.ctime.getTime(),
  };
}

describe("determinism", () => {
  it("builds identical trees at different wall-clock times: every visible time comes from the caller", () => {
    mock.timers.enable({ apis: ["Date"], now: Date.UTC(2001, 0, 1) });
    let first: ReturnType<typeof workload>;
    let second: ReturnType<typeof workload>;
    try {
      first = workload();
      mock.timers.setTime(Date.UTC(2033, 5, 5));
      second = workload();
    } finally {
      mock.timers.reset();
    }
    // memfs stamps its own ctime from the wall clock; the mock did move it, so the check is live.
    assert.notEqual(first.memfsCtimeMs, second.memfsCtimeMs);
    assert.deepEqual(second.merged, first.merged);
    assert.deepEqual(second.diff, first.diff);
    assert.deepEqual(second.changes, first.changes);
    assert.ok(first.merged.length > 0);
  });
});
