import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";
import { CASES, FILES } from "./xxd-cases.ts";

// Cases recorded from the real busybox: see xxd-cases.ts.

describe("xxd", () => {
  before(() => prepareUserland());

  it("answers as busybox 1.35 does, case by case", async () => {
    for (const [command, stdout, stderr, exitCode] of CASES) {
      const run = await runScript(`cd /ck && ${command}`, FILES);
      const out = String.fromCharCode(...run.stdoutBytes);
      assert.deepEqual([out, run.stderr, run.exitCode], [stdout, stderr, exitCode], command);
    }
  });

  it("shows its usage for two files, a bad option or a missing value", async () => {
    const usage = (await runScript("xxd --help")).stderr;
    assert.match(usage, /\n\nUsage: xxd \[-pri\] \[-g N\] \[-c N\] /);
    for (const [script, head] of [
      ["xxd /ck/h /ck/e", ""],
      ["xxd -u /ck/h", "xxd: invalid option -- 'u'\n"],
      ["xxd -c", "xxd: option requires an argument -- 'c'\n"],
    ] as const) {
      const run = await runScript(script, FILES);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], ["", head + usage, 1], script);
    }
  });

  it("round-trips -p dumps; classic ones break where the text column has hex letters", async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const run = await runScript(
      "xxd -p /b | xxd -r -p > /b1; cmp /b /b1 && echo same; xxd /b | xxd -r | cmp - /b",
      {
        b: bytes,
      },
    );
    // busybox: `busybox xxd b | busybox xxd -r | cmp - b` → `- b differ: byte 65, line 2`
    // (Debian's cmp; busybox's says `char`): `@ABCDEF` in the text column reads as hex.
    assert.equal(run.stdout, "same\n- /b differ: char 65, line 2\n");
    assert.deepEqual(run.world.rootfs.view.readFile("/b1"), bytes);
  });
});
