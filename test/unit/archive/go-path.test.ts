import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goPathClean, goPathJoin, goPathSplit } from "../../../src/archive/go-path.ts";

describe("Go path functions", () => {
  it("cleans as Go's path.Clean", () => {
    const cases: [string, string][] = [
      ["", "."],
      ["abc", "abc"],
      ["abc/def/", "abc/def"],
      ["a//b", "a/b"],
      ["a/./b", "a/b"],
      ["/../a", "/a"],
      ["../../a", "../../a"],
      ["a/../../b", "../b"],
      ["abc/def/../../..", ".."],
      ["abc/../..//x/./", "../x"],
      ["/", "/"],
      ["//abc//", "/abc"],
    ];
    for (const [input, expected] of cases) assert.equal(goPathClean(input), expected, input);
  });

  it("joins and splits as Go's path.Join and path.Split", () => {
    assert.equal(goPathJoin("t/l/x/", "PaxHeaders.0", ""), "t/l/x/PaxHeaders.0");
    assert.equal(goPathJoin("", "PaxHeaders.0", "big"), "PaxHeaders.0/big");
    assert.equal(goPathJoin("", ""), "");
    assert.equal(goPathJoin("a/../", "b"), "b");
    assert.deepEqual(goPathSplit("t/d/"), { dir: "t/d/", file: "" });
    assert.deepEqual(goPathSplit("big"), { dir: "", file: "big" });
  });
});
