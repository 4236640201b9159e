import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatDuration,
  formatRfc3339Nano,
  formatRfc3339NanoFixed,
  parseRfc3339,
  toUnixSeconds,
} from "../../../src/clock/time-format.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";

describe("time formatting", () => {
  const instant = Date.UTC(2026, 10, 27, 22, 0, 29) * 1000 + 717_343;

  it("formats RFC 3339 with Go's trimmed fraction", () => {
    assert.equal(formatRfc3339Nano(instant), "2026-11-27T22:00:29.717343Z");
    assert.equal(formatRfc3339Nano(Date.UTC(2026, 0, 1) * 1000), "2026-01-01T00:00:00Z");
    assert.equal(
      formatRfc3339Nano(Date.UTC(2026, 0, 1) * 1000 + 500_000),
      "2026-01-01T00:00:00.5Z",
    );
  });

  it("formats the fixed nine-digit form docker logs -t prints", () => {
    assert.equal(formatRfc3339NanoFixed(instant), "2026-11-27T22:00:29.717343000Z");
  });

  it("parses what it formats, and offsets", () => {
    assert.equal(parseRfc3339(formatRfc3339Nano(instant)), instant);
    assert.equal(
      parseRfc3339("2026-11-27T21:58:03.267147389Z"),
      Date.UTC(2026, 10, 27, 21, 58, 3) * 1000 + 267_147,
    );
    assert.equal(
      parseRfc3339("2026-11-27T23:00:29+01:00"),
      Date.UTC(2026, 10, 27, 22, 0, 29) * 1000,
    );
    assert.equal(parseRfc3339("yesterday"), undefined);
  });

  it("converts to unix seconds and human durations", () => {
    assert.equal(toUnixSeconds(instant), Date.UTC(2026, 10, 27, 22, 0, 29) / 1000);
    assert.equal(formatDuration(1_250_000), "1.25s");
    assert.equal(formatDuration(340_000), "340ms");
    assert.equal(formatDuration(12), "12µs");
  });
});

describe("VirtualClock", () => {
  it("starts at the configured epoch and refuses to go back", () => {
    const clock = new VirtualClock({ startUs: 5 });
    clock.advanceBy(10);
    assert.equal(clock.nowUs(), 15);
    assert.throws(() => clock.advanceTo(14), /cannot go back/);
    clock.advanceTo(15);
    assert.equal(clock.nowUs(), 15);
  });
});
