import type { ObservedHost, ObservedRun } from "../diff/observed-run.ts";
import type { ScenarioResult } from "../scenario-result.ts";

/** What a user saw of a backend's run: each step's command, exit code and output, then the hosts' state. */
export function observedRunOf(
  backend: string,
  result: ScenarioResult,
  hosts: readonly ObservedHost[],
): ObservedRun {
  return {
    backend,
    steps: result.steps.map((step) => ({
      index: step.index,
      kind: step.kind,
      ...(step.on === undefined ? {} : { on: step.on }),
      ...(step.commandLine === undefined ? {} : { commandLine: step.commandLine }),
      ...(step.exitCode === undefined ? {} : { exitCode: step.exitCode }),
      stdout: step.stdout,
      stderr: step.stderr,
    })),
    hosts,
  };
}
