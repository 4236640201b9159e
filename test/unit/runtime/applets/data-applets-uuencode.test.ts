import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import { decodeBase64, decodeUu } from "../../../../src/runtime/applets/uudecode.ts";
import { base64Body, uuencodeBody } from "../../../../src/runtime/applets/uuencode.ts";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";

/*
 * Expected outputs were recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a real
 * container on dockerd 20.10 on the build machine, one command per case, with the files below
 * mounted at /ck (stdout and stderr captured apart, stdout as latin1):
 *   docker run --rm -i --pull=never -v /tmp/rec/ck:/ck busybox sh -c 'mkdir -p /tmp; cd /ck && CMD'
 */

const FILES: Readonly<Record<string, string | Uint8Array>> = {
  "ck/f": "hello world\n",
  "ck/z": "0123456789012345678901234567890123456789012345678901234567890123",
  "ck/a100": "a".repeat(100),
  "ck/e1": "begin 640 name\n,:&5L;&\\@=V]R;&0*\n`\nend\n",
  "ck/e2": "begin-base64 640 name2\naGVsbG8gd29ybGQK\n====\n",
  "ck/junk": 'junk\nbegin 600 my file\n"86(`\n`\nend\n',
  "ck/p1": 'begin 644 p1\n"86(`\n`\n',
  "ck/p3": "begin 644 p3\n#8\n`\nend\n",
  "ck/p4": "begin-base64 644 p4\naGVsbG8K\n",
  "ck/p5": "begin-base64 644 p5\naGVs!bG8K\n====\n",
  "ck/p6": "begin 999 p6\n`\nend\n",
  "ck/p7": "begin 644\n`\nend\n",
  "ck/crlf": 'begin 644 p8\r\n"86(`\r\n`\r\nend\r\n',
};

/** [command, stdout, stderr, exit code] */
const CASES: readonly (readonly [string, string, string, number])[] = [
  ["uuencode f name", "begin 644 name\n,:&5L;&\\@=V]R;&0*\n`\nend\n", "", 0],
  ["uuencode -m f name", "begin-base64 644 name\naGVsbG8gd29ybGQK\n====\n", "", 0],
  ["printf ab | uuencode x", 'begin 644 x\n"86(`\n`\nend\n', "", 0],
  ["printf '' | uuencode -m y", "begin-base64 644 y\n====\n", "", 0],
  ["printf '' | uuencode y", "begin 644 y\n`\nend\n", "", 0],
  [
    "uuencode z z",
    "begin 644 z\nM,#$R,S0U-C<X.3`Q,C,T-38W.#DP,3(S-#4V-S@Y,#$R,S0U-C<X.3`Q,C,T\n3-38W.#DP,3(S-#4V-S@Y,#$R,P``\n`\nend\n",
    "",
    0,
  ],
  [
    "uuencode -m a100 w",
    "begin-base64 644 w\nYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh\nYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh\nYWFhYWFhYWFhYQ==\n====\n",
    "",
    0,
  ],
  ["uuencode nosuch n", "", "uuencode: can't open 'nosuch': No such file or directory\n", 1],
  ["uudecode -o - e1", "hello world\n", "", 0],
  ["uudecode -o - e2", "hello world\n", "", 0],
  ["uudecode -o - junk", "ab", "", 0],
  ["uudecode -o - p1", "ab", "uudecode: short file\n", 1],
  ["uudecode -o - p3", "", "uudecode: short file\n", 1],
  ["uudecode -o - p4", "hello\n", "", 0],
  ["uudecode -o - p5", "hello\n", "", 0],
  ["uudecode -o - p6", "", "", 0],
  ["uudecode -o - p7", "", "", 0],
  ["uudecode -o - crlf", "ab", "", 0],
  ["echo garbage | uudecode", "", "uudecode: no 'begin' line\n", 1],
  ["printf 'begin 644 q\\n' | uudecode -o -", "", "uudecode: short file\n", 1],
  ["uudecode nosuch", "", "uudecode: nosuch: No such file or directory\n", 1],
  [
    "uudecode -o /nonexist/x e1",
    "",
    "uudecode: can't open '/nonexist/x': No such file or directory\n",
    1,
  ],
  ["cp e1 /tmp/e1 && cd /tmp && uudecode e1 && stat -c '%a %s %n' name", "640 12 name\n", "", 0],
  ["cp junk /tmp/j && cd /tmp && uudecode j && stat -c '%a %s' 'my file'", "600 2\n", "", 0],
  ["cp p6 /tmp/p && cd /tmp && uudecode p; stat -c '%a %s %n' p6", "777 0 p6\n", "", 0],
  [
    "cp p1 /tmp/p && cd /tmp && uudecode p; stat -c '%a %s %n' p1",
    "644 2 p1\n",
    "uudecode: short file\n",
    0,
  ],
  ["cp e2 /tmp/p && cd /tmp && uudecode -o out p && stat -c '%a %s %n' out", "640 12 out\n", "", 0],
];

describe("uuencode and uudecode", () => {
  before(() => prepareUserland());

  it("answer as busybox 1.35 does, case by case", async () => {
    for (const [command, stdout, stderr, exitCode] of CASES) {
      const run = await runScript(`mkdir -p /tmp; cd /ck && ${command}`, FILES);
      const out = String.fromCharCode(...run.stdoutBytes);
      assert.deepEqual([out, run.stderr, run.exitCode], [stdout, stderr, exitCode], command);
    }
  });

  it("show their usage for a wrong number of operands", async () => {
    for (const [applet, scripts] of [
      ["uuencode", ["uuencode", "uuencode a b c"]],
      ["uudecode", ["uudecode a b"]],
    ] as const) {
      const usage = (await runScript(`${applet} --help`)).stderr;
      for (const script of scripts) {
        const run = await runScript(script);
        assert.deepEqual([run.stdout, run.stderr, run.exitCode], ["", usage, 1], script);
      }
    }
  });

  it("decode what they encode", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const uu = decodeUu([...uuencodeBody(data).split("\n").slice(0, -1), "end"]);
        assert.deepEqual(uu, { bytes: data });
        assert.deepEqual(decodeBase64(base64Body(data).split("\n")).bytes, data);
      }),
    );
  });
});
