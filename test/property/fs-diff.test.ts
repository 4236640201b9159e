import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { TarEntry } from "../../src/archive/tar-entry.ts";
import { flatten, treeFromEntries } from "../../src/fs/apply-entries.ts";
import { exportEntries } from "../../src/fs/export-entries.ts";
import { OverlayFs } from "../../src/fs/overlay-fs.ts";
import {
  fsOpArbitrary,
  layersArbitrary,
  layersWithoutHardLinksArbitrary,
} from "./fs-arbitraries.ts";
import { runOp } from "./fs-ops.ts";

const NOW_US = 1_700_000_000_000_000;
const opsArbitrary = fc.array(fsOpArbitrary, { maxLength: 30 });

function lowerTrees(layers: readonly (readonly TarEntry[])[]) {
  return layers.map((entries) => treeFromEntries(entries, { nowUs: NOW_US }));
}

describe("overlay diff properties", () => {
  it("(d) the diff of random changes, applied as a new layer, gives back the overlay's merged view", () => {
    fc.assert(
      fc.property(layersArbitrary, opsArbitrary, (layers, ops) => {
        const lowers = lowerTrees(layers);
        const fs = new OverlayFs({ lowers, nowUs: NOW_US });
        for (const op of ops) runOp(fs, op);
        const diff = fs.diff();
        const merged = exportEntries(fs);
        const stacked = new OverlayFs({
          lowers: [...lowers, treeFromEntries(diff, { nowUs: NOW_US })],
          nowUs: NOW_US,
        });
        assert.deepEqual(exportEntries(stacked), merged);
        assert.deepEqual(exportEntries(flatten([...layers, diff], { nowUs: NOW_US })), merged);
      }),
      { seed: 20261130, numRuns: 300 },
    );
  });

  it("(e) the same operations give identical diff entries and changes", () => {
    fc.assert(
      fc.property(layersArbitrary, opsArbitrary, (layers, ops) => {
        const run = () => {
          const fs = new OverlayFs({ lowers: lowerTrees(layers), nowUs: NOW_US });
          for (const op of ops) runOp(fs, op);
          return { diff: fs.diff(), changes: fs.changes() };
        };
        assert.deepEqual(run(), run());
      }),
      { seed: 20261201, numRuns: 150 },
    );
  });

  it("(f) an overlay behaves as the flattened tree would, except EXDEV for lower directories", () => {
    fc.assert(
      fc.property(layersWithoutHardLinksArbitrary, opsArbitrary, (layers, ops) => {
        const overlay = new OverlayFs({ lowers: lowerTrees(layers), nowUs: NOW_US });
        const plain = flatten(layers, { nowUs: NOW_US });
        for (const op of ops) {
          const overlayResult = runOp(overlay, op);
          if (overlayResult === "EXDEV") continue;
          assert.equal(runOp(plain, op), overlayResult, `${op.op} ${op.path} ${op.other}`);
        }
        assert.deepEqual(exportEntries(overlay), exportEntries(plain));
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });
});
