import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatGoFloat } from "../../../../src/client/go-template/go-float.ts";
import { sprintf } from "../../../../src/client/go-template/go-sprintf.ts";
import { GoFloat } from "../../../../src/client/go-template/go-value.ts";

describe("Go's fmt and strconv, as templates need them", () => {
  it("formats floats like strconv.FormatFloat", () => {
    const cases: [number, "g" | "e" | "f", number | undefined, string][] = [
      [1e6, "g", undefined, "1e+06"],
      [123456, "g", undefined, "123456"],
      [1234567, "g", undefined, "1.234567e+06"],
      [2.5e-7, "g", undefined, "2.5e-07"],
      [0.0001, "g", undefined, "0.0001"],
      [0.00001, "g", undefined, "1e-05"],
      [0, "g", undefined, "0"],
      [-1.5, "g", undefined, "-1.5"],
      [1.985499, "g", 3, "1.99"],
      [1.125, "g", 3, "1.12"],
      [1.135, "g", 3, "1.14"],
      [999.5, "g", 3, "1e+03"],
      [100, "g", 3, "100"],
      [8, "g", 3, "8"],
      [1.5, "f", 2, "1.50"],
      [2.5, "f", 0, "2"],
      [3.5, "f", 0, "4"],
      [1234.5678, "e", undefined, "1.234568e+03"],
      [0.000012, "g", undefined, "1.2e-05"],
      [Number.NaN, "g", undefined, "NaN"],
      [Number.POSITIVE_INFINITY, "g", undefined, "+Inf"],
    ];
    for (const [value, verb, precision, expected] of cases) {
      assert.equal(
        formatGoFloat(value, verb, precision),
        expected,
        `${value} %${precision ?? ""}${verb}`,
      );
    }
  });

  it("formats printf verbs, widths and mismatches like fmt", () => {
    assert.equal(
      sprintf("%-8s|%8s|%05d|%t|%T", ["ab", "cd", 42, true, 1]),
      "ab      |      cd|00042|true|int",
    );
    assert.equal(
      sprintf("%x|%X|%o|%c|%b|%#x", ["hi", 255, 8, 65, 5, 255]),
      "6869|FF|10|A|101|0xff",
    );
    assert.equal(
      sprintf("%q %v %5.2f %x %d%%", ["n"]),
      '"n" %!v(MISSING) %!f(MISSING) %!x(MISSING) %!d(MISSING)%',
    );
    assert.equal(sprintf("%s %d", [3, "x"]), "%!s(int=3) %!d(string=x)");
    assert.equal(sprintf("%d", [1, 2]), "1%!(EXTRA int=2)");
    assert.equal(sprintf("%.2s|%*d|%+d", ["abc", 4, 7, 5]), "ab|   7|+5");
    assert.equal(sprintf("%v %g", [new GoFloat(2), new GoFloat(1e21)]), "2 1e+21");
  });
});
