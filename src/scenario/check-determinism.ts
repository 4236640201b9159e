import { formatJsonl } from "../trace/formatters.ts";
import type { Scenario } from "./scenario.ts";
import type { ScenarioResult } from "./scenario-result.ts";
import { type RunScenarioOptions, runScenario } from "./scenario-runner.ts";

/** The verdict of a double run: the same bytes, or where they first differ. */
export interface DeterminismReport {
  readonly identical: boolean;
  readonly first: ScenarioResult;
  /** The JSONL trace of the first run. */
  readonly jsonl: string;
  /** 1-based line number and both versions of the first line that differs. */
  readonly difference?: { readonly line: number; readonly first: string; readonly second: string };
}

/** Runs a scenario twice with the same seed and compares the JSONL traces byte for byte. */
export async function checkDeterminism(
  scenario: Scenario,
  options: RunScenarioOptions = {},
): Promise<DeterminismReport> {
  const first = await runScenario(scenario, options);
  const second = await runScenario(scenario, options);
  const a = formatJsonl(first.events);
  const b = formatJsonl(second.events);
  if (a === b) return { identical: true, first, jsonl: a };
  return { identical: false, first, jsonl: a, difference: firstDifference(a, b) };
}

/** The first line where two texts differ (a missing line reads as `<end of trace>`). */
export function firstDifference(
  a: string,
  b: string,
): { line: number; first: string; second: string } {
  const left = a.split("\n");
  const right = b.split("\n");
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    if (left[index] !== right[index])
      return {
        line: index + 1,
        first: left[index] ?? "<end of trace>",
        second: right[index] ?? "<end of trace>",
      };
  }
  return { line: 0, first: "", second: "" };
}
