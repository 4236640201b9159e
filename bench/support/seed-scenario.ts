/**
 * The seed workflow scenario (`sim-scenarios/seed-workflow/scenario.yaml`) read from disk, and
 * its docker commands as the benchmark's steps. Both sides of the workflow bench run exactly
 * these command lines (the real side with its own registry address and `--pull=never`).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { readScenario } from "../../src/scenario/read-scenario.ts";
import type { Scenario } from "../../src/scenario/scenario.ts";
import type { ScenarioSource } from "../../src/scenario/scenario-source.ts";
import { WORKFLOW_STEPS, type WorkflowStepName } from "./workflow-times.ts";

/** A docker command of the scenario, with the workflow step it is. */
export interface BenchStep {
  readonly on: string;
  readonly argv: readonly string[];
  readonly step: WorkflowStepName;
}

/** Scenario files from the real filesystem, paths relative to `root`. */
export function nodeScenarioSource(root: string): ScenarioSource {
  const files = (dir: string, out: { path: string; data: Uint8Array; mode: number }[]) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) files(path, out);
      else out.push({ path, data: readFileSync(path), mode: stat.mode & 0o7777 });
    }
    return out;
  };
  return {
    readText: (path) => {
      try {
        return readFileSync(join(root, path), "utf8");
      } catch {
        return undefined;
      }
    },
    listFiles: (dir) => {
      const top = join(root, dir);
      try {
        if (!statSync(top).isDirectory()) return undefined;
      } catch {
        return undefined;
      }
      return files(top, []).map((file) => ({ ...file, path: relative(top, file.path) }));
    },
    besides: (file, path) => join(dirname(file), path),
  };
}

/** Reads the seed workflow scenario of the checkout at `repo`. */
export function loadSeedScenario(repo: string): Scenario {
  const root = join(repo, "sim-scenarios/seed-workflow");
  return readScenario({ file: "scenario.yaml", source: nodeScenarioSource(root) });
}

/** The scenario's steps as build/push/pull/run commands; anything else is refused. */
export function benchSteps(scenario: Scenario): BenchStep[] {
  return scenario.steps.map((step) => {
    if (step.kind !== "run")
      throw new Error(`the bench runs docker commands only, not ${step.kind}`);
    const verb = step.argv.find((word) => !word.startsWith("-"));
    const known = WORKFLOW_STEPS.find((name) => name === verb);
    if (known === undefined)
      throw new Error(`the bench times build, push, pull and run, not: ${step.commandLine}`);
    return { on: step.on, argv: step.argv, step: known };
  });
}
