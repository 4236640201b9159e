import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isValidGoMatchPattern } from "../../../src/builder/go-filepath-match.ts";
import { goCleanPath, goDir } from "../../../src/builder/go-path.ts";
import { goRegexpToJs } from "../../../src/builder/go-regexp.ts";

describe("Go path helpers", () => {
  it("clean paths like path.Clean", () => {
    const table: [string, string][] = [
      ["", "."],
      ["a//b/./c/", "a/b/c"],
      ["../a/../../b", "../../b"],
      ["/../a", "/a"],
      ["/", "/"],
      ["a/..", "."],
    ];
    for (const [path, clean] of table) assert.equal(goCleanPath(path), clean, path);
    assert.deepEqual(["a/b/c", "a", "/a"].map(goDir), ["a/b", ".", "/"]);
  });
});

describe("filepath.Match syntax check", () => {
  it("accepts well-formed patterns and refuses the rest", () => {
    for (const ok of ["a*b", "[a-z]", "[^a]", "[\\]]", "\\*", "[*]", "**/x"])
      assert.equal(isValidGoMatchPattern(ok), true, ok);
    for (const bad of ["[", "[a", "[]", "[a-", "a\\", "[-a]", "[a-]", "[]a]"]) {
      assert.equal(isValidGoMatchPattern(bad), false, bad);
    }
  });
});

describe("Go regexp translation", () => {
  it("keeps Go's meaning for classes, dots and escapes", () => {
    const cases: [string, string, boolean][] = [
      ["^a.b$", "a\nb", false],
      ["^a.b$", "a\rb", true],
      ["^[]a]$", "]", true],
      ["^[[:alpha:]]x$", "bx", true],
      ["^[[:alpha:]]x$", "1x", false],
      ["^[^/]*$", "a\nb", true],
      ["^\\d\\.$", "1.", true],
      ["^[[^/]*]$", "[^]", true],
      ["^(.*/)?x$", "a/b/x", true],
      ["^é$", "é", true],
    ];
    for (const [source, text, expected] of cases)
      assert.equal(goRegexpToJs(source).test(text), expected, `${source} ${text}`);
  });

  it("refuses what Go refuses", () => {
    for (const source of ["^\\e$", "^[z-a]$", "^*$", "^\\"])
      assert.throws(() => goRegexpToJs(source), source);
  });
});
