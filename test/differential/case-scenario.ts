/**
 * A differential case as a scenario, so the corpus runs through `scenario diff` (simulator vs
 * real Docker, the same comparison as `sim-scenarios/`): one host `dev` with busybox local, the
 * case's context in the client's working directory, each step a scenario step.
 *
 * Two step kinds have no scenario form and change shape: `touch` rewrites the file with the
 * same bytes (its mtime moves, its content does not: the cache must still hit), and `layers`
 * (docker save, read entry by entry) becomes a layer count through `docker image inspect` — the
 * whiteout entries themselves stay compared by `builder-exec.test.ts` against the recordings.
 */
import {
  DEFAULT_STEP_EVENT_COUNT_MAX,
  type Scenario,
  type ScenarioStep,
} from "../../src/scenario/scenario.ts";
import { materialize } from "./case-context.ts";
import type { CaseStep, DiffCase } from "./diff-case.ts";
import { caseSeed } from "./drydock-driver.ts";
import { argsOf } from "./run-case.ts";

const HOST = "dev";

/** The case as a scenario (`file` names the case, for messages). */
export function scenarioOfCase(testCase: DiffCase): Scenario {
  const files = new Map(
    Object.entries(testCase.files).map(([path, file]) => [path, materialize(file)]),
  );
  const steps = testCase.steps.map((step, index): ScenarioStep => stepOf(step, index, files));
  return {
    file: `test/differential corpus: ${testCase.name}`,
    name: testCase.name,
    description: testCase.about,
    seed: caseSeed(testCase.name),
    world: {
      hosts: [{ name: HOST, baseImages: ["busybox"] }],
      registries: [{ name: "docker.io", images: ["busybox"] }],
    },
    files: {
      [HOST]: [...files].map(([path, file]) => ({ path, data: file.data, mode: file.mode })),
    },
    steps,
    differences: [],
  };
}

function stepOf(
  step: CaseStep,
  index: number,
  files: Map<string, { data: Uint8Array; mode: number }>,
): ScenarioStep {
  if (step.kind === "write" || step.kind === "touch") {
    const before = files.get(step.path);
    if (step.kind === "write" && step.content === null)
      throw new Error(`a scenario cannot delete a client file (${step.path})`);
    const data =
      step.kind === "touch"
        ? (before?.data ?? new Uint8Array())
        : new TextEncoder().encode(step.content ?? "");
    const mode =
      step.kind === "write" ? (step.mode ?? before?.mode ?? 0o644) : (before?.mode ?? 0o644);
    files.set(step.path, { data, mode });
    return { kind: "write", index, on: HOST, files: [{ path: step.path, data, mode }] };
  }
  const argv =
    step.kind === "layers"
      ? ["image", "inspect", "--format", "{{len .RootFS.Layers}} layers", step.image]
      : argsOf(step);
  return {
    kind: "run",
    index,
    on: HOST,
    commandLine: ["docker", ...argv].map(quote).join(" "),
    argv,
    ...(step.kind === "build" && step.stdinDockerfile !== undefined
      ? { stdin: step.stdinDockerfile }
      : {}),
    expect: { exit: "any", stdoutContains: [], stderrContains: [], events: {}, files: {} },
    faults: [],
    eventCountMax: DEFAULT_STEP_EVENT_COUNT_MAX,
  };
}

/** A word as a shell would need it written. */
function quote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
