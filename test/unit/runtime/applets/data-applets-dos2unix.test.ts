import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";

/*
 * Recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a real container on dockerd
 * 20.10: `docker run --rm --pull=never busybox sh -c 'cd /; printf … > f; dos2unix f; od -c f'`.
 */

const FILES = { f: "a\r\nb\nc\r\r\nd\re\r", j: "a\nb\n" };

describe("dos2unix and unix2dos", () => {
  before(() => prepareUserland());

  it("drop every CR, and for DOS put one before each LF, in place or stdin to stdout", async () => {
    const run = await runScript(
      "cp /f /g && dos2unix /f && unix2dos /g && od -An -c /f && od -An -c /g && printf 'a\\nb\\r\\n' | unix2dos | od -An -c && " +
        "printf 'a\\r\\nb' | dos2unix | od -An -c && printf 'x\\n' | dos2unix -d | od -An -c && printf 'x\\r\\n' | unix2dos -u | od -An -c",
      FILES,
    );
    assert.equal(
      run.stdout,
      "   a  \\n   b  \\n   c  \\n   d   e\n   a  \\r  \\n   b  \\r  \\n   c  \\r  \\n   d   e\n" +
        "   a  \\r  \\n   b  \\r  \\n\n   a  \\n   b\n   x  \\r  \\n\n   x  \\n\n",
      run.stderr,
    );
  });

  it("keeps the mode and converts a symlink's target", async () => {
    const run = await runScript(
      "chmod 700 /j && unix2dos /j && stat -c '%A %s' /j && ln -s j /k && dos2unix /k && stat -c '%F' /k && od -An -c /j",
      FILES,
    );
    assert.equal(run.stdout, "-rwx------ 6\nsymbolic link\n   a  \\n   b  \\n\n", run.stderr);
  });

  it("fails as busybox does", async () => {
    const usage = (await runScript("dos2unix --help")).stderr;
    const cases: [string, string][] = [
      ["dos2unix nosuch", "dos2unix: can't open 'nosuch': No such file or directory\n"],
      ["dos2unix a /f", "dos2unix: can't open 'a': No such file or directory\n"],
      ["dos2unix -u -d /f", usage],
    ];
    for (const [command, stderr] of cases) {
      const run = await runScript(command, FILES);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], ["", stderr, 1], command);
    }
    const dir = await runScript("mkdir /dd && cd / && dos2unix dd", FILES);
    assert.match(dir.stderr, /^dos2unix: can't move 'dd[A-Za-z0-9]{6}' to 'dd': Is a directory\n$/);
  });
});
