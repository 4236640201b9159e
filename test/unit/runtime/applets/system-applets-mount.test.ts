import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { BANNER, runSystem } from "./system-harness.ts";

/*
 * Refusals recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a default container on
 * dockerd 20.10 on the build machine (`docker run --rm --pull=never busybox sh -c …`): mount(2)
 * and umount(2) need CAP_SYS_ADMIN. The listing is `/proc/mounts` in mount's own format; its
 * lines are drydock's mount table (checked against the file here, not against real Docker's,
 * which also has cgroup v1 and masked /proc paths drydock does not model).
 */

describe("mount and umount", () => {
  before(() => prepareUserland());

  it("lists /proc/mounts as `DEV on DIR type TYPE (OPTS)`, filtered by -t", async () => {
    const listed = await runSystem("mount");
    const table = await runSystem("cat /proc/mounts");
    const expected = table.stdout
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => {
        const [device, dir, type, options] = line.split(" ");
        return `${device} on ${dir} type ${type} (${options})\n`;
      })
      .join("");
    assert.equal(listed.stdout, expected);
    assert.match(listed.stdout, /^overlay on \/ type overlay \(rw,/);
    const tmpfs = await runSystem("mount -t tmpfs");
    assert.ok(
      tmpfs.stdout
        .split("\n")
        .slice(0, -1)
        .every((line) => line.includes(" type tmpfs ")),
    );
    assert.match(tmpfs.stdout, /^tmpfs on \/dev type tmpfs \(rw,nosuid,size=65536k,mode=755\)\n/);
  });

  it("refuses to mount or unmount, in busybox's words", async () => {
    for (const script of [
      "mount -t tmpfs none /mnt",
      "mount -o remount,ro /",
      "mount --bind /etc /mnt",
    ]) {
      const run = await runSystem(script);
      assert.deepEqual(
        [run.stdout, run.stderr, run.exitCode],
        ["", "mount: permission denied (are you root?)\n", 1],
        script,
      );
    }
    const umount = await runSystem("umount /etc/hosts /nosuch");
    assert.deepEqual(
      [umount.stderr, umount.exitCode],
      [
        "umount: can't unmount /etc/hosts: Operation not permitted\n" +
          "umount: can't unmount /nosuch: Operation not permitted\n",
        1,
      ],
    );
    const all = await runSystem("umount -a 2>&1 | tail -2");
    assert.equal(
      all.stdout,
      "umount: can't unmount /proc: Operation not permitted\n" +
        "umount: can't unmount /: Operation not permitted\n",
    );
    const bare = await runSystem("umount");
    assert.equal(bare.exitCode, 1);
    assert.ok(
      bare.stderr.startsWith(
        `${BANNER}\nUsage: umount [-rlfda] [-t FSTYPE] FILESYSTEM|DIRECTORY\n`,
      ),
    );
    const bad = await runSystem("mount -x");
    assert.ok(bad.stderr.startsWith(`mount: invalid option -- 'x'\n${BANNER}\nUsage: mount`));
  });
});
