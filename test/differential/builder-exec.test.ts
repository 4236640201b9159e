/**
 * The builder against real Docker 20.10: every case of the corpus is replayed on drydock and
 * compared, step by step, with the normalised recording in test/fixtures/builder-exec/ — or,
 * with DRYDOCK_REAL=1 and a dockerd that starts, with a live run of the same case.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildRealBusybox, type RealDockerd, startRealDockerd } from "../support/real-docker.ts";
import { toyRunner } from "../unit/builder/executor/support/toy-runner.ts";
import { DIFF_CASES } from "./cases.ts";
import type { CaseRecording, DiffCase, StepRecord } from "./diff-case.ts";
import { recordCase, resetDaemon } from "./real-runner.ts";
import { replayCase } from "./sim-runner.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "builder-exec");
const LIVE = process.env.DRYDOCK_REAL === "1";

function recorded(testCase: DiffCase): readonly StepRecord[] {
  const path = join(FIXTURES, `${testCase.name}.json`);
  assert.ok(existsSync(path), `${testCase.name} has no recording: run test/differential/record.ts`);
  return (JSON.parse(readFileSync(path, "utf8")) as CaseRecording).steps;
}

function compare(
  testCase: DiffCase,
  expected: readonly StepRecord[],
  actual: readonly (StepRecord | undefined)[],
) {
  assert.equal(actual.length, expected.length, `${testCase.name}: step count`);
  expected.forEach((want, index) => {
    const got = actual[index];
    if (got === undefined) return; // a CLI command drydock cannot run without its daemon yet
    assert.deepEqual(got, want, `${testCase.name}, step ${index + 1}: ${want.command}`);
  });
}

describe("builder differential corpus (drydock vs Docker 20.10 recordings)", () => {
  it("has at least 20 cases with unique names, each recorded", () => {
    assert.ok(DIFF_CASES.length >= 20);
    assert.equal(new Set(DIFF_CASES.map((c) => c.name)).size, DIFF_CASES.length);
    for (const testCase of DIFF_CASES) assert.ok(recorded(testCase).length > 0, testCase.name);
  });

  for (const testCase of DIFF_CASES) {
    it(`${testCase.name}: ${testCase.about}`, { skip: testCase.pending }, async () => {
      compare(testCase, recorded(testCase), await replayCase(testCase, toyRunner));
    });
  }
});

describe("builder differential corpus (drydock vs a live Docker)", {
  skip: !LIVE && "set DRYDOCK_REAL=1",
}, () => {
  let daemon: RealDockerd | string = "not started";
  before(async () => {
    daemon = await startRealDockerd();
    if (typeof daemon !== "string") await buildRealBusybox(daemon);
  });
  after(async () => {
    if (typeof daemon !== "string") await daemon.stop();
  });
  for (const testCase of DIFF_CASES) {
    it(testCase.name, { skip: testCase.pending }, async (t) => {
      if (typeof daemon === "string") {
        t.skip(daemon);
        return;
      }
      resetDaemon(daemon.host);
      compare(testCase, recordCase(daemon.host, testCase), await replayCase(testCase, toyRunner));
    });
  }
});
