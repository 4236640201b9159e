import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";

/*
 * Expected outputs were recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a real
 * container on dockerd 20.10 on the build machine:
 *   docker run --rm --pull=never -v /tmp/ck:/ck -w /ck busybox sh -c 'CMD; echo rc=$?'
 * with the files below in /tmp/ck (so names are relative, as in check lists), one command per
 * case, stdout and stderr captured apart.
 */

const A256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
const E256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const FILES = {
  "ck/a": "hello\n",
  "ck/e": "",
  "ck/b": "x",
  "ck/d/.keep": "",
  "ck/sums": `${A256}  a\n${E256}  e\n`,
  "ck/badsum": `${A256}  b\n`,
  "ck/mixed": `garbage\n\n${A256}  a\n${E256}  e\n`,
  "ck/miss": "0000  nosuch\n",
  "ck/star": `${A256} *a\n`,
  "ck/onesp": `${A256} a`,
  "ck/nonl": `${A256}  a`,
  "ck/upper": `${A256.toUpperCase()}  a\n`,
  "ck/dirl": `${A256}  d\n`,
  "ck/empty": "",
  "ck/stdsum": "73cb3858a687a8494ca3323053016282f3dad39d42cf62ca4e79dda2aac7d9ac  -\n",
};

const WARN_1_OF_1 = "sha256sum: WARNING: 1 of 1 computed checksums did NOT match\n";

/** [command, stdout, stderr, exit code] */
const CASES: readonly (readonly [string, string, string, number])[] = [
  ["sha256sum a e", `${A256}  a\n${E256}  e\n`, "", 0],
  [
    "sha256sum nosuch a",
    `${A256}  a\n`,
    "sha256sum: can't open 'nosuch': No such file or directory\n",
    1,
  ],
  ["sha256sum d", "", "sha256sum: can't read 'd': Is a directory\n", 1],
  ["sha256sum ''", "", "sha256sum: can't open '': No such file or directory\n", 1],
  ["sha256sum -- -c", "", "sha256sum: can't open '-c': No such file or directory\n", 1],
  [
    "echo hi | sha256sum - a",
    `98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4  -\n${A256}  a\n`,
    "",
    0,
  ],
  ["md5sum a", "b1946ac92492d2347c6235b4d2611184  a\n", "", 0],
  ["sha1sum a", "f572d396fae9206628714fb2ce00f72e94f2258f  a\n", "", 0],
  [
    "sha512sum a",
    "e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629  a\n",
    "",
    0,
  ],
  ["sha3sum a", "5093b1ea1fed43f347b4bf8f8e61334e751516506e390b0fa67758d3  a\n", "", 0],
  [
    "sha3sum -a 256 a",
    "b314e28493eae9dab57ac4f0c6d887bddbbeb810e900d818395ace558e96516d  a\n",
    "",
    0,
  ],
  [
    "sha3sum -a 384 a",
    "459b2844fea6e3a937a8397c0d69c06d9c6c943e155da454c638f5424296e994fd0339ea234367ff014493b51adb9d2e  a\n",
    "",
    0,
  ],
  [
    "sha3sum -a 512 a",
    "ac766ba623301e0ad63c48cb2fc469d10145f65c9f1f28fe761c78c386ed295a1fda1b05e280354e620757d8a83e05a45f66438dd734278668c1c27ac6f27150  a\n",
    "",
    0,
  ],
  [
    "sha3sum -a 224 -a 0256 a",
    "b314e28493eae9dab57ac4f0c6d887bddbbeb810e900d818395ace558e96516d  a\n",
    "",
    0,
  ],
  ["sha3sum -a 100 a", "", "sha3sum: bad -a100\n", 1],
  ["sha3sum -a x a", "", "sha3sum: invalid number 'x'\n", 1],
  ["sha3sum -a 0x100 a", "", "sha3sum: invalid number '0x100'\n", 1],
  ["sha3sum -a +256 a", "", "sha3sum: invalid number '+256'\n", 1],
  ["sha3sum -a 4294967552 a", "", "sha3sum: invalid number '4294967552'\n", 1],
  ["crc32 a e b", "363a3020 a\n00000000 e\n8cdc1683 b\n", "", 0],
  ["echo hi | crc32", "ed6f7a7a\n", "", 0],
  ["crc32 - a </dev/null", "00000000 -\n363a3020 a\n", "", 0],
  [
    "crc32 e nosuch d",
    "00000000 e\n",
    "crc32: can't open 'nosuch': No such file or directory\ncrc32: d: Is a directory\n",
    1,
  ],
  ["sha256sum -c sums", "a: OK\ne: OK\n", "", 0],
  ["sha256sum -c badsum", "b: FAILED\n", WARN_1_OF_1, 1],
  ["sha256sum -cs badsum", "", "", 1],
  ["sha256sum -cs sums", "", "", 0],
  [
    "sha256sum -c mixed",
    "a: OK\ne: OK\n",
    "sha256sum: WARNING: 2 of 4 computed checksums did NOT match\n",
    1,
  ],
  [
    "sha256sum -cw mixed",
    "a: OK\ne: OK\n",
    "sha256sum: invalid format\nsha256sum: invalid format\nsha256sum: WARNING: 2 of 4 computed checksums did NOT match\n",
    1,
  ],
  ["sha256sum -csw mixed", "", "sha256sum: invalid format\nsha256sum: invalid format\n", 1],
  [
    "sha256sum -c miss",
    "nosuch: FAILED\n",
    `sha256sum: can't open 'nosuch': No such file or directory\n${WARN_1_OF_1}`,
    1,
  ],
  ["sha256sum -cs miss", "", "sha256sum: can't open 'nosuch': No such file or directory\n", 1],
  ["sha256sum -c < sums", "a: OK\ne: OK\n", "", 0],
  ["sha256sum -c - < sums", "a: OK\ne: OK\n", "", 0],
  ["sha256sum -c sums badsum", "a: OK\ne: OK\nb: FAILED\n", WARN_1_OF_1, 1],
  ["sha256sum -c badsum badsum", "b: FAILED\nb: FAILED\n", WARN_1_OF_1 + WARN_1_OF_1, 1],
  [
    "sha256sum -c sums nosuchfile sums",
    "a: OK\ne: OK\n",
    "sha256sum: nosuchfile: No such file or directory\n",
    1,
  ],
  ["sha256sum -cs nosuchfile", "", "sha256sum: nosuchfile: No such file or directory\n", 1],
  ["sha256sum -c d", "", "sha256sum: d: no checksum lines found\n", 1],
  ["sha256sum -cs empty", "", "sha256sum: empty: no checksum lines found\n", 1],
  ["sha256sum -c empty sums", "a: OK\ne: OK\n", "sha256sum: empty: no checksum lines found\n", 1],
  ["sha256sum -c star", "a: OK\n", "", 0],
  ["sha256sum -c onesp", "", WARN_1_OF_1, 1],
  ["sha256sum -c nonl", "a: OK\n", "", 0],
  ["sha256sum -c upper", "a: FAILED\n", WARN_1_OF_1, 1],
  [
    "sha256sum -c dirl",
    "d: FAILED\n",
    `sha256sum: can't read 'd': Is a directory\n${WARN_1_OF_1}`,
    1,
  ],
  ["sha256sum -c </dev/null", "", "sha256sum: -: no checksum lines found\n", 1],
  ["printf 'x\\n' | sha256sum -c stdsum", "-: OK\n", "", 0],
  ["sha256sum a -c sums", "a: OK\ne: OK\n", WARN_1_OF_1, 1],
  [
    "md5sum -c sums",
    "a: FAILED\ne: FAILED\n",
    "md5sum: WARNING: 2 of 2 computed checksums did NOT match\n",
    1,
  ],
  [
    "sha3sum -a 256 -c sums",
    "a: FAILED\ne: FAILED\n",
    "sha3sum: WARNING: 2 of 2 computed checksums did NOT match\n",
    1,
  ],
];

describe("md5sum, sha1sum, sha256sum, sha512sum, sha3sum and crc32", () => {
  before(() => prepareUserland());

  it("answer as busybox 1.35 does, case by case", async () => {
    for (const [command, stdout, stderr, exitCode] of CASES) {
      const run = await runScript(`cd /ck && ${command}`, FILES);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], [stdout, stderr, exitCode], command);
    }
  });

  it("show their usage for -s or -w without -c, and a bad option or missing value", async () => {
    for (const applet of ["md5sum", "sha1sum", "sha256sum", "sha512sum", "sha3sum"]) {
      const usage = (await runScript(`${applet} --help`)).stderr;
      assert.match(usage, new RegExp(`\\n\\nUsage: ${applet} \\[-c\\[sw\\]\\] `));
      for (const [script, head] of [
        [`${applet} -s /ck/a`, ""],
        [`${applet} -w /ck/a`, ""],
        [`${applet} -x`, `${applet}: invalid option -- 'x'\n`],
      ] as const) {
        const run = await runScript(script, FILES);
        assert.deepEqual([run.stdout, run.stderr, run.exitCode], ["", head + usage, 1], script);
      }
    }
    const sha3Usage = (await runScript("sha3sum --help")).stderr;
    const missing = await runScript("sha3sum -a");
    assert.equal(missing.stderr, `sha3sum: option requires an argument -- 'a'\n${sha3Usage}`);
    // The -s/-w check comes before -a's value is looked at.
    assert.equal((await runScript("sha3sum -a 100 -s /ck/a", FILES)).stderr, sha3Usage);
    const crcUsage = (await runScript("crc32 --help")).stderr;
    assert.match(crcUsage, /\n\nUsage: crc32 FILE\.\.\.\n/);
    assert.equal(
      (await runScript("crc32 -c /ck/a")).stderr,
      `crc32: invalid option -- 'c'\n${crcUsage}`,
    );
  });

  it("hash binary input byte for byte", async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const run = await runScript("md5sum /bin.dat; crc32 /bin.dat; cat /bin.dat | sha1sum", {
      "bin.dat": bytes,
    });
    // Values from `busybox md5sum`, `busybox crc32` and `busybox sha1sum` on bytes 0..255.
    assert.equal(run.stdout, EXPECTED_ALL_BYTES);
  });
});

const EXPECTED_ALL_BYTES =
  "e2c865db4162bed963bfaa9ef6ac18f0  /bin.dat\n29058c73 /bin.dat\n4916d6bdb7f78e6803698cab32d1586ea457dfc8  -\n";
