import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";

/*
 * Recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a real container on dockerd
 * 20.10: `docker run --rm --pull=never busybox sh -c 'cd /; mkfifo …; ls -l …'`.
 */

describe("mkfifo", () => {
  before(() => prepareUserland());

  it("makes named pipes with the umask's mode or exactly -m MODE", async () => {
    const run = await runScript(
      "cd / && mkfifo f && mkfifo -m 600 g h && mkfifo -m u+x,g=r k && mkfifo -m 4755 s && " +
        "mkfifo -m +x q && mkfifo -m o-rwx,+t t && mkfifo -m u+s,g+s,o+s s2 && mkfifo -m uo+w,g-r v && " +
        "mkfifo -m a-w w && mkfifo -m 0 z && stat -c '%A %F %n' f g h k s q t s2 v w z",
    );
    assert.equal(
      run.stdout,
      [
        "prw-r--r-- fifo f",
        "prw------- fifo g",
        "prw------- fifo h",
        "prwxr--rw- fifo k",
        "prwsr-xr-x fifo s",
        "prwxrwxrwx fifo q",
        "prw-rw---T fifo t",
        "prwSrwSrw- fifo s2",
        "prw--w-rw- fifo v",
        "pr--r--r-- fifo w",
        "p--------- fifo z",
        "",
      ].join("\n"),
      run.stderr,
    );
  });

  it("reports each name it cannot make and goes on", async () => {
    const run = await runScript("cd / && mkfifo f && mkfifo a f /nonexist/x b; echo rc=$?; ls a b");
    assert.equal(run.stdout, "rc=1\na\nb\n");
    assert.equal(
      run.stderr,
      "mkfifo: f: File exists\nmkfifo: /nonexist/x: No such file or directory\n",
    );
    const bad = await runScript("cd / && mkfifo -m bad x y; echo rc=$?; mkfifo -m 17777 n");
    assert.equal(bad.stdout, "rc=1\n");
    assert.equal(
      bad.stderr,
      "mkfifo: x: Invalid argument\nmkfifo: y: Invalid argument\nmkfifo: n: Invalid argument\n",
    );
    const usage = (await runScript("mkfifo --help")).stderr;
    assert.deepEqual(
      [(await runScript("mkfifo")).stderr, usage.includes("Usage: mkfifo [-m MODE] NAME\n")],
      [usage, true],
    );
  });
});
