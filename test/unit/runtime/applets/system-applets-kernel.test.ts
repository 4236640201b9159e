import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { BANNER, runSystem } from "./system-harness.ts";

/*
 * Expected outputs were recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a default
 * container (default capabilities and seccomp profile, no tty, stdin </dev/null) on dockerd
 * 20.10 on the build machine:
 *   docker run --rm --pull=never -v /tmp/t.sh:/t.sh busybox sh /t.sh
 * one command per case. busybox's odd messages (`(null)`, the fsfreeze source text) are real.
 * Only the timing of nologin (five seconds) is simulated time.
 */

/** [command, stdout, stderr, exit code] */
type Case = readonly [string, string, string, number];

async function check(cases: readonly Case[]): Promise<void> {
  for (const [script, stdout, stderr, exitCode] of cases) {
    const run = await runSystem(script);
    assert.deepEqual([run.stdout, run.stderr, run.exitCode], [stdout, stderr, exitCode], script);
  }
}

const EPERM = "Operation not permitted";

describe("login applets", () => {
  before(() => prepareUserland());

  it("find no logins, no terminal and no wtmp", async () => {
    const header = "USER\t\tTTY\t\tIDLE\tTIME\t\t HOST\n";
    await check([
      ["who", "", "", 0],
      ["who -a", "", "", 0],
      ["who -H", header, "", 0],
      ["w", header, "", 0],
      ["logname", "", "logname: getlogin: No such device or address\n", 1],
      ["last", "", "last: can't open '/var/log/wtmp': No such file or directory\n", 1],
      [
        "mkdir -p /var/log; touch /var/log/wtmp; last",
        "USER       TTY            HOST               LOGIN        TIME\n",
        "",
        0,
      ],
      ["hostid", "00000000\n", "", 0],
      ["printf '\\x78\\x56\\x34\\x12' >/etc/hostid; hostid", "12345678\n", "", 0],
    ]);
  });

  it("print usage for operands, and getopt's message for bad options", async () => {
    for (const script of ["hostid x", "logname x", "who x", "w x", "last -x"]) {
      const run = await runSystem(script);
      assert.match(run.stderr, /^BusyBox v1\.35\.0 \(Debian [^\n]*\n\nUsage: /, script);
      assert.equal(run.exitCode, 1, script);
    }
    const bad = await runSystem("who -x");
    assert.equal(
      bad.stderr,
      `who: invalid option -- 'x'\n${BANNER}\nUsage: who [-aH]\n\nShow who is logged on\n\n` +
        "\t-a\tShow all\n\t-H\tPrint column headers\n",
    );
  });

  it("nologin refuses after five seconds", async () => {
    const run = await runSystem("nologin x");
    assert.deepEqual([run.stdout, run.exitCode], ["This account is not available\n", 1]);
    assert.equal(run.world.elapsedUs() >= 5_000_000, true);
    assert.equal(run.world.elapsedUs() < 6_000_000, true);
  });
});

describe("kernel applets in a default container", () => {
  before(() => prepareUserland());

  it("are refused as the kernel refuses busybox", async () => {
    await check([
      ["dmesg", "", `dmesg: klogctl: ${EPERM}\n`, 1],
      ["dmesg -c -r", "", `dmesg: klogctl: ${EPERM}\n`, 1],
      ["dmesg -s x", "", "dmesg: invalid number 'x'\n", 1],
      ["dmesg -n x", "", "dmesg: invalid number 'x'\n", 1],
      ["unshare true", "", `unshare: unshare(0x0): ${EPERM}\n`, 1],
      ["unshare -m true", "", `unshare: unshare(0x20000): ${EPERM}\n`, 1],
      ["unshare -n -u true", "", `unshare: unshare(0x44000000): ${EPERM}\n`, 1],
      ["unshare --net true", "", `unshare: unshare(0x40000000): ${EPERM}\n`, 1],
      ["unshare -r true", "", `unshare: unshare(0x10000000): ${EPERM}\n`, 1],
      ["pivot_root / /mnt", "", `pivot_root: (null): ${EPERM}\n`, 1],
      ["fsfreeze --freeze /", "", `fsfreeze: (opts & 1) ? FIFREEZE : FITHAW: ${EPERM}\n`, 1],
      [
        "fsfreeze --freeze /nosuch",
        "",
        "fsfreeze: can't open '/nosuch': No such file or directory\n",
        1,
      ],
      ["fstrim -v /", "", "fstrim: FITRIM: Inappropriate ioctl for device\n", 1],
      ["fstrim /nosuch", "", "fstrim: can't open '/nosuch': No such file or directory\n", 1],
      ["hwclock -r", "", "hwclock: can't open '/dev/misc/rtc': No such file or directory\n", 1],
      ["hwclock -f /dev/x", "", "hwclock: can't open '/dev/x': No such file or directory\n", 1],
    ]);
  });

  it("refuse modules and swap", async () => {
    await check([
      ["insmod /x.ko", "", "insmod: can't insert '/x.ko': No such file or directory\n", 254],
      ["insmod /etc/hosts", "", `insmod: can't insert '/etc/hosts': ${EPERM}\n`, 1],
      ["rmmod -w foo", "", `rmmod: can't unload module 'foo': ${EPERM}\n`, 1],
      [
        "lsmod",
        "Module                  Size  Used by    Not tainted\n",
        "lsmod: /proc/modules: No such file or directory\n",
        0,
      ],
      ["swapon -a", "", "swapon: can't open '/etc/fstab': No such file or directory\n", 1],
      ["swapoff -a", "", "swapoff: can't open '/etc/fstab': No such file or directory\n", 1],
      ["swapon /x", "", "swapon: /x: No such file or directory\n", 1],
      ["swapon /etc/hosts", "", `swapon: /etc/hosts: ${EPERM}\n`, 1],
      ["swapoff /x", "", `swapoff: /x: ${EPERM}\n`, 1],
    ]);
  });

  it("halt, reboot and poweroff ask init, or fail with -f", async () => {
    await check([
      ["halt; echo rc=$?", "rc=0\n", "", 0],
      ["halt -w; reboot; poweroff -d 1", "", "", 0],
      ["halt -f", "", `halt: (null): ${EPERM}\n`, 1],
      ["reboot -f", "", `reboot: (null): ${EPERM}\n`, 1],
      ["halt -d x", "", "halt: invalid number 'x'\n", 1],
    ]);
    // init gets SIGUSR1 from halt; drydock runs a trap at the next loop tick.
    const trapped = await runSystem(
      "trap 'echo got USR1' USR1; halt; for i in 1 2; do sleep 1; done",
    );
    assert.equal(trapped.stdout, "got USR1\n");
  });

  it("stty finds no terminal", async () => {
    await check([
      ["stty", "", "stty: standard input: Inappropriate ioctl for device\n", 1],
      ["stty -a", "", "stty: standard input: Inappropriate ioctl for device\n", 1],
      ["stty -echo", "", "stty: standard input: Inappropriate ioctl for device\n", 1],
      ["stty -a -F /dev/null", "", "stty: /dev/null: Inappropriate ioctl for device\n", 1],
      ["stty -F /nosuch", "", "stty: can't open '/nosuch': No such file or directory\n", 1],
      ["stty -x", "", "stty: invalid argument '-x'\n", 1],
    ]);
  });

  it("print usage when called without their operands", async () => {
    for (const applet of ["pivot_root", "insmod", "rmmod", "swapon", "swapoff", "fstrim"]) {
      const run = await runSystem(applet);
      assert.match(run.stderr, new RegExp(`^BusyBox v1\\.35\\.0 [^\\n]*\\n\\nUsage: ${applet} `));
      assert.equal(run.exitCode, 1, applet);
    }
  });
});
