import { compareHosts } from "./compare-hosts.ts";
import { compareSteps } from "./compare-steps.ts";
import { type DeclaredDifference, declares, type Finding } from "./declared-difference.ts";
import type { ObservedRun } from "./observed-run.ts";

/** A difference found, with its verdict: declared by the scenario (and why) or not. */
export interface DiffEntry extends Finding {
  readonly declared: boolean;
  /** The reason of the first declaration that covers it. */
  readonly reason?: string;
}

/** The comparison of two runs of one scenario. */
export interface DiffReport {
  /** The backends compared (`sim`, `docker`). */
  readonly sim: string;
  readonly real: string;
  readonly steps: readonly {
    readonly step: number;
    readonly label: string;
    readonly entries: readonly DiffEntry[];
  }[];
  readonly hosts: readonly { readonly host: string; readonly entries: readonly DiffEntry[] }[];
  /** Declarations that covered no difference (stale, or the simulator caught up). */
  readonly unused: readonly DeclaredDifference[];
  /** Steps with no difference at all. */
  readonly equalSteps: number;
  readonly declared: number;
  /** Differences no declaration covers: `scenario diff` exits 1 when this is not 0. */
  readonly undeclared: number;
}

/**
 * Compares what a user observed of the simulator's run (`sim`) and of real Docker's (`real`):
 * each step's exit code, output and derived observations (`compare-steps.ts`), then each host's
 * final images and containers (`compare-hosts.ts`); each difference is declared when one of the
 * scenario's `declared` differences covers it.
 */
export function diffRuns(
  sim: ObservedRun,
  real: ObservedRun,
  declared: readonly DeclaredDifference[],
): DiffReport {
  const used = new Set<DeclaredDifference>();
  const judge = (finding: Finding): DiffEntry => {
    const declaration = declared.find((d) => declares(d, finding));
    if (declaration === undefined) return { ...finding, declared: false };
    used.add(declaration);
    return { ...finding, declared: true, reason: declaration.reason };
  };
  const steps = compareSteps(sim.steps, real.steps).map((step) => ({
    step: step.step,
    label: step.label,
    entries: step.findings.map(judge),
  }));
  const hosts = compareHosts(sim.hosts, real.hosts).map((host) => ({
    host: host.host,
    entries: host.findings.map(judge),
  }));
  // Every declaration covering a finding counts as used, not only the first one.
  for (const entry of [...steps, ...hosts].flatMap((part) => part.entries))
    for (const declaration of declared) if (declares(declaration, entry)) used.add(declaration);
  const entries = [...steps, ...hosts].flatMap((part) => part.entries);
  return {
    sim: sim.backend,
    real: real.backend,
    steps,
    hosts,
    unused: declared.filter((declaration) => !used.has(declaration)),
    equalSteps: steps.filter((step) => step.entries.length === 0).length,
    declared: entries.filter((entry) => entry.declared).length,
    undeclared: entries.filter((entry) => !entry.declared).length,
  };
}
