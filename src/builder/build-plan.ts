import type { ArgInstruction, LabelInstruction, StageCommand } from "./dockerfile/instruction.ts";
import type { Dockerfile } from "./dockerfile/parser.ts";
import { type Stage, stagesForTarget } from "./dockerfile/stages.ts";

/** One stage of the plan, with the commands it runs (`--label` steps added to the last one). */
export interface PlannedStage {
  readonly stage: Stage;
  readonly commands: readonly PlannedCommand[];
}

/** A stage command and whether the builder made it up (then dockerd does not expand it). */
export interface PlannedCommand {
  readonly command: StageCommand;
  readonly noExpand: boolean;
}

/** What a build runs, in order: meta ARGs, then each stage up to the target. */
export interface BuildPlan {
  readonly metaArgs: readonly ArgInstruction[];
  readonly stages: readonly PlannedStage[];
  /** `M` of `Step N/M`. */
  readonly stepCount: number;
}

/**
 * The steps of a build as dockerd's classic builder counts and prints them: meta ARGs, then
 * every stage up to `--target` (`failed to reach build target x in Dockerfile` otherwise), each
 * stage's FROM and commands, and one `LABEL k=v` step per `--label`, sorted by key, at the end
 * of the last stage (`buildLabelOptions`).
 */
export function planBuild(
  dockerfile: Dockerfile,
  options: { target?: string; labels?: Readonly<Record<string, string>> },
): BuildPlan {
  const stages = stagesForTarget(dockerfile.stages, options.target);
  const labels = Object.keys(options.labels ?? {})
    .sort()
    .map((key) => labelCommand(key, options.labels?.[key] ?? ""));
  const planned = stages.map((stage, index) => ({
    stage,
    commands: [
      ...stage.commands.map((command) => ({ command, noExpand: false })),
      ...(index === stages.length - 1
        ? labels.map((command) => ({ command, noExpand: true }))
        : []),
    ],
  }));
  const stepCount =
    dockerfile.metaArgs.length +
    planned.reduce((total, stage) => total + 1 + stage.commands.length, 0);
  return { metaArgs: dockerfile.metaArgs, stages: planned, stepCount };
}

/** dockerd's `NewLabelCommand(k, v, true)`: printed as `LABEL k=v`, never expanded. */
function labelCommand(key: string, value: string): LabelInstruction {
  const original = `LABEL ${key}=${value}`;
  return {
    keyword: "LABEL",
    original,
    args: [key, value],
    flags: [],
    json: false,
    heredocs: [],
    startLine: 0,
    endLine: 0,
    comments: [],
    buildkitFeatures: [],
    pairs: [{ key, value }],
    legacyForm: false,
  };
}
