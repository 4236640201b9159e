import { formatDuration } from "../clock/time-format.ts";
import { type TraceEvent, WORKFLOW_STEP_TITLES, type WorkflowStep } from "../trace/trace-event.ts";
import { describeEvent } from "./describe-event.ts";
import { foldProgress } from "./fold-progress.ts";
import type { ScenarioResult, StepResult } from "./scenario-result.ts";
import { formatOffsetSeconds } from "./units.ts";

/** Which workflow steps a command's own work covers (DESIGN.md §1). */
const COMMAND_STEPS: Readonly<Record<number, readonly WorkflowStep[]>> = {
  1: [1, 2, 3],
  4: [4, 5],
  6: [6],
  7: [7, 8, 9],
};

/**
 * The text report of a run: for each scenario step its command, then what happened, grouped
 * under the workflow step (1–9) it belongs to, each line with its virtual time since the start
 * (`[step 5 +0.412s] dev daemon: layer sha256:ab12cd34ef56 uploaded (1.2 kB)`); events of another
 * step happening inside a command (the base image pulled by `FROM`, the containers of `RUN`) are
 * shown indented under the step that caused them. Then the command's output (layer progress
 * lines of pull and push folded: `foldProgress`), exit code and checked expectations, and at
 * the end the verdict and the virtual time taken.
 */
export function formatWalkthrough(result: ScenarioResult): string {
  const real = result.backend === "docker";
  const lines: string[] = [
    real
      ? `Scenario ${result.name} (on real Docker)`
      : `Scenario ${result.name} (seed ${result.seed})`,
  ];
  for (const step of result.steps) lines.push("", ...stepLines(result, step));
  const failed = result.steps.filter((step) => !step.passed).map((step) => step.index + 1);
  lines.push(
    "",
    `${real ? "Real" : "Virtual"} time: ${formatDuration(result.endUs - result.startUs)} for ${result.steps.length} step${result.steps.length === 1 ? "" : "s"}.`,
    result.passed
      ? "Result: PASS"
      : `Result: FAIL (step${failed.length > 1 ? "s" : ""} ${failed.join(", ")})`,
  );
  return `${lines.join("\n")}\n`;
}

function stepLines(result: ScenarioResult, step: StepResult): string[] {
  const head =
    step.kind === "sleep"
      ? "(time passes)"
      : step.kind === "write"
        ? `${step.on}: files change`
        : `${step.on} $ ${step.commandLine}`;
  const lines = [`== ${step.index + 1}. ${head}`];
  if (step.note !== undefined) lines.push(`   # ${step.note}`);
  const events = result.events.slice(step.firstSeq, step.endSeq);
  const commandStep = events.find((event) => event.kind === "client.command.start")?.step;
  const own = commandStep === undefined ? undefined : COMMAND_STEPS[commandStep];
  let current: WorkflowStep | undefined;
  const headed = new Set<WorkflowStep>();
  for (const event of events) {
    const text = describeEvent(event);
    if (text === undefined) continue;
    const nested =
      event.step !== undefined &&
      own !== undefined &&
      !own.includes(event.step) &&
      current !== undefined;
    const shown = nested ? current : event.step;
    if (!nested && event.step !== undefined && event.step !== current) {
      current = event.step;
      // Steps 2 and 3 alternate once per instruction: each title once per command is enough.
      if (!headed.has(current)) lines.push(`   Step ${current}: ${WORKFLOW_STEP_TITLES[current]}`);
      headed.add(current);
    }
    lines.push(
      `   ${label(event, shown, result.startUs)} ${nested ? `  ↳ (step ${event.step}) ` : ""}${text}`,
    );
  }
  if (step.kind === "run") lines.push(...outputLines(step));
  for (const check of step.checks) {
    const mark = check.passed ? "ok  " : "FAIL";
    lines.push(
      `   ${mark} expect ${check.what}: ${check.expected}${check.passed ? "" : `, got ${check.actual}`}`,
    );
  }
  const clock = result.backend === "docker" ? "real" : "virtual";
  lines.push(`   took ${formatDuration(step.endUs - step.startUs)} (${clock})`);
  return lines;
}

function label(event: TraceEvent, step: WorkflowStep | undefined, startUs: number): string {
  const time = formatOffsetSeconds(event.tUs - startUs);
  return step === undefined ? `[       ${time}]` : `[step ${step} ${time}]`;
}

function outputLines(step: StepResult): string[] {
  const lines: string[] = [];
  const block = (name: string, text: string, fold: (lines: string[]) => string[]) => {
    if (text === "") return;
    lines.push(`   ${name}:`);
    for (const line of fold(text.replace(/\n$/, "").split("\n"))) lines.push(`   | ${line}`);
  };
  block("stdout", step.stdout, foldProgress);
  block("stderr", step.stderr.replace(LEGACY_BUILDER_NOTICE, ""), (all) => all);
  lines.push(`   exit code ${step.exitCode ?? "-"}`);
  return lines;
}

/** docker build's deprecation banner: the same on every build, noise in a walkthrough. */
const LEGACY_BUILDER_NOTICE =
  /^DEPRECATED: The legacy builder is deprecated[^\n]*\n(?: {12}[^\n]*\n)*\n?/;
