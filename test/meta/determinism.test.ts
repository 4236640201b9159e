import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readSource, sourceFiles, withoutComments } from "./source-files.ts";

/**
 * The simulated world must not read the wall clock or draw unseeded randomness: same seed, same
 * bytes. Only these files may, because they are the host's side of the boundary.
 */
const ALLOWED: readonly RegExp[] = [
  /^src\/clock\/system-clock\.ts$/,
  /^src\/clock\/event-loop\.ts$/, // drains the job queue with setImmediate; carries no time
  /^src\/real\//, // adapters to real dockerd and registries
  /^src\/node\//, // Node-only hosting: servers, disk stores, benchmarks' wall time
];

const BANNED: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /\bDate\.now\s*\(/, what: "Date.now()" },
  { pattern: /\bnew\s+Date\s*\(\s*\)/, what: "new Date() without an instant" },
  { pattern: /\bMath\.random\b/, what: "Math.random" },
  { pattern: /\b(setTimeout|setInterval|setImmediate|queueMicrotask)\s*\(/, what: "host timers" },
  { pattern: /\bperformance\.now\b/, what: "performance.now" },
  { pattern: /\brandomUUID\b/, what: "crypto.randomUUID" },
  { pattern: /\bgetRandomValues\b/, what: "crypto.getRandomValues" },
  { pattern: /\bprocess\.hrtime\b/, what: "process.hrtime" },
];

describe("determinism guard", () => {
  it("keeps wall time, host timers and unseeded randomness out of the simulated world", () => {
    const violations: string[] = [];
    for (const file of sourceFiles()) {
      if (ALLOWED.some((allowed) => allowed.test(file))) continue;
      const lines = withoutComments(readSource(file)).split("\n");
      lines.forEach((line, index) => {
        for (const { pattern, what } of BANNED) {
          if (pattern.test(line)) violations.push(`${file}:${index + 1}: ${what}: ${line.trim()}`);
        }
      });
    }
    assert.deepEqual(violations, []);
  });

  it("would catch a violation (the guard itself is live)", () => {
    const sample = withoutComments("const t = Date.now(); // Math.random is fine in a comment");
    assert.ok(BANNED.some(({ pattern }) => pattern.test(sample)));
    assert.ok(!BANNED.some(({ pattern }) => pattern.test(withoutComments("// Date.now()"))));
  });
});
