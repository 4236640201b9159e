import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { containsWildcards, goFilepathMatch } from "../../../../src/builder/copy/go-match.ts";
import {
  goDuration,
  goHealthcheck,
  goPlainList,
  goQuotedList,
} from "../../../../src/builder/dispatch/go-format.ts";

describe("Go formatting used in history text", () => {
  it("formats durations like time.Duration.String", () => {
    const cases: [number, string][] = [
      [0, "0s"],
      [1, "1ns"],
      [1_500, "1.5µs"],
      [500_000_000, "500ms"],
      [1_500_000_000, "1.5s"],
      [30_000_000_000, "30s"],
      [90_000_000_000, "1m30s"],
      [3_600_000_000_000, "1h0m0s"],
      [3_630_500_000_000, "1h0m30.5s"],
    ];
    for (const [ns, text] of cases) assert.equal(goDuration(ns), text, String(ns));
  });

  it("writes HEALTHCHECK history exactly as dockerd 20.10 recorded it", () => {
    // Both from real builds (test/fixtures/image, and a build of `--interval=30s --retries=3`).
    assert.equal(
      goHealthcheck({
        test: ["CMD-SHELL", "echo ok"],
        intervalNs: 5e9,
        timeoutNs: 3e9,
        startPeriodNs: 2e9,
        retries: 4,
      }),
      `&{["CMD-SHELL" "echo ok"] "5s" "3s" "2s" '\\x04'}`,
    );
    assert.equal(
      goHealthcheck({
        test: ["CMD-SHELL", "wget -q localhost || exit 1"],
        intervalNs: 30e9,
        retries: 3,
      }),
      `&{["CMD-SHELL" "wget -q localhost || exit 1"] "30s" "0s" "0s" '\\x03'}`,
    );
    assert.equal(goHealthcheck({ test: ["NONE"] }), `&{["NONE"] "0s" "0s" "0s" '\\x00'}`);
  });

  it("prints lists with %q and %v", () => {
    assert.equal(goQuotedList(["sh", "-c", 'echo "hi"']), '["sh" "-c" "echo \\"hi\\""]');
    assert.equal(goQuotedList(null), "[]");
    assert.equal(goPlainList(["/data", "/logs"]), "[/data /logs]");
  });
});

describe("goFilepathMatch (COPY wildcards)", () => {
  const cases: [string, string, boolean][] = [
    ["*.txt", "a.txt", true],
    ["*.txt", "dir/a.txt", false],
    ["*/*.txt", "dir/a.txt", true],
    ["a?c", "abc", true],
    ["a?c", "a/c", false],
    ["[a-c]x", "bx", true],
    ["[^a-c]x", "bx", false],
    ["[!a-c]x", "!x", true],
    ["\\*", "*", true],
    ["\\*", "a", false],
    ["*", "", true],
    ["a*b*c", "axxbyyc", true],
    ["a*b", "a/b", false],
    ["[", "a", false],
    ["a[", "a[", false],
    ["héllo*", "héllo-wörld", true],
  ];
  for (const [pattern, name, expected] of cases) {
    it(`${pattern} ${expected ? "matches" : "does not match"} ${JSON.stringify(name)}`, () => {
      assert.equal(goFilepathMatch(pattern, name), expected);
    });
  }

  it("finds unescaped wildcards only", () => {
    assert.equal(containsWildcards("src/*.txt"), true);
    assert.equal(containsWildcards("a\\*b"), false);
    assert.equal(containsWildcards("plain/path"), false);
    assert.equal(containsWildcards("x[1]"), true);
  });
});
