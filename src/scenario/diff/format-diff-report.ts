import type { DiffEntry, DiffReport } from "./diff-runs.ts";

/**
 * A report for people: each step (`=` equal, `~` declared difference and its reason, `!`
 * undeclared), then each host's final state, unused declarations as warnings, and a summary
 * line `N steps equal, D declared, U undeclared differences`.
 */
export function formatDiffReport(report: DiffReport): string {
  const out: string[] = [`scenario diff: ${report.sim} vs ${report.real}`];
  for (const step of report.steps) {
    out.push(
      `${step.entries.length === 0 ? "=" : mark(step.entries)} step ${step.step} ${step.label}`,
    );
    for (const entry of step.entries) out.push(...entryLines(entry));
  }
  for (const host of report.hosts) {
    out.push(
      `${host.entries.length === 0 ? "=" : mark(host.entries)} host ${host.host} final state`,
    );
    for (const entry of host.entries) out.push(...entryLines(entry));
  }
  for (const unused of report.unused) {
    const where = [
      unused.step === undefined ? "" : `step ${unused.step}`,
      unused.host === undefined ? "" : `host ${unused.host}`,
      unused.what,
      unused.match === undefined ? "" : `match ${JSON.stringify(unused.match)}`,
    ].filter((part) => part !== "");
    out.push(`warning: declared difference matched nothing: ${where.join(" ")} (${unused.reason})`);
  }
  out.push(
    `${report.equalSteps} step${report.equalSteps === 1 ? "" : "s"} equal, ${report.declared} declared, ${report.undeclared} undeclared difference${report.undeclared === 1 ? "" : "s"}`,
  );
  return out.join("\n");
}

function mark(entries: readonly DiffEntry[]): string {
  return entries.every((entry) => entry.declared) ? "~" : "!";
}

function entryLines(entry: DiffEntry): string[] {
  const head = `  ${entry.declared ? "~" : "!"} ${entry.host === undefined || entry.step !== undefined ? "" : `host ${entry.host} `}${entry.subject}${entry.declared ? ` (declared: ${entry.reason ?? ""})` : ""}`;
  return [head, ...side("sim:   ", entry.sim), ...side("docker:", entry.docker)];
}

function side(label: string, text: string): string[] {
  const lines = text === "" ? ["(nothing)"] : text.split("\n");
  return lines.map((line, index) => `      ${index === 0 ? label : "       "} ${line}`);
}
