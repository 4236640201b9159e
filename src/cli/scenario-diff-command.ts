/**
 * `drydock scenario diff`: runs scenarios on the simulator and on real Docker and reports every
 * difference a user could observe (see `src/scenario/diff/`). When real Docker cannot run here it
 * says why and compares with the recording of an earlier real run kept beside the scenario
 * (`docker-recording.json`, written by `--record`).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CommandIo } from "../client/command-io.ts";
import { DrydockError, isDrydockError } from "../errors/drydock-error.ts";
import { observedRunOf } from "../scenario/backend/observe-run.ts";
import type { ScenarioBackend } from "../scenario/backend/scenario-backend.ts";
import { type DiffReport, diffRuns } from "../scenario/diff/diff-runs.ts";
import { formatDiffReport } from "../scenario/diff/format-diff-report.ts";
import { inspectWorld } from "../scenario/diff/inspect-world.ts";
import type { ObservedHost, ObservedRun } from "../scenario/diff/observed-run.ts";
import { readScenario } from "../scenario/read-scenario.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { ScenarioResult } from "../scenario/scenario-result.ts";
import { backendNamed, scenarioBackends } from "../wiring/scenario-backends.ts";
import { nodeScenarioSource } from "./node-scenario-source.ts";
import { scenarioFile, scenarioRoots } from "./scenario-command.ts";

/** The recording of a real run beside its scenario. */
export const RECORDING_FILE = "docker-recording.json";

interface DiffArgs {
  readonly targets: readonly string[];
  readonly recorded: boolean;
  readonly record: boolean;
  readonly format: "text" | "json";
}

/** What `--record` keeps of a real run: what a user observed and whether its expectations held. */
export interface RealRecording {
  readonly passed: boolean;
  /** Expectations that failed on real Docker (`step 3: duration: expected <= 0.2s, got 0.9s`). */
  readonly failedChecks: readonly string[];
  readonly observed: ObservedRun;
}

/** One scenario's comparison, as `--format json` prints it and the README table reads it. */
export interface ScenarioDiffOutcome {
  readonly name: string;
  /** `live` (real Docker ran now) or `recorded` (compared with docker-recording.json). */
  readonly real: "live" | "recorded";
  readonly simPassed: boolean;
  /** Whether the scenario's expectations held on real Docker (live or as recorded). */
  readonly realPassed: boolean;
  readonly realFailedChecks: readonly string[];
  readonly report: DiffReport;
}

/** Runs the command; the exit code is 1 when a difference is undeclared or a side cannot run. */
export async function runScenarioDiff(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseDiffArgs(argv);
  if (typeof args === "string") {
    io.stderr.write(`drydock scenario diff: ${args}\n`);
    return 2;
  }
  const container = scenarioBackends();
  const sim = backendNamed(container, "sim");
  const docker = backendNamed(container, "docker");
  let exitCode = 0;
  const outcomes: ScenarioDiffOutcome[] = [];
  const limitations = new Set<string>();
  try {
    for (const target of args.targets) {
      const file = scenarioFile(target);
      if (file === undefined) {
        io.stderr.write(`drydock scenario diff: no scenario "${target}"\n`);
        exitCode = 1;
        continue;
      }
      const scenario = readScenario({ file, source: nodeScenarioSource });
      try {
        const recording = join(dirname(file), RECORDING_FILE);
        const outcome = await diffScenario({
          scenario,
          recording,
          sim,
          docker,
          args,
          io,
          limitations,
        });
        outcomes.push(outcome);
        if (args.format === "text") io.stdout.write(`${describeOutcome(outcome)}\n`);
        if (outcome.report.undeclared > 0) exitCode = 1;
      } catch (error) {
        if (!isDrydockError(error)) throw error;
        io.stderr.write(`drydock scenario diff: ${scenario.name}: ${error.message}\n`);
        exitCode = 1;
      }
    }
  } finally {
    await docker.close?.();
  }
  for (const line of limitations) io.stderr.write(`docker backend: not reproduced: ${line}\n`);
  if (args.format === "json") io.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
  return exitCode;
}

/** Both sides of one scenario, compared. */
export async function diffScenario(options: {
  readonly scenario: Scenario;
  /** Where the real run's recording is read from (a fallback) or written to (`record`). */
  readonly recording: string;
  readonly sim: ScenarioBackend;
  readonly docker: ScenarioBackend;
  readonly args: Pick<DiffArgs, "recorded" | "record">;
  readonly io: CommandIo;
  /** Collects what the docker backend does not reproduce (the same for most scenarios). */
  readonly limitations?: Set<string>;
}): Promise<ScenarioDiffOutcome> {
  const { scenario, io } = options;
  const simRun = await options.sim.run(scenario, { inspect: inspectWorld });
  const simObserved = observedRunOf("sim", simRun.result, simRun.inspected ?? []);
  const { recording } = options;
  let real: RealRecording & { how: "live" | "recorded" };
  if (options.args.recorded) {
    real = { ...readRecording(recording), how: "recorded" };
  } else {
    try {
      const run = await options.docker.run(scenario, { inspect: inspectWorld });
      const observed = observedRunOf("docker", run.result, run.inspected ?? ([] as ObservedHost[]));
      for (const line of run.limitations) options.limitations?.add(line);
      const kept: RealRecording = {
        passed: run.result.passed,
        failedChecks: failedChecks(run.result),
        observed,
      };
      real = { ...kept, how: "live" };
      if (options.args.record) writeFileSync(recording, `${JSON.stringify(kept, null, 1)}\n`);
    } catch (error) {
      if (!isDrydockError(error) || error.code !== "Unavailable") throw error;
      io.stderr.write(
        `${scenario.name}: ${error.message}; comparing with the recorded real run (${recording})\n`,
      );
      real = { ...readRecording(recording), how: "recorded" };
    }
  }
  const report = diffRuns(simObserved, real.observed, scenario.differences);
  return {
    name: scenario.name,
    real: real.how,
    simPassed: simRun.result.passed,
    realPassed: real.passed,
    realFailedChecks: real.failedChecks,
    report,
  };
}

/** The report of one scenario, headed by its name and followed by both sides' expectations. */
export function describeOutcome(outcome: ScenarioDiffOutcome): string {
  const real = outcome.real === "live" ? "real Docker" : "real Docker (recorded run)";
  const lines = [
    `# ${outcome.name}`,
    formatDiffReport(outcome.report).trimEnd(),
    `expectations: simulator ${outcome.simPassed ? "pass" : "FAIL"}, ${real} ${outcome.realPassed ? "pass" : "FAIL"}`,
    ...outcome.realFailedChecks.map((line) => `  on real Docker: ${line}`),
  ];
  return `${lines.join("\n")}\n`;
}

/** Each failed expectation of a run, one line each. */
export function failedChecks(result: ScenarioResult): string[] {
  return result.steps.flatMap((step) =>
    step.checks
      .filter((check) => !check.passed)
      .map(
        (check) =>
          `step ${step.index + 1}: ${check.what}: expected ${check.expected}, got ${check.actual}`,
      ),
  );
}

function readRecording(path: string): RealRecording {
  if (!existsSync(path))
    throw new DrydockError(
      "NotFound",
      `no recording of a real run at ${path} (make one with --record where Docker runs)`,
    );
  return JSON.parse(readFileSync(path, "utf8")) as RealRecording;
}

function parseDiffArgs(argv: readonly string[]): DiffArgs | string {
  const targets: string[] = [];
  let recorded = false;
  let record = false;
  let format: DiffArgs["format"] = "text";
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "--recorded") recorded = true;
    else if (arg === "--record") record = true;
    else if (arg === "--all") targets.push(...allScenarios());
    else if (arg === "--format" || arg.startsWith("--format=")) {
      const value = arg.includes("=") ? arg.slice(9) : argv[++index];
      if (value !== "text" && value !== "json") return "--format takes text or json";
      format = value;
    } else if (arg.startsWith("-")) return `unknown flag ${arg}`;
    else targets.push(arg);
  }
  if (targets.length === 0) return "name a scenario (file, folder or name) or --all";
  if (recorded && record) return "--record needs a live run; it cannot go with --recorded";
  return { targets, recorded, record, format };
}

/** Every scenario folder of the first `sim-scenarios/` found. */
function allScenarios(): string[] {
  const root = scenarioRoots()[0];
  if (root === undefined) return [];
  return readdirSync(root)
    .sort()
    .map((name) => join(root, name))
    .filter((path) => statSync(path).isDirectory() && scenarioFile(path) !== undefined);
}
