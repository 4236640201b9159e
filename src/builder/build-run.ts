import type { Clock } from "../clock/clock.ts";
import type { Scheduler } from "../clock/event-loop.ts";
import type { Digest } from "../digest/digest.ts";
import type { BuildContextInput, ImageBuildOptions } from "../engine/engine.ts";
import { isDrydockError } from "../errors/drydock-error.ts";
import {
  familiarString,
  type NamedReference,
  parseNormalizedNamed,
  withDefaultTag,
} from "../image/reference.ts";
import type { Tracer } from "../trace/tracer.ts";
import { BuildError } from "./build-error.ts";
import type { BuildHost } from "./build-host.ts";
import { type BuildLimits, checkBuildLimit } from "./build-limits.ts";
import { type BuildOutput, truncateId } from "./build-output.ts";
import { type BuildPlan, planBuild } from "./build-plan.ts";
import { ImageProbe } from "./cache/image-probe.ts";
import type { BuildContext } from "./context/build-context.ts";
import type { GitContextOptions } from "./context/git-context.ts";
import { readBuildContext } from "./context/read-build-context.ts";
import { type BuildCosts, BuildSession } from "./dispatch/build-session.ts";
import { beginStage, dispatch } from "./dispatch/dispatch.ts";
import { StageResults } from "./dispatch/dispatch-state.ts";
import type { DockerfileDialect } from "./dockerfile/ast.ts";
import { BuildArgs } from "./dockerfile/build-args.ts";
import { expandInstruction } from "./dockerfile/expand.ts";
import { type Dockerfile, parseDockerfile } from "./dockerfile/parser.ts";
import { parseDockerignore, removedBuildFiles } from "./dockerignore.ts";

/** Everything one build needs. */
export interface RunBuildOptions {
  readonly context: BuildContextInput;
  readonly build: ImageBuildOptions;
  readonly output: BuildOutput;
  readonly host: BuildHost;
  readonly clock: Clock;
  readonly scheduler?: Scheduler;
  readonly tracer: Tracer;
  readonly limits: BuildLimits;
  readonly costs: BuildCosts;
  readonly dockerVersion: string;
  readonly dialect: DockerfileDialect;
  readonly git?: GitContextOptions;
}

/**
 * One build, in dockerd's order: tags checked, context read (workflow step 1), Dockerfile
 * found, parsed and trimmed to the target, then every step dispatched (step 2) with each image
 * stored as it is made (step 3), and finally the tags. Returns the image ID.
 */
export async function runBuild(options: RunBuildOptions): Promise<Digest> {
  const tags = parseBuildTags(options.build.tags ?? []);
  const context = await readBuildContext(options.context, {
    nowUs: options.clock.nowUs(),
    limits: options.limits,
    git: options.git,
  });
  options.tracer.emit({
    kind: "builder.context.receive",
    step: 1,
    data: {
      origin: context.origin,
      sizeBytes: context.sizeBytes,
      entryCount: context.entryCount,
    },
  });
  const dockerfileName = options.build.dockerfile ?? "Dockerfile";
  const dockerfile = readDockerfile(context, dockerfileName, options);
  const plan = planBuild(dockerfile, {
    target: options.build.target,
    labels: options.build.labels,
  });
  if (dockerfile.warnings.length > 0) options.output.stderr(`${dockerfile.warnings.join("\n")}\n`);
  const session = new BuildSession({
    host: options.host,
    output: options.output,
    tracer: options.tracer,
    clock: options.clock,
    scheduler: options.scheduler,
    costs: options.costs,
    probe: new ImageProbe({ images: options.host.images, noCache: options.build.noCache === true }),
    limits: options.limits,
    context,
    stages: new StageResults(),
    rm: options.build.rm !== false,
    forceRm: options.build.forceRm === true,
    dockerVersion: options.dockerVersion,
    escapeToken: dockerfile.escapeToken,
    dockerfileDialect: options.dialect,
    dialect: options.dialect === "classic" ? "classic" : "buildkit",
    platform: options.build.platform,
  });
  const imageId = await executePlan(session, plan, options.build.buildArgs ?? {});
  options.output.stdout(`Successfully built ${truncateId(imageId)}\n`);
  for (const tag of tags) {
    await options.host.images.tagImage(imageId, tag);
    options.tracer.emit({
      kind: "builder.image.tag",
      step: 3,
      data: { image: imageId, reference: familiarString(tag) },
    });
    options.output.stdout(`Successfully tagged ${familiarString(tag)}\n`);
  }
  return imageId;
}

/** The tags of `-t`, checked before anything else as dockerd's `NewTagger` does. */
function parseBuildTags(tags: readonly string[]): NamedReference[] {
  return tags.map((tag) => {
    let reference: NamedReference;
    try {
      reference = parseNormalizedNamed(tag);
    } catch (error) {
      if (!isDrydockError(error)) throw error;
      throw new BuildError(error.message, { code: "Internal", cause: error });
    }
    if (reference.digest !== undefined) {
      throw new BuildError("build tag cannot contain a digest", { code: "Internal" });
    }
    return withDefaultTag(reference);
  });
}

/**
 * Finds and parses the Dockerfile as `withDockerfileFromContext` does (`Dockerfile` falls back
 * to `dockerfile`), then drops it and `.dockerignore` from the context when `.dockerignore`
 * names them.
 */
function readDockerfile(
  context: BuildContext,
  name: string,
  options: Pick<RunBuildOptions, "limits" | "dialect" | "clock">,
): Dockerfile {
  let found = name;
  let bytes = context.readFile(name);
  if (
    bytes === undefined &&
    name === "Dockerfile" &&
    context.readFile("dockerfile") !== undefined
  ) {
    found = "dockerfile";
    bytes = context.readFile(found);
  }
  if (bytes === undefined) {
    throw new BuildError(`Cannot locate specified Dockerfile: ${name}`, { code: "Internal" });
  }
  if (bytes.length === 0) throw new BuildError(`the Dockerfile (${found}) cannot be empty`);
  checkBuildLimit("dockerfileSizeBytesMax", {
    actual: bytes.length,
    limit: options.limits.dockerfileSizeBytesMax,
  });
  const dockerfile = parseDockerfile(bytes, {
    dialect: options.dialect,
    dockerfileName: found,
    limits: { sizeBytesMax: options.limits.dockerfileSizeBytesMax },
  });
  const ignore = context.readFile(".dockerignore");
  if (ignore !== undefined) {
    for (const file of removedBuildFiles(parseDockerignore(ignore), found)) {
      context.remove(file, options.clock.nowUs());
    }
  }
  return dockerfile;
}

/** Runs the plan's steps and returns the last stage's image. */
async function executePlan(
  session: BuildSession,
  plan: BuildPlan,
  buildArgOptions: Readonly<Record<string, string>>,
): Promise<Digest> {
  const { output, options } = session;
  const global = new BuildArgs(buildArgOptions);
  let stepNumber = 0;
  const startStep = (text: string): void => {
    if (output.cancelled) throw new BuildError("Build cancelled", { code: "Unavailable" });
    stepNumber += 1;
    session.stepNumber = stepNumber;
    session.countStep();
    const line = `Step ${stepNumber}/${plan.stepCount} : ${text}`;
    options.tracer.emit({
      kind: "builder.step.start",
      step: 2,
      data: { buildStep: stepNumber, stepCount: plan.stepCount, instruction: text },
    });
    output.step(line);
  };
  for (const meta of plan.metaArgs) {
    startStep(meta.original);
    const expanded = expandInstruction(meta, global.expansionEnv([]), {
      escapeToken: options.escapeToken,
      dialect: options.dialect,
    });
    for (const definition of expanded.definitions)
      global.addMetaArg(definition.key, definition.value);
  }
  let last: Digest | "" = "";
  for (const { stage, commands } of plan.stages) {
    options.stages.checkNameAvailable(stage.name);
    startStep(stage.from.original);
    const state = await beginStage(session, stage, global);
    output.arrow(state.imageId);
    for (const { command, noExpand } of commands) {
      startStep(command.original);
      await dispatch(session, state, command, { noExpand });
      output.arrow(state.imageId);
    }
    if (state.imageId !== "") output.aux(state.imageId);
    global.mergeReferenced(state.buildArgs);
    options.stages.add({ name: stage.name, imageId: state.imageId });
    last = state.imageId;
  }
  const warning = global.unusedWarning();
  if (warning !== undefined) output.stdout(`${warning}\n`);
  if (last === "") throw new BuildError("No image was generated. Is your Dockerfile empty?");
  return last;
}
