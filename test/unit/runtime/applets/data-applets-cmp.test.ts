import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";

/*
 * Expected outputs were recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a real
 * container on dockerd 20.10 on the build machine:
 *   docker run --rm --pull=never -v /tmp/cmp.sh:/t.sh busybox sh /t.sh
 * with the files below and one command per case, `2>&1` merged unless said otherwise.
 */

const FILES = {
  a: "abc\ndef\nghi",
  b: "abc\ndXf\ngYi",
  c: "abc",
  h1: new Uint8Array([0x80, 0xff]),
  h2: new Uint8Array([0x81, 0xfe]),
};

/** [command, stdout, stderr, exit code] */
const CASES: readonly (readonly [string, string, string, number])[] = [
  ["cmp /a /b", "/a /b differ: char 6, line 2\n", "", 1],
  ["cmp -l /a /b", "6 145 130\n10 150 131\n", "", 1],
  ["cmp /a /b -l", "6 145 130\n10 150 131\n", "", 1],
  ["cmp -s /a /b", "", "", 1],
  ["cmp -n 5 /a /b", "", "", 0],
  // busybox goes on after the first difference once any option is given, -n included.
  ["cmp -n 11 /a /b", "/a /b differ: char 6, line 2\n/a /b differ: char 10, line 3\n", "", 1],
  ["cmp /a /c", "", "cmp: EOF on /c\n", 1],
  ["cmp /c /a", "", "cmp: EOF on /c\n", 1],
  ["cmp -l /a /c", "", "cmp: EOF on /c\n", 1],
  ["cmp -s /a /c", "", "", 1],
  ["cmp /a /a", "", "", 0],
  ["cmp /a /nosuch", "", "cmp: /nosuch: No such file or directory\n", 2],
  ["cmp -s /a /nosuch", "", "", 2],
  ["cmp /a </c", "", "cmp: EOF on -\n", 1],
  ["cmp /a - </b", "/a - differ: char 6, line 2\n", "", 1],
  ["cmp - /b </a", "- /b differ: char 6, line 2\n", "", 1],
  ["cmp - - </a", "", "", 0],
  ["cmp /a /", "", "cmp: /: I/O error\n", 2],
  ["cmp / /a", "", "cmp: /: I/O error\n", 2],
  ["cmp /a /b 4 4", "/a /b differ: char 2, line 1\n", "", 1],
  ["cmp /a /b 5", "/a /b differ: char 1, line 1\n", "", 1],
  ["cmp /a /b x", "", "cmp: invalid number 'x'\n", 1],
  ["cmp -n x /a /b", "", "cmp: invalid number 'x'\n", 1],
  ["cmp -n 99999999999 /a /b", "", "cmp: invalid number '99999999999'\n", 1],
  ["cmp -n 3000000000 /a /b", "", "cmp: number 3000000000 is not in 0..2147483647 range\n", 1],
  ["cmp -n -1 /a /b", "", "cmp: invalid number '-1'\n", 1],
  ["cmp -- -l /a", "", "cmp: -l: No such file or directory\n", 2],
  ["cmp -l /h1 /h2", "1 200 201\n2 377 376\n", "", 1],
  ["cmp /h1 /h2", "/h1 /h2 differ: char 1, line 1\n", "", 1],
];

describe("cmp", () => {
  before(() => prepareUserland());

  it("answers as busybox 1.35 does, case by case", async () => {
    for (const [script, stdout, stderr, exitCode] of CASES) {
      const run = await runScript(script, FILES);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], [stdout, stderr, exitCode], script);
    }
  });

  it("shows its usage for -l with -s, a bad option, a missing value or no file", async () => {
    const usage = (await runScript("cmp --help")).stderr;
    assert.match(usage, /\n\nUsage: cmp \[-ls\] \[-n NUM\] FILE1 \[FILE2 \[SKIP1 \[SKIP2\]\]\]\n/);
    assert.match(usage, /\t-n NUM\tCompare at most NUM bytes\n$/);
    const cases: [string, string][] = [
      ["cmp -l -s /a /b", ""],
      ["cmp", ""],
      ["cmp 1 2 3 4 5", ""],
      ["cmp -Z /a /b", "cmp: invalid option -- 'Z'\n"],
      ["cmp /a -n", "cmp: option requires an argument -- 'n'\n"],
    ];
    for (const [script, head] of cases) {
      const run = await runScript(script, FILES);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], ["", head + usage, 1], script);
    }
  });
});
