import { DockerfileParseError } from "./dockerfile-parse-error.ts";
import type { ArgInstruction, FromInstruction, Instruction, StageCommand } from "./instruction.ts";

/** One build stage: its FROM and the instructions up to the next FROM. */
export interface Stage {
  /** 0-based position among the stages (`COPY --from=0`). */
  readonly index: number;
  readonly from: FromInstruction;
  /** The `AS` name, lower-cased. */
  readonly name?: string;
  readonly commands: readonly StageCommand[];
}

/** Instructions grouped as Docker's `instructions.Parse` groups them. */
export interface StagedInstructions {
  /** ARGs before the first FROM: usable in FROM lines only, unless redeclared in a stage. */
  readonly metaArgs: readonly ArgInstruction[];
  readonly stages: readonly Stage[];
}

/**
 * Groups instructions into meta ARGs and stages. Any other instruction before the first FROM is
 * Docker's `no build stage in current context` (no line number in the message).
 */
export function groupStages(instructions: readonly Instruction[]): StagedInstructions {
  const metaArgs: ArgInstruction[] = [];
  const stages: {
    index: number;
    from: FromInstruction;
    name?: string;
    commands: StageCommand[];
  }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      stages.push({
        index: stages.length,
        from: instruction,
        ...(instruction.stageName === undefined ? {} : { name: instruction.stageName }),
        commands: [],
      });
      continue;
    }
    const current = stages[stages.length - 1];
    if (current !== undefined) {
      current.commands.push(instruction);
    } else if (instruction.keyword === "ARG") {
      metaArgs.push(instruction);
    } else {
      throw new DockerfileParseError({
        kind: "plain",
        reason: "no build stage in current context",
        line: instruction.startLine,
        endLine: instruction.endLine,
      });
    }
  }
  return { metaArgs, stages };
}

/** The index of the stage named `name`, compared case-insensitively as Docker does; -1 if none. */
export function findStage(stages: readonly Stage[], name: string): number {
  const lower = name.toLowerCase();
  return stages.findIndex((stage) => stage.name === lower);
}

/**
 * The stages a `--target` build runs: every stage up to the target. Docker's error when the
 * target does not exist: `failed to reach build target x in Dockerfile`.
 */
export function stagesForTarget(
  stages: readonly Stage[],
  target: string | undefined,
): readonly Stage[] {
  if (target === undefined || target === "") return stages;
  const index = findStage(stages, target);
  if (index < 0) {
    throw new DockerfileParseError({
      kind: "plain",
      reason: `failed to reach build target ${target} in Dockerfile`,
      line: 0,
    });
  }
  return stages.slice(0, index + 1);
}

/**
 * The error Docker 20.10 raises when the build reaches a stage whose name an earlier stage
 * already took (`x stage name already used`, name lower-cased); undefined when the name is free.
 * It is a build-time error: the steps of the earlier stages run first.
 */
export function stageNameConflict(
  stages: readonly Stage[],
  index: number,
): DockerfileParseError | undefined {
  const stage = stages[index];
  if (stage?.name === undefined) return undefined;
  if (!stages.slice(0, index).some((earlier) => earlier.name === stage.name)) return undefined;
  return new DockerfileParseError({
    kind: "plain",
    reason: `${stage.name} stage name already used`,
    line: stage.from.startLine,
    endLine: stage.from.endLine,
  });
}

/** A step as Docker numbers and prints it: `Step <number>/<total> : <text>`. */
export interface BuildStep {
  readonly number: number;
  readonly total: number;
  readonly instruction: ArgInstruction | FromInstruction | StageCommand;
  /** `Step N/M : <original>`. */
  readonly text: string;
}

/** The steps of a build in the order Docker prints them: meta ARGs, then each stage's FROM and commands. */
export function buildSteps(staged: StagedInstructions, target?: string): BuildStep[] {
  const stages = stagesForTarget(staged.stages, target);
  const ordered: (ArgInstruction | FromInstruction | StageCommand)[] = [...staged.metaArgs];
  for (const stage of stages) ordered.push(stage.from, ...stage.commands);
  return ordered.map((instruction, index) => ({
    number: index + 1,
    total: ordered.length,
    instruction,
    text: `Step ${index + 1}/${ordered.length} : ${instruction.original}`,
  }));
}
