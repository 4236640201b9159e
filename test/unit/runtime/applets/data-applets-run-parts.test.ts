import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";

/*
 * Recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a real container on dockerd
 * 20.10 with the same files: `docker run --rm --pull=never busybox sh -c '…; run-parts /d'`.
 */

const FILES = {
  "d/10-one": "#!/bin/sh\necho one $1 $#\n",
  "d/20_two": "#!/bin/sh\necho two; exit 3\n",
  "d/30.sh": "#!/bin/sh\necho bad\n",
  "d/40noexec": "#!/bin/sh\necho noexec\n",
  "d/50dir/.keep": "",
};
const SETUP = "chmod +x /d/10-one /d/20_two /d/30.sh && ";
const FAILED = "run-parts: /d/20_two: exit status 3\n";

describe("run-parts", () => {
  before(() => prepareUserland());

  it("runs the executable files in name order, or lists them", async () => {
    const cases: [string, string, string, number][] = [
      ["run-parts /d", "one 0\ntwo\nbad\n", FAILED, 1],
      ["run-parts --test /d", "/d/10-one\n/d/20_two\n/d/30.sh\n", "", 0],
      ["run-parts -a x -a y --reverse /d", "bad\ntwo\none x 2\n", FAILED, 1],
      ["run-parts --exit-on-error /d", "one 0\ntwo\n", FAILED, 1],
      ["run-parts /nonexist", "", "run-parts: /nonexist: No such file or directory\n", 0],
    ];
    for (const [command, stdout, stderr, exitCode] of cases) {
      const run = await runScript(SETUP + command, FILES);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], [stdout, stderr, exitCode], command);
    }
  });

  it("shows its usage without exactly one directory or for an unknown option", async () => {
    const usage = (await runScript("run-parts --help")).stderr;
    assert.match(usage, /\n\nUsage: run-parts \[-a ARG\]\.\.\. /);
    for (const [script, head] of [
      ["run-parts", ""],
      ["run-parts /d /d", ""],
      ["run-parts --list /d", "run-parts: unrecognized option '--list'\n"],
    ] as const) {
      const run = await runScript(script, FILES);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], ["", head + usage, 1], script);
    }
  });
});
