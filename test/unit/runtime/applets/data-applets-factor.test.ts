import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import { primeFactors } from "../../../../src/runtime/applets/prime-factors.ts";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";

/*
 * Expected outputs recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1), the same binary
 * as the busybox image's, on the build machine: `busybox factor …`.
 */

describe("factor", () => {
  before(() => prepareUserland());

  it("factors 64-bit numbers as busybox does", async () => {
    const run = await runScript(
      "factor 0 1 2 12 97 18446744073709551615 18446744073709551557 4294967297 1000000016000000063 010 ' 12' +12",
    );
    assert.equal(
      run.stdout,
      "0:\n1:\n2: 2\n12: 2 2 3\n97: 97\n18446744073709551615: 3 5 17 257 641 65537 6700417\n" +
        "18446744073709551557: 18446744073709551557\n4294967297: 641 6700417\n" +
        "1000000016000000063: 1000000007 1000000009\n10: 2 5\n12: 2 2 3\n12: 2 2 3\n",
    );
    assert.equal(run.exitCode, 0);
    const words = await runScript("printf '4\\t6\\n\\n  9' | factor");
    assert.equal(words.stdout, "4: 2 2\n6: 2 3\n9: 3 3\n");
  });

  it("stops with its usage at the first word that is no number", async () => {
    const usage = (await runScript("factor --help")).stderr;
    assert.match(usage, /\n\nUsage: factor \[NUMBER\]\.\.\.\n/);
    for (const [script, stdout] of [
      ["factor x", ""],
      ["factor 6 x 8", "6: 2 3\n"],
      ["factor 18446744073709551616", ""],
      ["factor -- 5", ""],
      ["factor 0x10", ""],
      ["factor '12 '", ""],
      ["factor ''", ""],
      ["printf '6 8\\n 9 x 10' | factor", "6: 2 3\n8: 2 2 2\n9: 3 3\n"],
    ] as const) {
      const run = await runScript(script);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], [stdout, usage, 1], script);
    }
  });

  it("gives primes whose product is the number", () => {
    const isPrimeByTrial = (p: bigint) => {
      for (let d = 2n; d * d <= p; d++) if (p % d === 0n) return false;
      return p >= 2n;
    };
    fc.assert(
      fc.property(fc.bigInt({ min: 2n, max: 2n ** 40n }), (n) => {
        const factors = primeFactors(n);
        assert.equal(
          factors.reduce((a, b) => a * b, 1n),
          n,
        );
        for (const p of factors) assert.ok(isPrimeByTrial(p), `${p}`);
        assert.deepEqual(
          [...factors].sort((a, b) => (a < b ? -1 : 1)),
          factors,
        );
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 2n, max: 2n ** 64n - 1n }), (n) => {
        assert.equal(
          primeFactors(n).reduce((a, b) => a * b, 1n),
          n,
        );
      }),
      { numRuns: 200 },
    );
  });
});
