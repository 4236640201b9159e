/**
 * The simulator's time model against reality: each step of a scenario run on the simulator
 * (virtual time) and on real Docker (wall time: private dockerds, a real docker-registry 2.8.2,
 * links shaped by drydock's link proxies as the scenario says), side by side with their ratio.
 * By default the seed workflow and the slow-link pull; the README states the factor within which
 * they agree. Real runs: BENCH_RUNS (default 3), the median per step is shown.
 *
 *   node --import tsx bench/time-model.bench.ts [scenario-name …]
 */
import { join } from "node:path";
import { nodeScenarioSource } from "../src/cli/node-scenario-source.ts";
import { isDrydockError } from "../src/errors/drydock-error.ts";
import { readScenario } from "../src/scenario/read-scenario.ts";
import type { ScenarioResult } from "../src/scenario/scenario-result.ts";
import { backendNamed, scenarioBackends } from "../src/wiring/scenario-backends.ts";
import { formatTable, median } from "./support/stats.ts";

const REPO = join(import.meta.dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const names =
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["seed-workflow", "slow-link-pull"];

const container = scenarioBackends();
const sim = backendNamed(container, "sim");
const docker = backendNamed(container, "docker");

function stepMs(result: ScenarioResult): number[] {
  return result.steps.map((step) => (step.endUs - step.startUs) / 1_000);
}

const ratios: number[] = [];
try {
  for (const name of names) {
    const scenario = readScenario({
      file: join(REPO, "sim-scenarios", name, "scenario.yaml"),
      source: nodeScenarioSource,
    });
    const simulated = (await sim.run(scenario)).result;
    const real: ScenarioResult[] = [];
    try {
      for (let run = 0; run < RUNS; run++) real.push((await docker.run(scenario)).result);
    } catch (error) {
      if (!isDrydockError(error)) throw error;
      console.log(`${name}: real side skipped: ${error.message}`);
      continue;
    }
    const simMs = stepMs(simulated);
    const realMs = simulated.steps.map((_, index) =>
      median(real.map((r) => stepMs(r)[index] ?? Number.NaN)),
    );
    const realRange = (index: number) => {
      const all = real.map((r) => stepMs(r)[index] ?? Number.NaN);
      return `${Math.min(...all).toFixed(0)}–${Math.max(...all).toFixed(0)}`;
    };
    const rows = simulated.steps.map((step, index) => {
      const ratio = simMs[index]! / realMs[index]!;
      if (step.kind === "run" && Number.isFinite(ratio)) ratios.push(ratio);
      return [
        `${index + 1}. ${step.kind === "run" ? `${step.on} $ ${step.commandLine}` : step.kind}`,
        simMs[index]!.toFixed(0),
        realMs[index]!.toFixed(0),
        realRange(index),
        Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "-",
      ];
    });
    const total = (values: number[]) => values.reduce((sum, v) => sum + v, 0);
    rows.push([
      "total",
      total(simMs).toFixed(0),
      total(realMs).toFixed(0),
      "",
      `${(total(simMs) / total(realMs)).toFixed(2)}×`,
    ]);
    console.log(`\n${name} (real: median of ${real.length} runs)`);
    for (const line of formatTable([
      ["step", "sim ms", "real ms", "real range", "sim/real"],
      ...rows,
    ]))
      console.log(line);
  }
  if (ratios.length > 0) {
    const worst = Math.max(...ratios.map((r) => Math.max(r, 1 / r)));
    console.log(
      `\nworst step ratio: ${worst.toFixed(2)}× (sim/real between ${Math.min(...ratios).toFixed(2)} and ${Math.max(...ratios).toFixed(2)})`,
    );
  }
} finally {
  await docker.close?.();
}
