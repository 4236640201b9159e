import { parsePlatformSpecifier } from "../../image/platform.ts";
import { BuildError } from "../build-error.ts";
import type { BuildArgs } from "../dockerfile/build-args.ts";
import { EXPANDING_KEYWORDS, expandInstruction } from "../dockerfile/expand.ts";
import type { StageCommand } from "../dockerfile/instruction.ts";
import { parseOnbuildTrigger } from "../dockerfile/parser.ts";
import type { Stage } from "../dockerfile/stages.ts";
import type { BuildSession } from "./build-session.ts";
import { dispatchCopy } from "./dispatch-copy.ts";
import { dispatchMetadata } from "./dispatch-metadata.ts";
import { dispatchRun } from "./dispatch-run.ts";
import { DispatchState } from "./dispatch-state.ts";
import { resolveBaseImage } from "./image-sources.ts";
import { stageRunConfig } from "./run-config.ts";

/**
 * Runs one instruction of a stage (dockerd's `dispatch`): its words expanded with the stage's
 * ENV and allowed ARGs, then its dispatcher; afterwards the step's build containers are removed
 * (on success with `--rm`, always with `--force-rm`).
 */
export async function dispatch(
  session: BuildSession,
  state: DispatchState,
  command: StageCommand,
  options: { noExpand?: boolean } = {},
): Promise<void> {
  const expanded =
    options.noExpand !== true && EXPANDING_KEYWORDS.has(command.keyword)
      ? expandInstruction(command, state.buildArgs.expansionEnv(state.runConfig.env ?? []), {
          escapeToken: session.options.escapeToken,
          dialect: session.options.dialect,
        })
      : command;
  let succeeded = false;
  try {
    switch (expanded.keyword) {
      case "RUN":
        await dispatchRun(session, state, expanded);
        break;
      case "COPY":
      case "ADD":
        await dispatchCopy(session, state, expanded);
        break;
      default:
        await dispatchMetadata(session, state, expanded);
    }
    succeeded = true;
  } finally {
    await session.afterStep(succeeded);
  }
}

/**
 * A stage's FROM (dockerd's `initializeStage`): the base name expanded with the meta ARGs, the
 * base image (a stage, `scratch`, or an image, pulled when missing), the stage's config from
 * it, then the base image's ONBUILD triggers, run in order as if they were the stage's first
 * instructions (`# Executing N build triggers`).
 */
export async function beginStage(
  session: BuildSession,
  stage: Stage,
  globalArgs: BuildArgs,
): Promise<DispatchState> {
  session.options.probe.reset();
  const buildArgs = globalArgs.forStage();
  const from = expandInstruction(stage.from, buildArgs.metaEnv(), {
    escapeToken: session.options.escapeToken,
    dialect: session.options.dialect,
  });
  if (from.platform !== undefined && parsePlatformSpecifier(from.platform) === undefined) {
    throw new BuildError(
      `failed to parse platform ${from.platform}: "${from.platform}": unknown operating system or architecture: invalid argument`,
    );
  }
  const image = await resolveBaseImage(session, from.baseName, from.platform);
  const state = new DispatchState({
    runConfig: stageRunConfig(image?.config.config),
    image,
    stageName: stage.name,
    buildArgs,
    os: image?.config.os === undefined || image.config.os === "" ? "linux" : image.config.os,
  });
  await runTriggers(session, state);
  return state;
}

async function runTriggers(session: BuildSession, state: DispatchState): Promise<void> {
  const triggers = state.runConfig.onBuild ?? [];
  if (triggers.length === 0) return;
  state.runConfig = { ...state.runConfig, onBuild: null };
  session.output.stdout(`# Executing ${triggers.length} build trigger`);
  if (triggers.length > 1) session.output.stdout("s");
  session.output.stdout("\n");
  for (const trigger of triggers) {
    session.countStep();
    const command = parseOnbuildTrigger(trigger, { dialect: session.options.dockerfileDialect });
    await dispatch(session, state, command);
  }
}
