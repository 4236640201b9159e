/**
 * Every scenario of `sim-scenarios/` and every case of the differential corpus through `scenario
 * diff` (simulator vs real Docker), with real Docker live when it can run here, else its
 * recordings: `sim-scenarios/<name>/docker-recording.json` and
 * `test/fixtures/scenario-diff-corpus/<case>.json` (written by `record: true`).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { nodeScenarioSource } from "../../src/cli/node-scenario-source.ts";
import {
  diffScenario,
  RECORDING_FILE,
  type ScenarioDiffOutcome,
} from "../../src/cli/scenario-diff-command.ts";
import type { CommandIo } from "../../src/client/command-io.ts";
import { readScenario } from "../../src/scenario/read-scenario.ts";
import type { Scenario } from "../../src/scenario/scenario.ts";
import { backendNamed, scenarioBackends } from "../../src/wiring/scenario-backends.ts";
import { scenarioOfCase } from "./case-scenario.ts";
import { DIFF_CASES } from "./cases.ts";

const REPO = join(import.meta.dirname, "..", "..");
export const CORPUS_RECORDINGS: string = join(REPO, "test", "fixtures", "scenario-diff-corpus");

/** One scenario or case to compare, with where its real run is recorded. */
export interface DiffSubject {
  readonly kind: "scenario" | "corpus";
  readonly scenario: Scenario;
  readonly recording: string;
}

/** The five (or more) sim-scenarios, by folder name. */
export function scenarioSubjects(): DiffSubject[] {
  const root = join(REPO, "sim-scenarios");
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      kind: "scenario" as const,
      scenario: readScenario({
        file: join(root, name, "scenario.yaml"),
        source: nodeScenarioSource,
      }),
      recording: join(root, name, RECORDING_FILE),
    }));
}

/** Every corpus case as a scenario. */
export function corpusSubjects(): DiffSubject[] {
  return DIFF_CASES.map((testCase) => ({
    kind: "corpus" as const,
    scenario: scenarioOfCase(testCase),
    recording: join(CORPUS_RECORDINGS, `${testCase.name}.json`),
  }));
}

/** Runs the subjects one by one; `notes` receives what the command would print on stderr. */
export async function diffSubjects(
  subjects: readonly DiffSubject[],
  options: { recorded: boolean; record: boolean; notes?: (text: string) => void },
): Promise<(ScenarioDiffOutcome & { kind: DiffSubject["kind"] })[]> {
  const container = scenarioBackends();
  const sim = backendNamed(container, "sim");
  const docker = backendNamed(container, "docker");
  const sink = { write: (chunk: string | Uint8Array) => options.notes?.(String(chunk)) };
  const io = { stdout: sink, stderr: sink } as unknown as CommandIo;
  const outcomes: (ScenarioDiffOutcome & { kind: DiffSubject["kind"] })[] = [];
  try {
    for (const subject of subjects) {
      const outcome = await diffScenario({
        scenario: subject.scenario,
        recording: subject.recording,
        sim,
        docker,
        args: { recorded: options.recorded, record: options.record },
        io,
      });
      outcomes.push({ ...outcome, kind: subject.kind });
    }
  } finally {
    await docker.close?.();
  }
  return outcomes;
}

/** The README's table: one row per scenario and case, its result on each backend and the diff. */
export function formatDiffTable(
  outcomes: readonly (ScenarioDiffOutcome & { kind: string })[],
): string {
  const rows = outcomes.map((outcome) => {
    const { report } = outcome;
    const differences =
      report.undeclared > 0
        ? `**${report.undeclared} undeclared**${report.declared > 0 ? `, ${report.declared} declared` : ""}`
        : report.declared > 0
          ? `${report.declared} declared`
          : "none";
    const failed = outcome.realFailedChecks.length;
    // Corpus cases set no expectations: there is nothing to pass or fail but the diff.
    const sim = outcome.kind === "corpus" ? "–" : outcome.simPassed ? "pass" : "FAIL";
    const real =
      outcome.kind === "corpus"
        ? "–"
        : outcome.realPassed
          ? "pass"
          : `FAIL (${failed} expectation${failed === 1 ? "" : "s"})`;
    const name = outcome.kind === "scenario" ? outcome.name : `corpus: ${outcome.name}`;
    return `| ${name} | ${sim} | ${real} | ${report.equalSteps}/${report.steps.length} | ${differences} |`;
  });
  return [
    "| scenario or corpus case | expectations on the simulator | on real Docker | steps equal | differences |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
