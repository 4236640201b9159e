import assert from "node:assert/strict";
import { test } from "node:test";
import {
  formatBytes,
  formatOffsetSeconds,
  parseBandwidthMbps,
  parseDurationUs,
  parseSizeBytes,
} from "../../../src/scenario/units.ts";

test("durations: readable units to whole microseconds", () => {
  assert.equal(parseDurationUs("20ms"), 20_000);
  assert.equal(parseDurationUs("1.5s"), 1_500_000);
  assert.equal(parseDurationUs("250us"), 250);
  assert.equal(parseDurationUs("2m"), 120_000_000);
  assert.equal(parseDurationUs("0"), 0);
  assert.equal(parseDurationUs("0.0004ms"), 0);
});

test("durations: anything not fully understood is rejected", () => {
  for (const bad of ["20", "ms", "1.5 seconds", "-1s", "1e3ms", "1,5s", "20ms extra", "", "1.s"])
    assert.equal(parseDurationUs(bad), undefined, bad);
});

test("bandwidths: bits and bytes per second, in Mbit/s", () => {
  assert.equal(parseBandwidthMbps("100Mbit/s"), 100);
  assert.equal(parseBandwidthMbps("1Gbit/s"), 1_000);
  assert.equal(parseBandwidthMbps("512kbit/s"), 0.512);
  assert.equal(parseBandwidthMbps("12.5MB/s"), 100);
  assert.equal(parseBandwidthMbps("100 Mbps"), 100);
  assert.equal(parseBandwidthMbps("100mbit/s"), undefined);
  assert.equal(parseBandwidthMbps("100"), undefined);
});

test("sizes: decimal and binary units", () => {
  assert.equal(parseSizeBytes("512B"), 512);
  assert.equal(parseSizeBytes("2MB"), 2_000_000);
  assert.equal(parseSizeBytes("1.5MiB"), 1_572_864);
  assert.equal(parseSizeBytes("1mb"), undefined);
});

test("formatting for reports", () => {
  assert.equal(formatOffsetSeconds(412_345), "+0.412s");
  assert.equal(formatOffsetSeconds(61_000_000), "+61.000s");
  assert.equal(formatBytes(812), "812 B");
  assert.equal(formatBytes(1_234), "1.2 kB");
  assert.equal(formatBytes(2_000_000), "2.0 MB");
  assert.equal(formatBytes(45_600_000), "46 MB");
});
