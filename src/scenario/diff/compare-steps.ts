import type { Finding } from "./declared-difference.ts";
import { lineDiff } from "./line-diff.ts";
import type { ObservedStep } from "./observed-run.ts";
import { Placeholders } from "./placeholders.ts";
import { observeStep } from "./step-observation.ts";

/** One step of both runs, compared: its label (`dev $ docker build …`) and what differs. */
export interface StepComparison {
  /** 1-based. */
  readonly step: number;
  readonly label: string;
  readonly findings: readonly Finding[];
}

/**
 * Compares the runs step by step: exit code, stdout and stderr (normalised, see
 * `step-observation.ts`), a build's cache pattern, the final per-layer statuses of a push
 * (`push`) or of anything else that pulls (`pull`), and retry rounds. Each side has its own
 * placeholder table, shared by its steps, so an ID reused across steps stays visible.
 */
export function compareSteps(
  sim: readonly ObservedStep[],
  docker: readonly ObservedStep[],
): StepComparison[] {
  const simIds = new Placeholders();
  const dockerIds = new Placeholders();
  const comparisons: StepComparison[] = [];
  for (let index = 0; index < Math.max(sim.length, docker.length); index++) {
    const left = sim[index];
    const right = docker[index];
    const shown = left ?? right;
    if (shown === undefined) continue;
    const step = shown.index + 1;
    const host = shown.on;
    const base = { step, ...(host === undefined ? {} : { host }) };
    if (left === undefined || right === undefined) {
      comparisons.push({
        step,
        label: labelOf(shown),
        findings: [
          {
            ...base,
            what: "exit",
            subject: "the step",
            sim: left === undefined ? "(not run)" : exitText(left),
            docker: right === undefined ? "(not run)" : exitText(right),
          },
        ],
      });
      continue;
    }
    comparisons.push({
      step,
      label: labelOf(shown),
      findings: stepFindings(base, observe(left, simIds), observe(right, dockerIds), left),
    });
  }
  return comparisons;
}

function observe(step: ObservedStep, ids: Placeholders) {
  return { exit: exitText(step), ...observeStep(step, ids) };
}

type Observed = ReturnType<typeof observe>;

function stepFindings(
  base: { readonly step: number; readonly host?: string },
  sim: Observed,
  docker: Observed,
  step: ObservedStep,
): Finding[] {
  const findings: Finding[] = [];
  if (sim.exit !== docker.exit)
    findings.push({
      ...base,
      what: "exit",
      subject: "exit code",
      sim: sim.exit,
      docker: docker.exit,
    });
  const cacheDiffers = sim.cache.join("\n") !== docker.cache.join("\n");
  if (cacheDiffers)
    findings.push({
      ...base,
      what: "cache",
      subject: "cache pattern",
      sim: sim.cache.join(", "),
      docker: docker.cache.join(", "),
    });
  const followsFrom = cacheDiffers ? { followsFrom: ["cache"] } : {};
  for (const stream of ["stdout", "stderr"] as const) {
    for (const hunk of lineDiff(sim[stream].lines, docker[stream].lines))
      findings.push({
        ...base,
        ...followsFrom,
        what: stream,
        subject: `${stream} line ${hunk.dockerLine}`,
        sim: hunk.sim.join("\n"),
        docker: hunk.docker.join("\n"),
      });
  }
  findings.push(...progressFindings(base, sim, docker, isPush(step) ? "push" : "pull"));
  return findings;
}

function progressFindings(
  base: { readonly step: number; readonly host?: string },
  sim: Observed,
  docker: Observed,
  what: "push" | "pull",
): Finding[] {
  const findings: Finding[] = [];
  const statuses = (side: Observed) =>
    summarize([...side.stdout.finalStatuses, ...side.stderr.finalStatuses]);
  const retries = (side: Observed) => side.stdout.retryRounds + side.stderr.retryRounds;
  if (statuses(sim) !== statuses(docker))
    findings.push({
      ...base,
      what,
      subject: "final layer statuses",
      sim: statuses(sim),
      docker: statuses(docker),
    });
  if (retries(sim) !== retries(docker))
    findings.push({
      ...base,
      what: "retries",
      subject: "retry rounds",
      sim: String(retries(sim)),
      docker: String(retries(docker)),
    });
  return findings;
}

/** A multiset of statuses as text: `Layer already exists ×2, Pushed ×3`. */
function summarize(statuses: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const status of [...statuses].sort()) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${status} ×${count}`).join(", ") || "(none)";
}

function isPush(step: ObservedStep): boolean {
  return /^docker\s+(?:image\s+)?push\b/.test(step.commandLine ?? "");
}

function exitText(step: ObservedStep): string {
  return step.exitCode === undefined ? "(none)" : String(step.exitCode);
}

function labelOf(step: ObservedStep): string {
  if (step.kind === "run") return `${step.on ?? ""} $ ${step.commandLine ?? ""}`.trim();
  return step.on === undefined ? step.kind : `${step.kind} on ${step.on}`;
}
