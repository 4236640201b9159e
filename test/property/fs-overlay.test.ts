import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { TarEntry } from "../../src/archive/tar-entry.ts";
import { tarEntry } from "../../src/archive/tar-entry.ts";
import { flatten, treeFromEntries } from "../../src/fs/apply-entries.ts";
import { exportEntries } from "../../src/fs/export-entries.ts";
import { OverlayFs } from "../../src/fs/overlay-fs.ts";
import { layersArbitrary } from "./fs-arbitraries.ts";

const NOW_US = 1_700_000_000_000_000;

function overlayOf(layers: readonly (readonly TarEntry[])[]): OverlayFs {
  return new OverlayFs({
    lowers: layers.map((entries) => treeFromEntries(entries, { nowUs: NOW_US })),
    nowUs: NOW_US,
  });
}

/** Every path of a filesystem, for checking what is visible. */
function paths(entries: readonly TarEntry[]): string[] {
  return entries.map((entry) => entry.path);
}

describe("overlay properties", () => {
  it("(a) layers stacked in an OverlayFs show the same tree as the layers flattened", () => {
    fc.assert(
      fc.property(layersArbitrary, (layers) => {
        const merged = exportEntries(overlayOf(layers));
        const flat = exportEntries(flatten(layers, { nowUs: NOW_US }));
        assert.deepEqual(merged, flat);
      }),
      { seed: 20261127, numRuns: 400 },
    );
  });

  it("(b) a whiteout hides every lower entry at and under its path, and nothing else", () => {
    fc.assert(
      fc.property(layersArbitrary, fc.nat(), (layers, pick) => {
        const below = paths(exportEntries(overlayOf(layers)));
        fc.pre(below.length > 0);
        const hidden = below[pick % below.length]!;
        const slash = hidden.lastIndexOf("/");
        const whiteout = tarEntry({
          path: `${hidden.slice(0, slash + 1)}.wh.${hidden.slice(slash + 1)}`,
          type: "file",
        });
        const fs = overlayOf([...layers, [whiteout]]);
        for (const path of below) {
          const gone = path === hidden || path.startsWith(`${hidden}/`);
          assert.equal(fs.exists(`/${path}`) || isDanglingLink(fs, path), !gone, path);
        }
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });

  it("(c) an opaque directory hides every lower child and shows its own", () => {
    fc.assert(
      fc.property(layersArbitrary, fc.nat(), (layers, pick) => {
        const below = exportEntries(overlayOf(layers)).filter(
          (entry) => entry.type === "directory",
        );
        fc.pre(below.length > 0);
        const dir = below[pick % below.length]!.path;
        const top = [
          tarEntry({ path: dir, type: "directory", mode: 0o711 }),
          tarEntry({ path: `${dir}/.wh..wh..opq`, type: "file" }),
          tarEntry({ path: `${dir}/new`, type: "file" }),
        ];
        const fs = overlayOf([...layers, top]);
        assert.deepEqual(fs.readdir(`/${dir}`), ["new"]);
        assert.equal(fs.lstat(`/${dir}`).perm, 0o711);
        assert.deepEqual(
          exportEntries(fs),
          exportEntries(flatten([...layers, top], { nowUs: NOW_US })),
        );
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });
});

function isDanglingLink(fs: OverlayFs, path: string): boolean {
  try {
    return fs.lstat(`/${path}`).type === "symlink";
  } catch {
    return false;
  }
}
