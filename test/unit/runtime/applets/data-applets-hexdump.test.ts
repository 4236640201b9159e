import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";
import { CASES, FILES } from "./hexdump-cases.ts";

// Cases recorded from the real busybox: see hexdump-cases.ts.

describe("hexdump", () => {
  before(() => prepareUserland());

  it("answers as busybox 1.35 does, case by case", async () => {
    for (const [command, stdout, stderr, exitCode] of CASES) {
      const run = await runScript(`cd /ck && ${command}`, FILES);
      const out = String.fromCharCode(...run.stdoutBytes);
      assert.deepEqual([out, run.stderr, run.exitCode], [stdout, stderr, exitCode], command);
    }
  });

  it("shows its usage for a bad option or a missing value", async () => {
    const usage = (await runScript("hexdump --help")).stderr;
    assert.match(usage, /\n\nUsage: hexdump \[-bcdoxCv\] \[-e FMT\] \[-f FMT_FILE\] /);
    for (const [script, head] of [
      ["hexdump -Z /ck/h", "hexdump: invalid option -- 'Z'\n"],
      ["hexdump -n", "hexdump: option requires an argument -- 'n'\n"],
    ] as const) {
      const run = await runScript(script, FILES);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], ["", head + usage, 1], script);
    }
  });

  it("refuses the printf forms drydock does not implement, saying so", async () => {
    const run = await runScript(`hexdump -e '"%ld"' /ck/h`, FILES);
    assert.equal(run.stderr, "hexdump: drydock: %l conversions (%ld) are not supported\n");
    assert.equal(run.exitCode, 1);
  });
});
