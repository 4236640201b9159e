import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  assertSafeRelativePath,
  isSafeRelativePath,
  normalizeArchivePath,
} from "../../../src/archive/safe-path.ts";
import { UnsafePathError } from "../../../src/errors/unsafe-path-error.ts";

describe("normalizeArchivePath", () => {
  it("strips ./ and /, trailing and doubled slashes and . segments, and keeps ..", () => {
    const cases: [string, string][] = [
      ["a/b", "a/b"],
      ["./a/b/", "a/b"],
      ["/etc//passwd", "etc/passwd"],
      ["a/./b/.", "a/b"],
      ["../x/../y", "../x/../y"],
      ["./", ""],
      [".", ""],
      ["/", ""],
      ["", ""],
      ["a/.wh..wh..opq", "a/.wh..wh..opq"],
      ["..a/.b", "..a/.b"],
    ];
    for (const [raw, expected] of cases) assert.equal(normalizeArchivePath(raw), expected, raw);
  });

  it("is idempotent and leaves no empty or . segments (property)", () => {
    const segment = fc.constantFrom("", ".", "..", "a", "b.c", ".wh.x", "ü");
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const once = normalizeArchivePath(segments.join("/"));
        assert.equal(normalizeArchivePath(once), once);
        if (once !== "") assert.ok(once.split("/").every((part) => part !== "" && part !== "."));
        assert.equal(
          once.split("/").filter((part) => part === "..").length,
          segments.filter((part) => part === "..").length,
        );
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe("assertSafeRelativePath", () => {
  it("accepts paths that stay inside the root", () => {
    for (const path of ["", "a", "a/b/c", "a/../b", "a/b/../../c", "./a", "a/.."]) {
      assert.doesNotThrow(() => assertSafeRelativePath(path), path);
      assert.equal(isSafeRelativePath(path), true);
    }
  });

  it("rejects escapes, absolute paths and NUL bytes with a message naming the entry", () => {
    const cases: [string, string, string][] = [
      [
        "../../etc/passwd",
        "escapes-root",
        'archive entry "../../etc/passwd" escapes the extraction root',
      ],
      ["a/../../b", "escapes-root", 'archive entry "a/../../b" escapes the extraction root'],
      ["..", "escapes-root", 'archive entry ".." escapes the extraction root'],
      ["/etc/passwd", "absolute", 'archive entry "/etc/passwd" is an absolute path'],
      ["a\0b", "nul-byte", 'archive entry "a\\u0000b" contains a NUL byte'],
    ];
    for (const [path, reason, message] of cases) {
      assert.throws(
        () => assertSafeRelativePath(path),
        (error) => {
          assert.ok(error instanceof UnsafePathError);
          assert.deepEqual(
            [error.reason, error.message, error.code, error.path],
            [reason, message, "InvalidArgument", path],
          );
          return true;
        },
      );
      assert.equal(isSafeRelativePath(path), false);
    }
    assert.throws(() => assertSafeRelativePath("../x", "hard link target"), {
      message: 'hard link target "../x" escapes the extraction root',
    });
  });
});
