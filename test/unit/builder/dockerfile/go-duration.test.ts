import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseGoDuration } from "../../../../src/builder/dockerfile/go-duration.ts";

describe("Go durations", () => {
  it("parses what time.ParseDuration parses", () => {
    const table: [string, number][] = [
      ["0", 0],
      ["5s", 5e9],
      ["1h30m", 5.4e12],
      ["1.5s", 1.5e9],
      [".5ms", 5e5],
      ["10us", 1e4],
      ["10µs", 1e4],
      ["-2ms", -2e6],
      ["+3ns", 3],
      ["1m0.5s", 60.5e9],
    ];
    for (const [text, ns] of table) assert.equal(parseGoDuration(text), ns, text);
  });

  it("refuses the rest with Go's messages", () => {
    const table: [string, string][] = [
      ["abc", 'time: invalid duration "abc"'],
      ["", 'time: invalid duration ""'],
      ["5", 'time: missing unit in duration "5"'],
      ["5d", 'time: unknown unit "d" in duration "5d"'],
      ["1é", 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'],
      [".s", 'time: invalid duration ".s"'],
      ["9999999999h", 'time: invalid duration "9999999999h"'],
    ];
    for (const [text, message] of table)
      assert.throws(() => parseGoDuration(text), { message }, text);
  });
});
