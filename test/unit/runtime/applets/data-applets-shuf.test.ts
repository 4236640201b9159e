import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";

/*
 * busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) recorded in a real container on dockerd 20.10:
 *   docker run --rm --pull=never -v /tmp/ck:/ck busybox sh -c 'cd /ck && CMD'
 * Real orders come from `rand()` seeded by the clock, so only what every order shares is checked;
 * drydock draws from the process's seeded Rng, so its order is the same on every run.
 */

const FILES = { "ck/l4": "a\nb\nc\nd\n", "ck/nonl": "a\nb", "ck/d/.keep": "" };

const sorted = (text: string, separator = "\n") =>
  text
    .split(separator)
    .filter((line) => line !== "")
    .sort()
    .join(",");

describe("shuf", () => {
  before(() => prepareUserland());

  it("permutes the lines of a file, stdin, -e arguments and -i ranges", async () => {
    const cases: [string, string][] = [
      ["shuf l4", "a,b,c,d"],
      ["shuf < l4", "a,b,c,d"],
      ["shuf nonl", "a,b"],
      ["shuf -e x y z", "x,y,z"],
      ["shuf -i 8-12", "10,11,12,8,9"],
      ["shuf -i 4294967290-4294967291", "4294967290,4294967291"],
      ["shuf -i 3-3", "3"],
    ];
    for (const [command, lines] of cases) {
      const run = await runScript(`cd /ck && ${command}`, FILES);
      assert.deepEqual([sorted(run.stdout), run.stderr, run.exitCode], [lines, "", 0], command);
    }
  });

  it("limits with -n, ends lines with NUL for -z, writes -o FILE after reading", async () => {
    const run = await runScript(
      "cd /ck && shuf -n 2 l4 | wc -l; shuf -n 0 l4; shuf -i 0-0 -n 5",
      FILES,
    );
    assert.equal(run.stdout, "2\n0\n");
    const z = await runScript("shuf -z -e a b | od -An -c", FILES);
    assert.match(z.stdout, /^ {3}[ab] {2}\\0 {3}[ab] {2}\\0\n$/);
    const o = await runScript("cd /ck && shuf -o l4 l4 && sort l4", FILES);
    assert.equal(o.stdout, "a\nb\nc\nd\n");
  });

  it("gives the same order for the same seed", async () => {
    const first = await runScript("shuf -i 1-50", FILES);
    const second = await runScript("shuf -i 1-50", FILES);
    assert.equal(first.stdout, second.stdout);
    assert.notEqual(first.stdout, Array.from({ length: 50 }, (_, i) => `${i + 1}\n`).join(""));
  });

  it("fails as busybox does", async () => {
    const cases: [string, string][] = [
      ["shuf -i 5-1", "shuf: bad range '5-1'\n"],
      ["shuf -i x", "shuf: bad range 'x'\n"],
      ["shuf -i 1-", "shuf: invalid number ''\n"],
      ["shuf -i 1-3-4", "shuf: invalid number '3-4'\n"],
      ["shuf -i 0x1-3", "shuf: invalid number '0x1'\n"],
      ["shuf -i 0-4294967295", "shuf: bad range '0-4294967295'\n"],
      ["shuf -n x l4", "shuf: invalid number 'x'\n"],
      ["shuf -n 99999999999 l4", "shuf: invalid number '99999999999'\n"],
      ["shuf nosuch", "shuf: nosuch: No such file or directory\n"],
      ["shuf -o /nonexist/x l4", "shuf: can't open '/nonexist/x': No such file or directory\n"],
    ];
    for (const [command, stderr] of cases) {
      const run = await runScript(`cd /ck && ${command}`, FILES);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], ["", stderr, 1], command);
    }
    const usage = (await runScript("shuf --help")).stderr;
    for (const command of ["shuf l4 l4", "shuf -i 1-3 -e x", "shuf -i 1-5 extra"]) {
      const run = await runScript(`cd /ck && ${command}`, FILES);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], ["", usage, 1], command);
    }
    // Drydock's limit stands in for busybox running out of memory on a huge range.
    assert.equal((await runScript("shuf -i 1-4000000")).stderr, "shuf: out of memory\n");
  });
});
