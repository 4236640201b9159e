import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { BUNDLE_DIR, freshBundleEntry, STAMP_FORMAT } from "../../../src/cli/bundle-stamp.mjs";

/**
 * `bin.mjs` runs the bundle only when the stamp says it was built from exactly the files that are
 * there now; anything else (a changed, grown or missing input, another checkout, another Node, a
 * damaged stamp) sends it back to the sources.
 */
describe("freshBundleEntry", () => {
  let root = "";

  before(() => {
    root = mkdtempSync(join(tmpdir(), "drydock-stamp-"));
    mkdirSync(join(root, "src"));
    mkdirSync(join(root, BUNDLE_DIR), { recursive: true });
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  function writeInput(path: string, text: string): [string, number, number] {
    writeFileSync(join(root, path), text);
    const info = statSync(join(root, path));
    return [path, info.mtimeMs, info.size];
  }

  function writeStamp(stamp: Record<string, unknown>): void {
    const base = { format: STAMP_FORMAT, root, node: process.version, build: "b1", inputs: [] };
    writeFileSync(join(root, BUNDLE_DIR, "stamp.json"), JSON.stringify({ ...base, ...stamp }));
  }

  it("gives the build's entry while every input is as stamped", () => {
    const inputs = [writeInput("src/a.ts", "a"), writeInput("src/b.ts", "bb")];
    writeStamp({ inputs });
    assert.equal(freshBundleEntry(root), join(root, BUNDLE_DIR, "b1", "main.cjs"));
  });

  it("refuses a bundle whose input changed size or mtime, or is gone", () => {
    const a = writeInput("src/a.ts", "a");
    writeStamp({ inputs: [a] });
    assert.notEqual(freshBundleEntry(root), undefined);
    writeInput("src/a.ts", "a longer");
    assert.equal(freshBundleEntry(root), undefined, "grown");
    writeStamp({ inputs: [[a[0], a[1] - 1000, 8]] });
    assert.equal(freshBundleEntry(root), undefined, "touched");
    writeStamp({ inputs: [["src/gone.ts", 1, 1]] });
    assert.equal(freshBundleEntry(root), undefined, "removed");
  });

  it("refuses a stamp of another checkout, Node or format, and a damaged one", () => {
    const inputs = [writeInput("src/a.ts", "a")];
    writeStamp({ inputs, root: "/elsewhere" });
    assert.equal(freshBundleEntry(root), undefined);
    writeStamp({ inputs, node: "v0.0.1" });
    assert.equal(freshBundleEntry(root), undefined);
    writeStamp({ inputs, format: STAMP_FORMAT + 1 });
    assert.equal(freshBundleEntry(root), undefined);
    writeStamp({ inputs: [["src/a.ts"]] });
    assert.equal(freshBundleEntry(root), undefined);
    writeFileSync(join(root, BUNDLE_DIR, "stamp.json"), "{not json");
    assert.equal(freshBundleEntry(root), undefined);
    rmSync(join(root, BUNDLE_DIR, "stamp.json"));
    assert.equal(freshBundleEntry(root), undefined);
  });
});
