/**
 * The in-process side of the workflow bench, two ways, each in a fresh world per run (as each
 * scenario run starts from nothing, and as the real side starts each run cold):
 * - `measureScenarioRuns`: `runScenario` on the seed scenario, whole (world set-up, steps,
 *   expectation checks), the figure the target is about;
 * - `measureWorldSteps`: the scenario's world and commands through the `World` API, each step
 *   timed (world set-up not timed, as the real daemons' start is not).
 */
import type { Scenario } from "../../src/scenario/scenario.ts";
import { runScenario } from "../../src/scenario/scenario-runner.ts";
import { memRegistryServer } from "../../src/world/mem-registry-server.ts";
import { World } from "../../src/world/world.ts";
import { runWorldSteps } from "./client-workflow.ts";
import type { BenchStep } from "./seed-scenario.ts";
import { sumTimes, type WorkflowRun, type WorkflowStepTimes } from "./workflow-times.ts";

/** How many runs: `warmups` first (module loading, V8 compiling the hot paths), then `runs`. */
export interface RunCounts {
  readonly runs: number;
  readonly warmups: number;
}

/**
 * Whole `runScenario` wall times; of the last run, the failed checks (empty: passed) and the
 * simulated (virtual) time each step took, which is the same in every run.
 */
export interface ScenarioRuns {
  readonly totalsMs: readonly number[];
  readonly failedChecks: readonly string[];
  readonly virtual: WorkflowStepTimes;
}

/** Times `runScenario(scenario)` in this process; `steps` are its `benchSteps`. */
export async function measureScenarioRuns(
  scenario: Scenario,
  steps: readonly BenchStep[],
  counts: RunCounts,
): Promise<ScenarioRuns> {
  const totalsMs: number[] = [];
  let failedChecks: string[] = [];
  let virtual = sumTimes([]);
  for (let index = 0; index < counts.warmups + counts.runs; index++) {
    const started = performance.now();
    const result = await runScenario(scenario);
    const elapsed = performance.now() - started;
    if (index >= counts.warmups) totalsMs.push(elapsed);
    failedChecks = result.steps.flatMap((step) =>
      step.checks
        .filter((check) => !check.passed)
        .map(
          (check) =>
            `step ${step.index} ${check.what}: expected ${JSON.stringify(check.expected)}, got ${JSON.stringify(check.actual)}`,
        ),
    );
    virtual = sumTimes(
      result.steps.map((step, at) => ({
        step: steps[at]!.step,
        ms: (step.endUs - step.startUs) / 1000,
      })),
    );
  }
  return { totalsMs, failedChecks, virtual };
}

/** Times each step of the scenario's commands on its world, through the World API. */
export async function measureWorldSteps(options: {
  scenario: Scenario;
  steps: readonly BenchStep[];
  counts: RunCounts;
}): Promise<WorkflowRun[]> {
  const { scenario, counts } = options;
  const runs: WorkflowRun[] = [];
  for (let index = 0; index < counts.warmups + counts.runs; index++) {
    const world = await World.create(scenario.world, {
      seed: scenario.seed,
      registryServer: memRegistryServer,
    });
    const run = await runWorldSteps({ world, steps: options.steps, files: scenario.files });
    if (index >= counts.warmups) runs.push(run);
  }
  return runs;
}
