import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { recordedCases, replay } from "./archive-harness.ts";
import { runScript } from "./data-harness.ts";

/*
 * Recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) with
 * `record.py cpio-cases.txt cpio-recorded.json` in test/fixtures/runtime/archive-applets.
 */
describe("cpio (busybox 1.35, recorded)", () => {
  before(() => prepareUserland());
  for (const recorded of recordedCases("cpio-recorded.json")) {
    it(recorded.case, () => replay(recorded));
  }
});

describe("cpio -o -H newc (round trips in the simulator)", () => {
  before(() => prepareUserland());

  it("archives files, a symlink and a directory that cpio -i restores byte for byte", async () => {
    const script = [
      "cd /s && echo hi > a && ln -s a l && chmod 751 a",
      "printf '.\\nd\\nd/bin\\na\\nl\\n' | cpio -o -H newc > /t.cpio",
      "mkdir /o && cd /o && cpio -idm < /t.cpio",
      "od -An -c d/bin; cat a; readlink l; stat -c '%a %n' a; cpio -t < /t.cpio",
    ].join("\n");
    const run = await runScript(script, { "s/d/bin": Uint8Array.of(0x78, 0x80, 0xff) });
    assert.equal(run.stdout, "   x 200 377\nhi\na\n751 a\n.\nd\nd/bin\na\nl\n");
    assert.equal(run.stderr, "2 blocks\n2 blocks\n");
    assert.equal(run.exitCode, 0);
  });

  it("writes busybox's newc layout: uppercase hex fields, 4-byte padding, an all-zero trailer", async () => {
    const run = await runScript("cd /s && echo f | cpio -o -H newc", { "s/f": "abc\n" });
    const text = Buffer.from(run.stdoutBytes).toString("latin1");
    assert.match(text, /^070701[0-9A-F]{8}000081A4/);
    assert.equal(text.slice(110, 112), "f\0");
    assert.equal(text.slice(112, 116), "abc\n");
    assert.equal(text.slice(116), `070701${"0".repeat(88)}0000000B00000000TRAILER!!!\0\0\0\0`);
  });

  it("stops at a missing name with busybox's message and -0 reads NUL-separated names", async () => {
    const run = await runScript(
      "cd /s && printf 'f\\0g\\0' | cpio -o -H newc -0 | cpio -t; echo nofile | cpio -o -H newc",
      { "s/f": "1", "s/g": "2" },
    );
    assert.equal(run.stdout, "f\ng\n");
    assert.equal(run.stderr, "1 blocks\ncpio: nofile: No such file or directory\n");
  });
});
