import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { nodeScenarioSource } from "../../../src/cli/node-scenario-source.ts";
import { checkDeterminism, firstDifference } from "../../../src/scenario/check-determinism.ts";
import { readScenario } from "../../../src/scenario/read-scenario.ts";
import { runScenario } from "../../../src/scenario/scenario-runner.ts";
import { formatJsonl } from "../../../src/trace/formatters.ts";

const scenariosDir = join(import.meta.dirname, "..", "..", "..", "sim-scenarios");
/** Every scenario shipped in `sim-scenarios/`. */
const names = readdirSync(scenariosDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Output with the seed-dependent parts (IDs, digests of configs naming them, upload UUIDs) masked. */
function masked(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/[0-9a-f]{64}|[0-9a-f]{12}/g, "<id>");
}

test("every scenario is shipped with the five the issue names", () => {
  for (const name of [
    "seed-workflow",
    "cache-after-edit",
    "shared-base-layers",
    "slow-link-pull",
    "registry-outage-during-push",
  ])
    assert.ok(names.includes(name), name);
});

for (const name of names) {
  test(`${name}: same seed, byte-identical JSONL; another seed, other IDs and the same outcome`, async () => {
    const file = join(scenariosDir, name, "scenario.yaml");
    const scenario = readScenario({ file, source: nodeScenarioSource });
    const report = await checkDeterminism(scenario);
    assert.equal(report.identical, true, JSON.stringify(report.difference));
    assert.equal(report.first.passed, true);
    const other = await runScenario(scenario, { seed: 2 });
    assert.equal(other.seed, 2);
    assert.notEqual(formatJsonl(other.events), report.jsonl, "the seed reaches the world");
    assert.equal(other.passed, true);
    assert.equal(other.endUs - other.startUs, report.first.endUs - report.first.startUs);
    assert.deepEqual(
      other.steps.map((step) => [step.exitCode, masked(step.stdout), masked(step.stderr)]),
      report.first.steps.map((step) => [step.exitCode, masked(step.stdout), masked(step.stderr)]),
    );
    assert.deepEqual(
      other.events.map((event) => event.kind),
      report.first.events.map((event) => event.kind),
    );
  });
}

test("firstDifference names the first differing line", () => {
  assert.deepEqual(firstDifference("a\nb\nc\n", "a\nB\nc\n"), { line: 2, first: "b", second: "B" });
  assert.deepEqual(firstDifference("a\n", "a\nb\n"), { line: 2, first: "", second: "b" });
  assert.deepEqual(firstDifference("a", "a\nb"), { line: 2, first: "<end of trace>", second: "b" });
});
