import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";

/*
 * Recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a real container on dockerd
 * 20.10: `docker run --rm --pull=never busybox sh -c 'cd /; fallocate …; echo rc=$?; ls -l …'`.
 */

describe("fallocate", () => {
  before(() => prepareUserland());

  it("grows files to OFS+LEN zero bytes, never shrinking them", async () => {
    const run = await runScript(
      "cd / && fallocate -l 10 a && fallocate -o 5 -l 10 a && fallocate -l 1k b && fallocate -l 1K c && " +
        "fallocate -l 3 c && echo hello > d && fallocate -l 2 d && fallocate -l 1m g && fallocate -l 1MiB h && " +
        "stat -c '%s %n' a b c d g h && cat d",
    );
    assert.equal(
      run.stdout,
      "15 a\n1024 b\n1024 c\n6 d\n1048576 g\n1048576 h\nhello\n",
      run.stderr,
    );
    assert.deepEqual(run.world.rootfs.view.readFile("/a"), new Uint8Array(15));
  });

  it("fails as busybox does", async () => {
    const usage = (await runScript("fallocate --help")).stderr;
    const cases: [string, string][] = [
      ["fallocate -o 20 -l 0 e", "fallocate: fallocate 'e': Invalid argument\n"],
      [
        "fallocate -l 5 /nonexist/x",
        "fallocate: can't open '/nonexist/x': No such file or directory\n",
      ],
      ["fallocate -l 5 /", "fallocate: can't open '/': Is a directory\n"],
      ["fallocate -l x f", "fallocate: invalid number 'x'\n"],
      ["fallocate -l 0x10 f", "fallocate: invalid number '0x10'\n"],
      ["fallocate -l -5 f", "fallocate: invalid number '-5'\n"],
      ["fallocate -l 1kB f", "fallocate: invalid number '1kB'\n"],
      ["fallocate f", usage],
      ["fallocate -l 5", usage],
      ["fallocate -l 5 a b", usage],
      // drydock's file-size limit (256 MiB) stands for a full disk.
      ["fallocate -l 1G big", "fallocate: fallocate 'big': No space left on device\n"],
    ];
    for (const [command, stderr] of cases) {
      const run = await runScript(`cd / && ${command}`);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], ["", stderr, 1], command);
    }
    assert.equal((await runScript("cd / && fallocate -l 0 e; ls e")).stdout, "e\n");
  });
});
