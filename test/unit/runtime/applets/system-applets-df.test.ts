import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { LayerTree } from "../../../../src/fs/layer-tree.ts";
import { humanReadable } from "../../../../src/runtime/applets/human-readable.ts";
import { HOST_MEMORY_KB, meminfoText } from "../../../../src/runtime/host-resources.ts";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { BANNER, runSystem } from "./system-harness.ts";

/*
 * Where the expected outputs come from.
 *
 * Layout, rounding, option handling and messages were recorded from busybox 1.35 (Debian
 * 1:1.35.0-4+deb12u1+b1) in a default container on dockerd 20.10 on the build machine:
 *   docker run --rm --pull=never -v /tmp/t.sh:/t.sh busybox sh /t.sh
 * (df, df -h/-m/-P/-T/-a/-i/-B/-t, df PATH for /etc/hosts, /proc, /dev/null, /nosuch; free
 * -b/-k/-m/-g/-h/-x; uptime, uptime -s/-x), and `humanReadable` is checked below against the
 * real numbers seen there. The sizes themselves are drydock's model (`host-resources.ts`): a
 * ~62.7 GiB ext4 host disk with 10 GiB used by the host plus the container's own files, tmpfs
 * sized by `size=` (64M for /dev and /dev/shm, as Docker sets them), an idle 8 GiB host with no
 * swap, and load averages of 0.
 */

const HEADER = "Filesystem           1K-blocks      Used Available Use% Mounted on\n";
const DISK = "65789952  10485808  52014648  17%";

describe("df", () => {
  before(() => prepareUserland());

  it("lists the mounts with space, in /proc/mounts order", async () => {
    const run = await runSystem("df");
    assert.equal(
      run.stdout,
      `${HEADER}overlay               ${DISK} /\n` +
        "tmpfs                    65536         0     65536   0% /dev\n" +
        "shm                      65536         0     65536   0% /dev/shm\n" +
        `/dev/vda              ${DISK} /etc/resolv.conf\n` +
        `/dev/vda              ${DISK} /etc/hostname\n` +
        `/dev/vda              ${DISK} /etc/hosts\n`,
    );
    assert.equal(run.exitCode, 0);
  });

  it("shows every mount with -a and filters by type with -t", async () => {
    const all = await runSystem("df -a | cut -c1-30");
    assert.deepEqual(
      all.stdout.split("\n").map((line) => line.split(" ")[0]),
      ["Filesystem", "overlay", "proc", "tmpfs", "devpts", "sysfs", "mqueue", "shm"].concat([
        "/dev/vda",
        "/dev/vda",
        "/dev/vda",
        "",
      ]),
    );
    const proc = await runSystem("df -a -t proc");
    assert.equal(
      proc.stdout,
      `${HEADER}proc                         0         0         0   0% /proc\n`,
    );
  });

  it("formats -h, -m -P, -B, -i and -T as busybox does", async () => {
    const cases: readonly (readonly [string, string])[] = [
      [
        "df -h /",
        "Filesystem                Size      Used Available Use% Mounted on\n" +
          "overlay                  62.7G     10.0G     49.6G  17% /\n",
      ],
      [
        "df -m -P /dev",
        "Filesystem           1048576-blocks Used Available Capacity Mounted on\n" +
          "tmpfs                       64         0        64   0% /dev\n",
      ],
      [
        "df -hm / | head -1",
        "Filesystem                Size      Used Available Use% Mounted on\n",
      ],
      ["df -mk / | head -1", HEADER],
      [
        "df -B 2K /dev/shm",
        "Filesystem           2K-blocks      Used Available Use% Mounted on\n" +
          "shm                      32768         0     32768   0% /dev/shm\n",
      ],
      [
        "df -i /",
        "Filesystem              Inodes      Used Available Use% Mounted on\n" +
          "overlay                4112384    196894   3915490   5% /\n",
      ],
      [
        "df -PT /",
        "Filesystem           Type       1024-blocks    Used Available Capacity Mounted on\n" +
          `overlay              overlay     ${DISK} /\n`,
      ],
    ];
    for (const [script, stdout] of cases) {
      const run = await runSystem(script);
      assert.equal(run.stdout, stdout, script);
    }
  });

  it("finds the filesystem of a path as find_mount_point does", async () => {
    // /etc/hosts is on the host disk: the first /dev/vda line in the table answers for it.
    const run = await runSystem("df /etc/hosts /proc/self /dev/null /nosuch /etc");
    assert.equal(
      run.stdout,
      `${HEADER}/dev/vda              ${DISK} /etc/resolv.conf\n` +
        "proc                         0         0         0   0% /proc\n" +
        `overlay               ${DISK} /\n`,
    );
    assert.equal(
      run.stderr,
      "df: /dev/null: can't find mount point\ndf: /nosuch: can't find mount point\n",
    );
    assert.equal(run.exitCode, 1);
  });

  it("counts the container's own files: the overlay on the disk, tmpfs by pages", async () => {
    const run = await runSystem(
      "dd if=/dev/zero of=/big bs=1M count=10 2>/dev/null; echo x >/dev/shm/x; " +
        "dd if=/dev/zero of=/dev/shm/y bs=1k count=9 2>/dev/null; df / /dev/shm",
    );
    assert.equal(
      run.stdout,
      `${HEADER}overlay               65789952  10496048  52004408  17% /\n` +
        "shm                      65536        16     65520   0% /dev/shm\n",
    );
  });

  it("sizes a tmpfs without size= at half of memory, and a volume on the disk", async () => {
    const mounts = [
      { target: "/tt", fs: new LayerTree({ nowUs: 0 }), fsType: "tmpfs", device: "tmpfs" },
      { target: "/data", fs: new LayerTree({ nowUs: 0 }) },
    ];
    const run = await runSystem("df /tt /data", { mounts });
    assert.equal(
      run.stdout,
      `${HEADER}tmpfs                  4194304         0   4194304   0% /tt\n` +
        // The volume's own directory costs the disk one more 4 KiB block.
        "/dev/vda              65789952  10485812  52014644  17% /etc/resolv.conf\n",
    );
  });

  it("rejects bad options and sizes with busybox's messages", async () => {
    const bad = await runSystem("df -x");
    assert.equal(
      bad.stderr.split("\n").slice(0, 4).join("\n"),
      `df: invalid option -- 'x'\n${BANNER}\nUsage: df [-PkmhTai] [-B SIZE] [-t TYPE] [FILESYSTEM]...`,
    );
    assert.equal(bad.exitCode, 1);
    const zero = await runSystem("df -B 0 /");
    assert.equal(zero.stderr, "df: number 0 is not in 1..18446744073709551615 range\n");
    assert.equal(zero.stdout, "");
    const word = await runSystem("df -B x /");
    assert.equal(word.stderr, "df: invalid number 'x'\n");
    const missing = await runSystem("df -t");
    assert.match(missing.stderr, /^df: option requires an argument -- 't'\nBusyBox v1\.35\.0/);
  });
});

describe("make_human_readable_str", () => {
  it("rounds as busybox did for the real host's numbers", () => {
    assert.equal(humanReadable(264212084n, 1024n, 0n), "252.0G");
    assert.equal(humanReadable(25309240n, 1024n, 0n), "24.1G");
    assert.equal(humanReadable(81081672n, 1024n, 0n), "77.3G");
    assert.equal(humanReadable(16777216n, 1n, 0n), "16.0M");
    assert.equal(humanReadable(491324n, 1n, 0n), "479.8K");
    assert.equal(humanReadable(25276514304n, 1n, 0n), "23.5G");
    assert.equal(humanReadable(264212084n, 1024n, 1048576n), "258020");
    assert.equal(humanReadable(1024n, 0n, 0n), "1K");
    assert.equal(humanReadable(1048576n, 0n, 1n), "1048576");
    assert.equal(humanReadable(0n, 1024n, 0n), "0");
  });
});

describe("free", () => {
  before(() => prepareUserland());

  it("agrees with /proc/meminfo in every unit", async () => {
    const head =
      "              total        used        free      shared  buff/cache   available\n";
    const swap = "Swap:             0           0           0\n";
    const cases: readonly (readonly [string, string])[] = [
      ["free", "Mem:        8388608      425984     6815744        8192     1146880     7716864\n"],
      [
        "free -m",
        "Mem:           8192         416        6656           8        1120        7536\n",
      ],
      [
        "free -g",
        "Mem:              8           0           7           0           1           7\n",
      ],
      [
        "free -h",
        "Mem:           8.0G      416.0M        6.5G        8.0M        1.1G        7.4G\n",
      ],
      [
        "free -bm",
        "Mem:     8589934592   436207616  6979321856     8388608  1174405120  7902068736\n",
      ],
      [
        "free x",
        "Mem:        8388608      425984     6815744        8192     1146880     7716864\n",
      ],
    ];
    for (const [script, mem] of cases) {
      const run = await runSystem(script);
      assert.equal(run.stdout, `${head}${mem}${swap}`, script);
    }
    const meminfo = await runSystem("head -3 /proc/meminfo");
    assert.equal(
      meminfo.stdout,
      "MemTotal:        8388608 kB\nMemFree:         6815744 kB\nMemAvailable:    7716864 kB\n",
    );
    assert.equal(meminfoText().split("\n").length, Object.keys(HOST_MEMORY_KB).length + 1);
  });

  it("prints only the usage for an unknown option (no getopt message)", async () => {
    const run = await runSystem("free -x");
    assert.equal(run.stderr, `${BANNER}\nUsage: free [-bkmgh]\n\nDisplay free and used memory\n`);
    assert.equal(run.exitCode, 1);
  });
});

describe("uptime", () => {
  before(() => prepareUserland());

  it("counts from the simulated boot, as /proc/uptime does", async () => {
    const cases: readonly (readonly [string, string])[] = [
      ["uptime", " 00:00:00 up 0 min,  0 users,  load average: 0.00, 0.00, 0.00\n"],
      ["sleep 3600; uptime", " 01:00:00 up  1:00,  0 users,  load average: 0.00, 0.00, 0.00\n"],
      [
        "sleep 93780; uptime",
        " 02:03:00 up 1 day,  2:03,  0 users,  load average: 0.00, 0.00, 0.00\n",
      ],
      ["sleep 90; uptime -s", "2026-01-01 00:00:00\n"],
    ];
    for (const [script, stdout] of cases) {
      const run = await runSystem(script);
      assert.equal(run.stdout, stdout, script);
    }
  });

  it("rejects options other than -s", async () => {
    const run = await runSystem("uptime -x");
    assert.equal(
      run.stderr,
      `uptime: invalid option -- 'x'\n${BANNER}\nUsage: uptime\n\nDisplay the time since the last boot\n`,
    );
    assert.equal(run.exitCode, 1);
  });
});
