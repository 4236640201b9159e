import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { BANNER, runSystem } from "./system-harness.ts";

/*
 * Expected outputs were recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a default
 * container on dockerd 20.10 on the build machine:
 *   docker run --rm --pull=never -v /tmp/t.sh:/t.sh busybox sh /t.sh
 * with background `sleep`s and one command per case (stdout and stderr apart). PIDs are
 * drydock's (1 for the shell, then one per job, and the applet's own process next); the real
 * container's differ but follow the same rules: pidof lists the highest PID first and sees its
 * own process, killall signals matches but not itself.
 */

describe("pidof", () => {
  before(() => prepareUserland());

  it("names processes by comm, argv[0] and exe, highest PID first", async () => {
    const run = await runSystem(
      "sleep 100 & sleep 200 & pidof sleep; pidof sh; pidof busybox; pidof pidof; " +
        "pidof /bin/sleep; echo rc=$?; pidof nosuch; echo rc=$?; pidof; echo rc=$?",
    );
    assert.equal(run.stdout, "3 2\n1\n4 3 2 1\n4\nrc=1\nrc=1\nrc=1\n");
  });

  it("has no -s or -o in Debian's build", async () => {
    const run = await runSystem("pidof -s sleep");
    assert.equal(
      run.stderr,
      `pidof: invalid option -- 's'\n${BANNER}\nUsage: pidof [NAME]...\n\n` +
        "List PIDs of all processes with names that match NAMEs\n",
    );
    assert.equal(run.exitCode, 1);
  });
});

describe("killall", () => {
  before(() => prepareUserland());

  it("signals the matching processes", async () => {
    const run = await runSystem(
      "sleep 100 & sleep 200 & killall sleep; echo rc=$?; pidof sleep; echo rc=$?",
    );
    assert.equal(run.stdout, "rc=0\nrc=1\n");
  });

  it("stops, and counts names that matched nothing", async () => {
    const run = await runSystem(
      "killall -9 nosuch sleep; echo rc=$?; killall -q a b; echo rc=$?; killall -s KILL x; " +
        "killall -0 sh; echo rc=$?",
    );
    assert.equal(run.stdout, "rc=2\nrc=2\nrc=0\n");
    assert.equal(
      run.stderr,
      "killall: nosuch: no process killed\nkillall: sleep: no process killed\n" +
        "killall: x: no process killed\n",
    );
  });

  it("lists and converts signals with -l", async () => {
    const list = await runSystem("killall -l");
    assert.equal(list.stdout.split("\n").length, 32);
    assert.match(list.stdout, /^ 1\) HUP\n 2\) INT\n/);
    assert.match(list.stdout, /\n29\) POLL\n30\) PWR\n31\) SYS\n$/);
    const names = await runSystem("killall -l 9 HUP sigterm 137 x");
    assert.equal(names.stdout, "KILL\n1\n15\nKILL\n");
    assert.equal(names.stderr, "killall: unknown signal 'x'\n");
    assert.equal(names.exitCode, 1);
  });

  it("answers bad use as busybox does", async () => {
    const cases: readonly (readonly [string, string])[] = [
      ["killall", "killall: you need to specify whom to kill\n"],
      ["killall -x sleep", "killall: bad signal name 'x'\n"],
      ["killall -FOO sleep", "killall: bad signal name 'FOO'\n"],
    ];
    for (const [script, stderr] of cases) {
      const run = await runSystem(script);
      assert.equal(run.stderr, stderr, script);
      assert.equal(run.exitCode, 1, script);
    }
    const quietAlone = await runSystem("killall -q");
    assert.match(quietAlone.stderr, /^BusyBox v1\.35\.0 .*\n\nUsage: killall \[-lq\]/);
  });
});

describe("setsid", () => {
  before(() => prepareUserland());

  it("runs the program, with busybox's exec errors", async () => {
    const cases: readonly (readonly [string, string, string, number])[] = [
      ["setsid echo hi", "hi\n", "", 0],
      ["setsid -c echo hi", "hi\n", "", 0],
      ["setsid sh -c 'exit 3'", "", "", 3],
      ["setsid nosuch", "", "setsid: can't execute 'nosuch': No such file or directory\n", 127],
      ["setsid /etc/hosts", "", "setsid: can't execute '/etc/hosts': Permission denied\n", 126],
    ];
    for (const [script, stdout, stderr, exitCode] of cases) {
      const run = await runSystem(script);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], [stdout, stderr, exitCode], script);
    }
    const usage = await runSystem("setsid");
    assert.match(usage.stderr, /^BusyBox v1\.35\.0 .*\n\nUsage: setsid \[-c\] PROG ARGS\n/);
    assert.equal(usage.exitCode, 1);
  });
});

describe("logger", () => {
  before(() => prepareUserland());

  it("logs nowhere (no syslogd), to stderr with -s", async () => {
    const run = await runSystem(
      "logger hello; logger -s -t tag -p local0.info msg; logger -s hi there; echo a | logger -s",
    );
    assert.equal(run.stdout, "");
    // The busybox image has no /etc/passwd: the tag falls back to the uid.
    assert.equal(run.stderr, "tag: msg\n0: hi there\n0: a\n");
    assert.equal(run.exitCode, 0);
  });

  it("names the user in the tag when /etc/passwd knows it", async () => {
    const run = await runSystem("logger -s x", {
      files: { "etc/passwd": "root:x:0:0::/root:/bin/sh\n" },
    });
    assert.equal(run.stderr, "root: x\n");
  });

  it("rejects unknown facilities and levels", async () => {
    const bad = await runSystem(
      "logger -p bad.x m; echo rc=$?; logger -p user.bad m; logger -p 999 m",
    );
    assert.equal(bad.stdout, "rc=1\n");
    assert.equal(
      bad.stderr,
      "logger: unknown facility name: bad\nlogger: unknown priority name: bad\n",
    );
  });
});
