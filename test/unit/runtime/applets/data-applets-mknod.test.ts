import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";

/*
 * Recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a real container on dockerd
 * 20.10: `docker run --rm --pull=never busybox sh -c 'cd /; mknod …; echo rc=$?; ls -l …'`.
 */

describe("mknod", () => {
  before(() => prepareUserland());

  it("makes devices and pipes that behave as their numbers say", async () => {
    const run = await runScript(
      "cd / && mknod c1 c 1 3 && mknod -m 600 b1 b 8 1 && mknod u1 u 4 5 && mknod p1 p && " +
        "mknod c10 c 4095 1048575 && stat -c '%A %t %T %n' c1 b1 u1 p1 c10 && echo x > c1 && cat c1",
    );
    assert.equal(
      run.stdout,
      "crw-r--r-- 1 3 c1\nbrw------- 8 1 b1\ncrw-r--r-- 4 5 u1\nprw-r--r-- 0 0 p1\ncrw-r--r-- fff fffff c10\n",
      run.stderr,
    );
  });

  it("fails as busybox does", async () => {
    const usage = (await runScript("mknod --help")).stderr;
    const cases: [string, string][] = [
      ["mknod c5 c a 1", "mknod: invalid number 'a'\n"],
      ["mknod c6 c 4096 1", "mknod: number 4096 is not in 0..4095 range\n"],
      ["mknod c7 c 1 1048576", "mknod: number 1048576 is not in 0..1048575 range\n"],
      ["mknod c9 c 0x10 010", "mknod: invalid number '0x10'\n"],
      ["mknod -m bad c8 c 1 1", "mknod: c8: Invalid argument\n"],
      ["mknod /nonexist/x p", "mknod: /nonexist/x: No such file or directory\n"],
      ["mknod p1 p && mknod p1 p", "mknod: p1: File exists\n"],
      ["mknod", usage],
      ["mknod p2 p 1 2", usage],
      ["mknod c2 c", usage],
      ["mknod c3 c 1", usage],
      ["mknod c4 x 1 2", usage],
    ];
    for (const [command, stderr] of cases) {
      const run = await runScript(`cd / && ${command}`);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], ["", stderr, 1], command);
    }
  });
});
