/**
 * Golden traces of the scenarios in `sim-scenarios/`: each scenario's JSONL trace and text
 * walkthrough are compared byte for byte with `test/golden/<name>.jsonl` and `.txt`;
 * `UPDATE_GOLDEN=1` rewrites them (a changed golden is reviewed like code).
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { nodeScenarioSource } from "../../src/cli/node-scenario-source.ts";
import { firstDifference } from "../../src/scenario/check-determinism.ts";
import { readScenario } from "../../src/scenario/read-scenario.ts";
import { runScenario } from "../../src/scenario/scenario-runner.ts";
import { formatWalkthrough } from "../../src/scenario/walkthrough.ts";
import { formatJsonl } from "../../src/trace/formatters.ts";

const ROOT = join(import.meta.dirname, "..", "..");

/** Runs a scenario of `sim-scenarios/` and checks its goldens (or rewrites them). */
export async function checkGolden(name: string): Promise<void> {
  const scenario = readScenario({
    file: join(ROOT, "sim-scenarios", name, "scenario.yaml"),
    source: nodeScenarioSource,
  });
  const result = await runScenario(scenario);
  assert.equal(result.passed, true, `${name} failed:\n${formatWalkthrough(result)}`);
  compare(join(import.meta.dirname, `${name}.jsonl`), formatJsonl(result.events));
  compare(join(import.meta.dirname, `${name}.txt`), formatWalkthrough(result));
}

function compare(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === "1") {
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `no golden ${path}: run with UPDATE_GOLDEN=1 to write it`);
  const expected = readFileSync(path, "utf8");
  if (actual === expected) return;
  const d = firstDifference(expected, actual);
  assert.fail(
    `${path} differs at line ${d.line} (UPDATE_GOLDEN=1 rewrites it):\n  golden: ${d.first}\n  now:    ${d.second}`,
  );
}
