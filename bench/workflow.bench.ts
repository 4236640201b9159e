/**
 * The seed workflow scenario (build, push, pull, run) on drydock and on real Docker in the same
 * run, as ratios of wall times: in one process (target: drydock ≥ 100× faster), as the whole
 * `npm start` process (target ≥ 10×), and the memory of a world of 1, 10 and 100 hosts that all
 * pull the same image (blobs are held once per process, so memory grows with per-host metadata).
 * Real side: two private dockerds and a private docker-registry running the scenario's command
 * lines (skipped, with the reason, when they cannot start). See bench/README.md. Figures vary
 * with machine load: compare only figures from the same run.
 *
 *   node --import tsx bench/workflow.bench.ts
 *
 * Environment: BENCH_RUNS (default 3) real runs after one warm-up; BENCH_INPROCESS_RUNS (default
 * 20) in-process runs after BENCH_WARMUPS (default 5); BENCH_START_RUNS (default 5) whole-process
 * runs after one; BENCH_DOCKER=0 skips the real side, BENCH_MEMORY=0 the memory part.
 */
import { join } from "node:path";
import type { Scenario } from "../src/scenario/scenario.ts";
import {
  measureScenarioRuns,
  measureWorldSteps,
  type RunCounts,
} from "./support/in-process-workflow.ts";
import { measureMemory } from "./support/memory-table.ts";
import { runRealWorkflow, startRealWorkflowWorld } from "./support/real-workflow.ts";
import { type BenchStep, benchSteps, loadSeedScenario } from "./support/seed-scenario.ts";
import { measureStart } from "./support/start-process.ts";
import { formatMs, formatRatio, formatTable, median, verdict } from "./support/stats.ts";
import {
  describeRun,
  medianTimes,
  WORKFLOW_STEPS as STEPS,
  type WorkflowRun,
  type WorkflowStepTimes,
} from "./support/workflow-times.ts";

const REPO = join(import.meta.dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const COUNTS: RunCounts = {
  runs: Number(process.env.BENCH_INPROCESS_RUNS ?? 20),
  warmups: Number(process.env.BENCH_WARMUPS ?? 5),
};
const START_RUNS = Number(process.env.BENCH_START_RUNS ?? 5);

async function measureReal(
  scenario: Scenario,
  steps: readonly BenchStep[],
): Promise<WorkflowRun[] | undefined> {
  if (process.env.BENCH_DOCKER === "0") {
    console.log("real docker: skipped (BENCH_DOCKER=0)");
    return undefined;
  }
  const world = await startRealWorkflowWorld();
  if (typeof world === "string") {
    console.log(`real docker: skipped (${world})`);
    return undefined;
  }
  try {
    console.log(`real docker: ${world.layout}; registry ${world.registry.address}`);
    const registryNames = (scenario.world.registries ?? []).map((registry) => registry.name);
    const runs: WorkflowRun[] = [];
    for (let repetition = 0; repetition <= RUNS; repetition++) {
      const run = await runRealWorkflow(world, { steps, files: scenario.files, registryNames });
      if (repetition > 0) runs.push(run); // the first run warms the daemons' caches
      console.log(
        describeRun(`  real ${repetition === 0 ? "warm-up" : `run ${repetition}`}`, run.times),
      );
    }
    return runs;
  } finally {
    await world.stop();
  }
}

function stepRow(label: string, times: WorkflowStepTimes | undefined): string[] {
  return [label, ...STEPS.map((step) => formatMs(times?.[step])), formatMs(times?.total)];
}

function targetCells(realMs: number | undefined, oursMs: number, target: number): string[] {
  return [formatRatio(realMs, oursMs), `>= ${target}x`, verdict(realMs, oursMs, target)];
}

async function main(): Promise<void> {
  const scenario = loadSeedScenario(REPO);
  const steps = benchSteps(scenario);
  console.log(`node ${process.version}; scenario ${scenario.name}:`);
  for (const step of steps) console.log(`  ${step.on}: docker ${step.argv.join(" ")}`);
  const realRuns = await measureReal(scenario, steps);
  const real = realRuns && medianTimes(realRuns.map((run) => run.times));

  const worldRuns = await measureWorldSteps({ scenario, steps, counts: COUNTS });
  const world = medianTimes(worldRuns.map((run) => run.times));
  const scenarioRuns = await measureScenarioRuns(scenario, steps, COUNTS);
  const scenarioMs = median(scenarioRuns.totalsMs);
  const realOutput = realRuns?.[0]?.output;
  const ourOutput = worldRuns[0]?.output;
  console.log(
    `container output: drydock ${JSON.stringify(ourOutput)}, real ${JSON.stringify(realOutput)}`,
  );
  console.log(
    `scenario expectations: ${scenarioRuns.failedChecks.length === 0 ? "all held" : "some failed"}`,
  );
  for (const failed of scenarioRuns.failedChecks) console.log(`  failed: ${failed}`);
  const start = measureStart({ repo: REPO, runs: START_RUNS });

  console.log(
    `\nwall ms, medians (real: ${RUNS} runs; in process: ${COUNTS.runs} after ${COUNTS.warmups} warm-ups; whole process: ${START_RUNS})`,
  );
  const rows: string[][] = [["", ...STEPS, "total", "real/drydock", "target", ""]];
  rows.push(stepRow("real docker, a CLI process per step", real));
  rows.push([
    "drydock, runScenario (whole, in process)",
    "",
    "",
    "",
    "",
    formatMs(scenarioMs),
    ...targetCells(real?.total, scenarioMs, 100),
  ]);
  rows.push([
    ...stepRow("drydock, steps on a World (set-up untimed)", world),
    ...targetCells(real?.total, world.total, 100),
  ]);
  for (const measured of start) {
    const label = `drydock, whole process: ${measured.label}`;
    if (measured.medianMs === undefined) {
      rows.push([label, "", "", "", "", "-", "-", ">= 10x", `failed: ${measured.failure}`]);
      continue;
    }
    rows.push([
      label,
      "",
      "",
      "",
      "",
      formatMs(measured.medianMs),
      ...targetCells(real?.total, measured.medianMs, 10),
    ]);
  }
  rows.push(stepRow("(drydock's simulated time, not wall time)", scenarioRuns.virtual));
  for (const line of formatTable(rows)) console.log(line);
  if (process.env.BENCH_MEMORY !== "0") {
    console.log("");
    for (const line of measureMemory({ repo: REPO, hostCounts: [1, 10, 100] })) console.log(line);
  }
}

await main();
