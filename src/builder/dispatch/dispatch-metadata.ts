import type { HealthConfig } from "../../image/container-config.ts";
import { dropUndefined } from "../../image/platform.ts";
import { BuildError } from "../build-error.ts";
import type {
  ArgInstruction,
  CmdInstruction,
  CommandLine,
  EntrypointInstruction,
  EnvInstruction,
  ExposeInstruction,
  HealthcheckInstruction,
  LabelInstruction,
  StageCommand,
} from "../dockerfile/instruction.ts";
import { exposedPorts } from "../dockerfile/port-specs.ts";
import { checkStopSignal } from "../dockerfile/stop-signal.ts";
import { goCleanPath } from "../go-path.ts";
import type { BuildSession } from "./build-session.ts";
import type { DispatchState } from "./dispatch-state.ts";
import { goHealthcheck, goPlainList, goQuotedList } from "./go-format.ts";
import { shellOf, withNopCommentString } from "./run-config.ts";

type MetadataCommand = Exclude<StageCommand, { keyword: "RUN" | "COPY" | "ADD" }>;

/**
 * The dispatchers of the instructions that only change the config (dockerd's `dispatchEnv`,
 * `dispatchLabel`, …): each updates the stage's config and commits it through a build
 * container with a `#(nop)` command whose text is what the history records.
 */
export async function dispatchMetadata(
  session: BuildSession,
  state: DispatchState,
  command: MetadataCommand,
): Promise<void> {
  switch (command.keyword) {
    case "ENV":
      return session.commitMetadata(state, applyEnv(state, command));
    case "LABEL":
      return session.commitMetadata(state, applyLabel(state, command));
    case "MAINTAINER":
      state.maintainer = command.maintainer;
      return session.commitMetadata(state, `MAINTAINER ${command.maintainer}`);
    case "ARG":
      return session.commitMetadata(state, applyArg(state, command));
    case "USER":
      state.runConfig = { ...state.runConfig, user: command.user };
      return session.commitMetadata(state, `USER ${command.user}`);
    case "EXPOSE":
      return session.commitMetadata(state, applyExpose(state, command));
    case "VOLUME":
      return session.commitMetadata(state, applyVolume(state, command.volumes));
    case "STOPSIGNAL":
      state.runConfig = { ...state.runConfig, stopSignal: checkStopSignal(command.signal) };
      return session.commitMetadata(state, `STOPSIGNAL ${command.signal}`);
    case "SHELL":
      state.runConfig = { ...state.runConfig, shell: [...command.shell] };
      return session.commitMetadata(state, `SHELL ${goPlainList(command.shell)}`);
    case "ONBUILD":
      state.runConfig = {
        ...state.runConfig,
        onBuild: [...(state.runConfig.onBuild ?? []), command.expression],
      };
      return session.commitMetadata(state, `ONBUILD ${command.expression}`);
    case "CMD":
      return dispatchCmd(session, state, command);
    case "ENTRYPOINT":
      return dispatchEntrypoint(session, state, command);
    case "HEALTHCHECK":
      return dispatchHealthcheck(session, state, command);
    case "WORKDIR":
      return dispatchWorkdir(session, state, command.path);
  }
}

function applyEnv(state: DispatchState, command: EnvInstruction): string {
  const env = [...(state.runConfig.env ?? [])];
  const parts: string[] = [];
  for (const { key, value } of command.pairs) {
    const entry = `${key}=${value}`;
    parts.push(entry);
    const at = env.findIndex((existing) => existing.split("=", 1)[0] === key);
    if (at >= 0) env[at] = entry;
    else env.push(entry);
  }
  state.runConfig = { ...state.runConfig, env };
  return ["ENV", ...parts].join(" ");
}

function applyLabel(state: DispatchState, command: LabelInstruction): string {
  const labels: Record<string, string> = { ...(state.runConfig.labels ?? {}) };
  let text = "LABEL";
  for (const { key, value } of command.pairs) {
    labels[key] = value;
    text += ` ${key}=${value}`;
  }
  state.runConfig = { ...state.runConfig, labels };
  return text;
}

function applyArg(state: DispatchState, command: ArgInstruction): string {
  const parts = command.definitions.map((definition) => {
    state.buildArgs.addArg(definition.key, definition.value);
    return definition.value === undefined
      ? definition.key
      : `${definition.key}=${definition.value}`;
  });
  return `ARG ${parts.join(" ")}`;
}

function applyExpose(state: DispatchState, command: ExposeInstruction): string {
  const ports = new Set([...(state.runConfig.exposedPorts ?? []), ...exposedPorts(command.ports)]);
  state.runConfig = { ...state.runConfig, exposedPorts: [...ports].sort() };
  return `EXPOSE ${command.ports.join(" ")}`;
}

function applyVolume(state: DispatchState, volumes: readonly string[]): string {
  const set = new Set(state.runConfig.volumes ?? []);
  for (const volume of volumes) {
    if (volume === "") throw new BuildError("VOLUME specified can not be an empty string");
    set.add(volume);
  }
  state.runConfig = { ...state.runConfig, volumes: [...set].sort() };
  return `VOLUME ${goPlainList(volumes)}`;
}

/** dockerd's `resolveCmdLine` (Linux): the SHELL in front of a shell-form command. */
export function resolveCommandLine(command: CommandLine, state: DispatchState): readonly string[] {
  return command.prependShell ? [...shellOf(state.runConfig), ...command.args] : command.args;
}

async function dispatchCmd(session: BuildSession, state: DispatchState, command: CmdInstruction) {
  const cmd = resolveCommandLine(command.command, state);
  state.runConfig = { ...state.runConfig, cmd: [...cmd] };
  await session.commitMetadata(state, `CMD ${goQuotedList(cmd)}`);
  if (command.command.args.length > 0) state.cmdSet = true;
}

async function dispatchEntrypoint(
  session: BuildSession,
  state: DispatchState,
  command: EntrypointInstruction,
): Promise<void> {
  // An empty ENTRYPOINT (either form) resets it: the parser gives no command line at all.
  const entrypoint =
    command.command.args.length === 0 ? null : [...resolveCommandLine(command.command, state)];
  state.runConfig = {
    ...state.runConfig,
    entrypoint,
    cmd: state.cmdSet ? state.runConfig.cmd : null,
  };
  await session.commitMetadata(state, `ENTRYPOINT ${goQuotedList(entrypoint)}`);
}

async function dispatchHealthcheck(
  session: BuildSession,
  state: DispatchState,
  command: HealthcheckInstruction,
): Promise<void> {
  const previous = state.runConfig.healthcheck?.test;
  if (previous !== undefined && previous.length > 0 && previous[0] !== "NONE") {
    session.output.stdout(`Note: overriding previous HEALTHCHECK: ${goPlainList(previous)}\n`);
  }
  const h = command.health;
  const health: HealthConfig = dropUndefined({
    test: h.test.length === 0 ? undefined : [...h.test],
    intervalNs: h.intervalNs === 0 ? undefined : h.intervalNs,
    timeoutNs: h.timeoutNs === 0 ? undefined : h.timeoutNs,
    startPeriodNs: h.startPeriodNs === 0 ? undefined : h.startPeriodNs,
    retries: h.retries === 0 ? undefined : h.retries,
  });
  state.runConfig = { ...state.runConfig, healthcheck: health };
  await session.commitMetadata(state, `HEALTHCHECK ${goHealthcheck(health)}`);
}

/**
 * WORKDIR: the new directory (relative paths joined to the current one and cleaned; absolute
 * ones kept as written), then a build container whose creation makes the directory — a layer
 * when it did not exist, `empty_layer` when it did.
 */
async function dispatchWorkdir(
  session: BuildSession,
  state: DispatchState,
  requested: string,
): Promise<void> {
  if (requested === "") throw new BuildError("cannot normalize nothing");
  const workingDir = requested.startsWith("/")
    ? requested
    : goCleanPath(`/${state.runConfig.workingDir}/${requested}`);
  state.runConfig = { ...state.runConfig, workingDir };
  const config = withNopCommentString(state.runConfig, `WORKDIR ${workingDir}`);
  if (await session.probeCache(state, config)) return;
  const created = await session.createContainer(state, config);
  await session.commitContainer(state, created.id, created.config);
}
