/** Step times of the seed workflow, shared by the real and the in-process sides. */
import { formatMs, median } from "./stats.ts";

/** The workflow's steps, in order. */
export const WORKFLOW_STEPS = ["build", "push", "pull", "run"] as const;

/** One of the workflow's steps. */
export type WorkflowStepName = (typeof WORKFLOW_STEPS)[number];

/** Wall times of one run of the workflow, in ms. */
export interface WorkflowStepTimes {
  readonly build: number;
  readonly push: number;
  readonly pull: number;
  readonly run: number;
  readonly total: number;
}

/** One run's step times and what its container printed. */
export interface WorkflowRun {
  readonly times: WorkflowStepTimes;
  readonly output: string;
}

/** Adds up step times by step name (a step that occurs twice counts twice). */
export function sumTimes(
  steps: readonly { step: WorkflowStepName; ms: number }[],
): WorkflowStepTimes {
  const times = { build: 0, push: 0, pull: 0, run: 0, total: 0 };
  for (const { step, ms } of steps) {
    times[step] += ms;
    times.total += ms;
  }
  return times;
}

/** Each step's own median; `total` is the median of the run totals (not the sum of medians). */
export function medianTimes(runs: readonly WorkflowStepTimes[]): WorkflowStepTimes {
  const of = (key: keyof WorkflowStepTimes) => median(runs.map((run) => run[key]));
  return {
    build: of("build"),
    push: of("push"),
    pull: of("pull"),
    run: of("run"),
    total: of("total"),
  };
}

/** `label: build 12.0, push 3.1, pull 2.2, run 8.0, total 25.3 ms`. */
export function describeRun(label: string, times: WorkflowStepTimes): string {
  const steps = WORKFLOW_STEPS.map((step) => `${step} ${formatMs(times[step])}`).join(", ");
  return `${label}: ${steps}, total ${formatMs(times.total)} ms`;
}
