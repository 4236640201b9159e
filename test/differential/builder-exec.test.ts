/**
 * drydock against real Docker 20.10: every case of the corpus runs through drydock's client on a
 * memory engine (daemon, builder, just-bash runtime, offline busybox) and is compared, step by
 * step, with the normalised recording in test/fixtures/builder-exec/ — or, with DRYDOCK_REAL=1
 * and a dockerd that starts, with a live run of the same case on that dockerd.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildRealBusybox, type RealDockerd, startRealDockerd } from "../support/real-docker.ts";
import { DIFF_CASES } from "./cases.ts";
import type { CaseRecording, DiffCase, StepRecord } from "./diff-case.ts";
import { DockerDriver, resetDaemon } from "./docker-driver.ts";
import { caseSeed, DrydockDriver } from "./drydock-driver.ts";
import { runCase } from "./run-case.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "builder-exec");
const LIVE = process.env.DRYDOCK_REAL === "1";

function recorded(testCase: DiffCase): readonly StepRecord[] {
  const path = join(FIXTURES, `${testCase.name}.json`);
  assert.ok(existsSync(path), `${testCase.name} has no recording: run test/differential/record.ts`);
  return (JSON.parse(readFileSync(path, "utf8")) as CaseRecording).steps;
}

/** The case on drydock, through its client. */
async function onDrydock(testCase: DiffCase): Promise<StepRecord[]> {
  const driver = await DrydockDriver.open(caseSeed(testCase.name));
  try {
    return await runCase(driver, testCase);
  } finally {
    await driver.close();
  }
}

function compare(
  testCase: DiffCase,
  expected: readonly StepRecord[],
  actual: readonly StepRecord[],
) {
  expected.forEach((want, index) => {
    assert.deepEqual(actual[index], want, `${testCase.name}, step ${index + 1}: ${want.command}`);
  });
  assert.equal(actual.length, expected.length, `${testCase.name}: step count`);
}

describe("differential corpus (drydock vs Docker 20.10 recordings)", () => {
  it("has at least 25 cases with unique names, each recorded", () => {
    assert.ok(DIFF_CASES.length >= 25);
    assert.equal(new Set(DIFF_CASES.map((c) => c.name)).size, DIFF_CASES.length);
    for (const testCase of DIFF_CASES) assert.ok(recorded(testCase).length > 0, testCase.name);
  });

  for (const testCase of DIFF_CASES) {
    it(`${testCase.name}: ${testCase.about}`, async () => {
      compare(testCase, recorded(testCase), await onDrydock(testCase));
    });
  }
});

describe("differential corpus (drydock vs a live Docker)", {
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
    it(testCase.name, async (t) => {
      if (typeof daemon === "string") {
        t.skip(daemon);
        return;
      }
      await resetDaemon(daemon.host);
      const driver = new DockerDriver(daemon.host, testCase.name);
      try {
        compare(testCase, await runCase(driver, testCase), await onDrydock(testCase));
      } finally {
        await driver.close();
      }
    });
  }
});
