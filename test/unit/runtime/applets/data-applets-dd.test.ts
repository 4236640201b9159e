import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { allBytes, runScript } from "./data-harness.ts";

/*
 * Expected outputs were recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a real
 * container on dockerd 20.10 on the build machine, e.g.
 *   docker run --rm --pull=never busybox sh -c 'dd if=/dev/zero of=/big bs=1M count=5; ls -l /big'
 * Debian builds busybox without FEATURE_DD_THIRD_STATUS_LINE: dd prints only the records.
 */

const IN = { in: "abcdefghij" };

describe("dd", () => {
  before(() => prepareUserland());

  it("makes the 5 MiB file of the layer-size demo and reports the records", async () => {
    const run = await runScript("dd if=/dev/zero of=/big bs=1M count=5; echo rc=$?; ls -l /big");
    assert.equal(run.stderr, "5+0 records in\n5+0 records out\n");
    assert.match(run.stdout, /^rc=0\n-rw-r--r-- {4}1 0 {8}0 {10}5242880 /);
    const big = run.world.rootfs.view.readFile("/big");
    assert.equal(big.length, 5 * 1024 * 1024);
    assert.ok(big.every((byte) => byte === 0));
  });

  it("charges simulated time for the copy (≈ 0.3 ns per byte, 0.3 µs per record)", async () => {
    const run = await runScript("dd if=/dev/zero of=/dev/null bs=1 count=1000000 status=none");
    assert.equal(run.exitCode, 0);
    // 1e6 records × 300 ns + 1e6 bytes × 0.3 ns (a real container took 0.31 s).
    assert.ok(run.world.elapsedUs() >= 300_300, `elapsed ${run.world.elapsedUs()}`);
    assert.ok(run.world.elapsedUs() < 400_000, `elapsed ${run.world.elapsedUs()}`);
  });

  it("counts full and partial records, with sync, swab and separate ibs/obs", async () => {
    const cases: [string, string, string][] = [
      ["dd if=/in bs=3", "abcdefghij", "3+1 records in\n3+1 records out\n"],
      ["dd if=/in bs=4 conv=swab", "badcfehgji", "2+1 records in\n2+1 records out\n"],
      ["dd if=/in bs=4 conv=sync", "abcdefghij\0\0", "2+1 records in\n3+0 records out\n"],
      ["dd if=/in ibs=3 obs=4", "abcdefghij", "3+1 records in\n2+1 records out\n"],
      ["dd if=/in ibs=4 obs=3 conv=sync", "abcdefghij\0\0", "2+1 records in\n4+0 records out\n"],
      ["dd if=/in bs=3 skip=2", "ghij", "1+1 records in\n1+1 records out\n"],
      ["dd if=/in bs=3 skip=5", "", "0+0 records in\n0+0 records out\n"],
      ["dd if=/in bs=1 skip=3 count=2 iflag=skip_bytes", "de", "2+0 records in\n2+0 records out\n"],
      ["dd if=/in bs=4 count=6 iflag=count_bytes", "abcdef", "1+1 records in\n1+1 records out\n"],
      ["echo hello | dd bs=2 skip=1", "llo\n", "2+0 records in\n2+0 records out\n"],
      ["dd if=/in bs=3 count=0", "", "0+0 records in\n0+0 records out\n"],
      [
        "dd if=/in bs=3 conv=fsync,notrunc iflag=fullblock,direct oflag=direct status=noxfer",
        "abcdefghij",
        "3+1 records in\n3+1 records out\n",
      ],
      ["dd if=/in bs=1k status=none", "abcdefghij", ""],
    ];
    for (const [script, stdout, stderr] of cases) {
      const run = await runScript(script, IN);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], [stdout, stderr, 0], script);
    }
  });

  it("dies on an odd read before a second swab, keeping what it wrote", async () => {
    const run = await runScript("dd if=/in bs=3 conv=swab", IN);
    assert.deepEqual([run.stdout, run.stderr], ["bac", "dd: can't swab 3 byte buffer\n"]);
    assert.equal(run.exitCode, 1);
  });

  it("writes at seek=, truncating unless conv=notrunc, appending with oflag=append", async () => {
    const cases: [string, string][] = [
      ["seek=2", "0123ab"],
      ["seek=2 conv=notrunc", "0123ab6789"],
      ["seek=7 oflag=seek_bytes", "0123456ab"],
      ["seek=8", "0123456789\0\0\0\0\0\0ab"],
      ["oflag=append conv=notrunc", "0123456789ab"],
      ["oflag=append", "ab"],
      ["conv=notrunc", "ab23456789"],
    ];
    for (const [operands, expected] of cases) {
      const run = await runScript(`dd if=/in of=/out bs=2 count=1 ${operands}`, {
        ...IN,
        out: "0123456789",
      });
      assert.equal(run.stderr, "1+0 records in\n1+0 records out\n", operands);
      assert.equal(new TextDecoder().decode(run.world.rootfs.view.readFile("/out")), expected);
    }
  });

  it("copies every byte value through files, pipes and redirections unchanged", async () => {
    // (The runtime's top-level stdout is UTF-8 text today, for cat as for dd: checked in files.)
    const run = await runScript(
      "dd if=/bytes bs=7 status=none | dd of=/copy status=none; dd if=/copy status=none >/copy2",
      { bytes: allBytes() },
    );
    assert.deepEqual(run.world.rootfs.view.readFile("/copy"), allBytes());
    assert.deepEqual(run.world.rootfs.view.readFile("/copy2"), allBytes());
  });

  it("reads seeded bytes from /dev/urandom: the same seed gives the same file", async () => {
    const script = "dd if=/dev/urandom of=/r bs=1k count=3 status=none";
    const first = (await runScript(script)).world.rootfs.view.readFile("/r");
    const second = (await runScript(script)).world.rootfs.view.readFile("/r");
    assert.equal(first.length, 3072);
    assert.deepEqual(first, second);
    assert.ok(new Set(first).size > 200);
  });

  it("reports errors in busybox's words", async () => {
    const cases: [string, string, number][] = [
      ["dd if=/ of=/x", "dd: /: Is a directory\n", 1],
      [
        "dd if=/ of=/x conv=noerror count=2",
        "dd: /: Is a directory\ndd: /: Is a directory\n0+2 records in\n0+2 records out\n",
        0,
      ],
      [
        "dd if=/dev/zero of=/dev/full count=1",
        "dd: error writing '/dev/full': No space left on device\n1+0 records in\n0+0 records out\n",
        1,
      ],
      ["dd if=/dev/zero of=/ count=1", "dd: can't open '/': Is a directory\n", 1],
      ["dd if=/dev/zero of=/nodir/x", "dd: can't open '/nodir/x': No such file or directory\n", 1],
      ["dd if=/nosuch", "dd: can't open '/nosuch': No such file or directory\n", 1],
      ["dd if=/dev/tty", "dd: can't open '/dev/tty': No such device or address\n", 1],
      ["dd bs=0", "dd: number 0 is not in 1..9223372036854775807 range\n", 1],
      ["dd bs=1x", "dd: invalid number '1x'\n", 1],
      ["dd count=-1", "dd: invalid number '-1'\n", 1],
      ["dd bs=1T", "dd: invalid number '1T'\n", 1],
      ["dd bs=0x10", "dd: invalid number '0x10'\n", 1],
      ["dd 'bs= 5'", "dd: invalid number ' 5'\n", 1],
      ["dd status=foo", "dd: invalid argument 'foo' to 'status'\n", 1],
      ["dd conv=sync,foo", "dd: invalid argument 'foo' to 'conv'\n", 1],
      ["dd iflag=foo", "dd: invalid argument 'foo' to 'iflag'\n", 1],
      ["printf abc | dd bs=1 seek=2", "dd: standard output: Illegal seek\n", 1],
    ];
    for (const [script, stderr, exitCode] of cases) {
      const run = await runScript(script, IN);
      assert.deepEqual([run.stderr, run.exitCode], [stderr, exitCode], script);
    }
  });

  it("parses sizes with busybox's suffixes (decimal only, no octal or hex)", async () => {
    const cases: [string, number][] = [
      ["1kB", 1000],
      ["1b", 512],
      ["1w", 2],
      ["2c", 2],
      ["1MB", 1_000_000],
      ["1K", 1024],
      ["010", 10],
    ];
    for (const [size, bytes] of cases) {
      const run = await runScript(`dd bs=${size} count=1 if=/dev/zero 2>/dev/null | wc -c`);
      assert.equal(run.stdout, `${bytes}\n`, size);
    }
  });

  it("shows its usage for a bad operand (exit 1) and for --help (exit 0)", async () => {
    const bad = await runScript("dd foo");
    assert.equal(bad.exitCode, 1);
    assert.match(
      bad.stderr,
      /^BusyBox v1\.35\.0 \(Debian 1:1\.35\.0-4\+deb12u1\+b1\) multi-call binary\.\n\nUsage: dd \[if=FILE\]/,
    );
    assert.match(
      bad.stderr,
      /N may be suffixed by c \(1\), w \(2\), b \(512\), kB \(1000\), k \(1024\), MB, M, GB, G\n$/,
    );
    const help = await runScript("dd --help");
    assert.deepEqual([help.stderr, help.exitCode], [bad.stderr, 0]);
    const dashes = await runScript("dd -- count=0 </dev/null");
    assert.deepEqual([dashes.stderr, dashes.exitCode], ["0+0 records in\n0+0 records out\n", 0]);
  });

  it("stops a file at the simulator's size limit with EFBIG, and runs /dev/zero to /dev/null until killed", async () => {
    const big = await runScript("dd if=/dev/zero of=/f bs=1M count=300; echo rc=$?");
    assert.equal(
      big.stderr,
      "dd: error writing '/f': File too large\n257+0 records in\n256+0 records out\n",
    );
    assert.equal(big.world.rootfs.view.stat("/f").sizeBytes, 256 * 1024 * 1024);
    const endless = await runScript("timeout 2 dd if=/dev/zero of=/dev/null; echo rc=$?");
    assert.equal(endless.stdout, "rc=143\n");
  });
});
