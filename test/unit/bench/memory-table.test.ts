import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type MemoryProbeResult, memoryTable } from "../../../bench/support/memory-table.ts";

const MIB = 1024 * 1024;

function probe(hosts: number, growthBytes: number): MemoryProbeResult {
  return {
    hosts,
    baselineBytes: 90 * MIB,
    afterBytes: 90 * MIB + growthBytes,
    peakRssBytes: 300 * MIB,
    pool: { blobCount: 10, totalSizeBytes: 4 * MIB, referenceCount: 7 * hosts + 3 },
    imageSizeBytes: 4 * MIB,
    gc: true,
  };
}

describe("memoryTable", () => {
  it("shows growth per host and per added host, and what copies per host would cost", () => {
    const lines = memoryTable([probe(1, 5 * MIB), probe(11, 6 * MIB)]);
    assert.equal(lines.length, 3);
    const cells = lines.map((line) => line.split(/ {2,}/));
    assert.equal(cells[0]![4], "per added host");
    // 1 MiB more for 10 more hosts: 102.4 KiB each; the first row has no previous count.
    assert.deepEqual(cells[1], [
      "1",
      "95.0 MiB",
      "5.0 MiB",
      "5.0 MiB",
      "-",
      "300.0 MiB",
      "10",
      "4.0 MiB",
      "10",
      "4.0 MiB",
    ]);
    assert.equal(cells[2]![3], "558.5 KiB");
    assert.equal(cells[2]![4], "102.4 KiB");
    assert.equal(cells[2]![9], "44.0 MiB");
  });
});
