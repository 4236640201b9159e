import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatBytes,
  formatMs,
  formatRatio,
  formatTable,
  median,
  verdict,
} from "../../../bench/support/stats.ts";

describe("bench stats", () => {
  it("takes the middle value, the upper one for an even count, whatever the order", () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 3);
    assert.equal(median([7]), 7);
    assert.throws(() => median([]), /no values/);
  });

  it("formats ratios and says whether they meet a target", () => {
    assert.equal(formatRatio(1000, 8), "125x");
    assert.equal(formatRatio(1000, 30), "33.3x");
    assert.equal(formatRatio(undefined, 30), "-");
    assert.equal(formatRatio(1000, 0), "-");
    assert.equal(verdict(1000, 10, 100), "ok");
    assert.equal(verdict(1000, 10.1, 100), "MISSED");
    assert.equal(verdict(undefined, 10, 100), "-");
  });

  it("formats times and sizes", () => {
    assert.equal(formatMs(0.4234), "0.42");
    assert.equal(formatMs(8.06), "8.1");
    assert.equal(formatMs(1234.4), "1234");
    assert.equal(formatMs(undefined), "-");
    assert.equal(formatBytes(2048), "2.0 KiB");
    assert.equal(formatBytes(3 * 1024 * 1024), "3.0 MiB");
  });

  it("pads columns to their widest cell, without trailing blanks", () => {
    const lines = formatTable([["a", "bbb", "c"], ["dddd", "e", ""], ["f"]]);
    assert.deepEqual(lines, ["a     bbb  c", "dddd  e", "f"]);
  });
});
