import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  contextExcludes,
  DockerignoreMatcher,
  parseDockerignore,
  removedBuildFiles,
} from "../../../src/builder/dockerignore.ts";

describe("parseDockerignore", () => {
  it("drops comments, blanks and a BOM; trims; cleans paths; keeps `!`", () => {
    const text =
      "\uFEFF# comment\n  a.txt  \r\n\n #not-a-comment\n/abs/./x/\n./rel\n!  keep/../kept\n!/x\n";
    assert.deepEqual(parseDockerignore(text), [
      "a.txt",
      "#not-a-comment",
      "abs/x",
      "rel",
      "!kept",
      "!x",
    ]);
    assert.deepEqual(parseDockerignore("/\n!\n"), ["/", "!"]);
  });
});

describe("DockerignoreMatcher", () => {
  const matcher = (...patterns: string[]): DockerignoreMatcher => new DockerignoreMatcher(patterns);

  it("matches *, ?, [...] and \\ within one path element", () => {
    const m = matcher("*.txt", "d?r/x", "[ab].md", "\\*lit", "c[0-9]");
    for (const path of ["a.txt", "dir/x", "a.md", "*lit", "c5"])
      assert.equal(m.isExcluded(path), true, path);
    for (const path of ["sub/a.txt", "c.md", "dr/x", "xlit", "cx"])
      assert.equal(m.isExcluded(path), false, path);
  });

  it("matches ** across directories, including none", () => {
    const m = matcher("**/x.go", "a/**/b", "pre**");
    for (const path of ["x.go", "d/e/x.go", "a/b", "a/1/2/b", "prefix", "pre/x"])
      assert.equal(m.isExcluded(path), true, path);
    for (const path of ["xx.go", "a/bb", "pr"]) assert.equal(m.isExcluded(path), false, path);
  });

  it("excludes a directory's contents with the directory", () => {
    const m = matcher("dir");
    assert.equal(m.isExcluded("dir/a/b.txt"), true);
    assert.equal(m.shouldDescend("dir"), false);
    assert.equal(m.includes("dir/a/b.txt"), false);
  });

  it("lets the last matching pattern win, `!` re-including", () => {
    const m = matcher("*.txt", "!keep*.txt", "keep-not.txt");
    assert.deepEqual(
      ["a.txt", "keep1.txt", "keep-not.txt"].map((path) => m.isExcluded(path)),
      [true, false, true],
    );
  });

  it("descends into an excluded directory only when a `!` pattern starts with it", () => {
    const literal = matcher("dir", "!dir/keep.txt");
    assert.equal(literal.shouldDescend("dir"), true);
    assert.equal(literal.includes("dir"), false);
    assert.equal(literal.includes("dir/keep.txt"), true);
    assert.equal(literal.includes("dir/other.txt"), false);
    const wildcard = matcher("dir", "!**/keep.txt");
    assert.equal(wildcard.isExcluded("dir/keep.txt"), false);
    assert.equal(wildcard.shouldDescend("dir"), false);
    assert.equal(wildcard.includes("dir/keep.txt"), false);
  });

  it("follows the CLI walk's parent results, not a fresh match per path", () => {
    const m = matcher("dir", "!dir/sub", "dir");
    assert.equal(m.isExcluded("dir"), true);
    assert.equal(m.isExcluded("dir/sub"), false);
    assert.equal(m.isExcluded("dir/sub/a.txt"), false);
    assert.equal(m.isExcluded("dir/a.txt"), true);
    assert.equal(m.matchesLegacy("dir/sub/a.txt"), true);
  });

  it("matches only one leading level of parents in the legacy matcher", () => {
    const m = matcher("a/b");
    assert.equal(m.matchesLegacy("a/b/c/d"), true);
    assert.equal(matcher("b").matchesLegacy("a/b/c"), false);
    assert.equal(matcher("b").isExcluded("a/b/c"), false);
    assert.equal(m.matchesLegacy("."), false);
  });

  it("refuses invalid patterns with Docker's messages", () => {
    assert.throws(() => matcher("!"), { message: 'illegal exclusion pattern: "!"' });
    for (const pattern of ["[a", "a\\", "[]a]", "[a-]", "[-a]"]) {
      assert.throws(() => matcher(pattern), { message: "syntax error in pattern" }, pattern);
    }
    // Go compiles the regexp lazily: a bad escape fails on the first match.
    const lazy = matcher("\\e");
    assert.throws(() => lazy.isExcluded("x"), { message: "syntax error in pattern" });
  });
});

describe("build files", () => {
  it("keeps an ignored Dockerfile and .dockerignore in the context the CLI sends", () => {
    assert.deepEqual(contextExcludes(["*"]), ["*", "!.dockerignore", "!Dockerfile"]);
    assert.deepEqual(contextExcludes(["a"], { dockerfile: "build.df" }), ["a"]);
    assert.deepEqual(
      contextExcludes(["build.df"], { dockerfile: "build.df", dockerfileFromStdin: true }),
      ["build.df"],
    );
  });

  it("removes the ignored ones on the daemon side after reading the Dockerfile", () => {
    assert.deepEqual(removedBuildFiles(["Dockerfile"]), ["Dockerfile"]);
    assert.deepEqual(removedBuildFiles([".*", "!.git"]), [".dockerignore"]);
    assert.deepEqual(removedBuildFiles(["a"]), []);
  });
});
