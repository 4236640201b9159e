/**
 * A tiny stand-in for the build executor, for tests only: it applies the config-only
 * instructions of a parsed Dockerfile the way Docker 20.10 dispatches them, using the front
 * end's rules (BuildArgs, expandInstruction, exposedPorts, checkStopSignal), so the result can be
 * compared with the image config the real daemon built. RUN and COPY are not executed.
 */
import { BuildArgs } from "../../../../src/builder/dockerfile/build-args.ts";
import {
  EXPANDING_KEYWORDS,
  expandInstruction,
} from "../../../../src/builder/dockerfile/expand.ts";
import type { Instruction } from "../../../../src/builder/dockerfile/instruction.ts";
import { type Dockerfile, parseOnbuildTrigger } from "../../../../src/builder/dockerfile/parser.ts";
import { exposedPorts } from "../../../../src/builder/dockerfile/port-specs.ts";
import type { ExpansionDialect } from "../../../../src/builder/dockerfile/shell-lexer.ts";
import { stageNameConflict, stagesForTarget } from "../../../../src/builder/dockerfile/stages.ts";
import { checkStopSignal } from "../../../../src/builder/dockerfile/stop-signal.ts";
import { goCleanPath } from "../../../../src/builder/go-path.ts";

export type MiniConfig = Record<string, unknown>;

const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
/** The configs of the base images the recordings use. */
const BASES: Readonly<Record<string, MiniConfig>> = {
  busybox: { Env: [PATH], Cmd: ["sh"] },
  "busybox:latest": { Env: [PATH], Cmd: ["sh"] },
  scratch: { Env: [PATH] },
};
const BUILDKIT_ONLY =
  "option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled";

interface State {
  config: MiniConfig;
  args: BuildArgs;
  cmdSet: boolean;
}

/** Runs the config part of a build; returns the final config and the error the build ended with. */
export function miniBuild(
  dockerfile: Dockerfile,
  options: {
    buildArgs?: Readonly<Record<string, string>>;
    target?: string;
    dialect?: ExpansionDialect;
  } = {},
): { config?: MiniConfig; error?: string; warnings: string[] } {
  const global = new BuildArgs(options.buildArgs ?? {});
  const opts = { escapeToken: dockerfile.escapeToken, dialect: options.dialect ?? "classic" };
  const stageConfigs = new Map<string, MiniConfig>();
  let config: MiniConfig | undefined;
  try {
    for (const meta of dockerfile.metaArgs) {
      const expanded = expandInstruction(meta, global.expansionEnv([]), opts);
      for (const d of expanded.definitions) global.addMetaArg(d.key, d.value);
    }
    const stages = stagesForTarget(dockerfile.stages, options.target);
    for (const stage of stages) {
      const conflict = stageNameConflict(stages, stage.index);
      if (conflict !== undefined) throw conflict;
      const state: State = { config: {}, args: global.forStage(), cmdSet: false };
      const from = expandInstruction(stage.from, state.args.metaEnv(), opts);
      const base = stageConfigs.get(from.baseName) ?? BASES[from.baseName];
      if (base === undefined) throw new Error(`mini executor: unknown base image ${from.baseName}`);
      state.config = structuredClone(base);
      const triggers = (state.config.OnBuild as string[] | undefined) ?? [];
      state.config.OnBuild = null;
      const commands = [
        ...triggers.map((trigger) => parseOnbuildTrigger(trigger)),
        ...stage.commands,
      ];
      for (const command of commands) {
        const env = state.args.expansionEnv((state.config.Env as string[]) ?? []);
        const expanded = EXPANDING_KEYWORDS.has(command.keyword)
          ? expandInstruction(command, env, opts)
          : command;
        apply(state, expanded);
      }
      global.mergeReferenced(state.args);
      if (stage.name !== undefined) stageConfigs.set(stage.name, state.config);
      config = state.config;
    }
  } catch (error) {
    return { error: (error as Error).message, warnings: [] };
  }
  const warning = global.unusedWarning();
  return { config: compact(config ?? {}), warnings: warning === undefined ? [] : [warning] };
}

function shellOf(config: MiniConfig): string[] {
  return (config.Shell as string[] | undefined) ?? ["/bin/sh", "-c"];
}

function apply(state: State, instruction: Instruction): void {
  const config = state.config;
  switch (instruction.keyword) {
    case "ENV": {
      const env = [...((config.Env as string[]) ?? [])];
      for (const { key, value } of instruction.pairs) {
        const at = env.findIndex((entry) => entry.split("=", 1)[0] === key);
        if (at >= 0) env[at] = `${key}=${value}`;
        else env.push(`${key}=${value}`);
      }
      config.Env = env;
      return;
    }
    case "LABEL":
      config.Labels = {
        ...(config.Labels as object),
        ...Object.fromEntries(instruction.pairs.map((p) => [p.key, p.value])),
      };
      return;
    case "ARG":
      for (const d of instruction.definitions) state.args.addArg(d.key, d.value);
      return;
    case "WORKDIR":
      config.WorkingDir = instruction.path.startsWith("/")
        ? goCleanPath(instruction.path)
        : goCleanPath(`/${(config.WorkingDir as string) ?? ""}/${instruction.path}`);
      return;
    case "USER":
      config.User = instruction.user;
      return;
    case "VOLUME":
      for (const volume of instruction.volumes) {
        if (volume === "") throw new Error("VOLUME specified can not be an empty string");
        config.Volumes = { ...(config.Volumes as object), [volume]: {} };
      }
      return;
    case "EXPOSE":
      for (const port of exposedPorts(instruction.ports))
        config.ExposedPorts = { ...(config.ExposedPorts as object), [port]: {} };
      return;
    case "STOPSIGNAL":
      config.StopSignal = checkStopSignal(instruction.signal);
      return;
    default:
      applyCommands(state, instruction);
  }
}

function applyCommands(state: State, instruction: Instruction): void {
  const config = state.config;
  switch (instruction.keyword) {
    case "CMD":
      config.Cmd = instruction.command.prependShell
        ? [...shellOf(config), ...instruction.command.args]
        : instruction.command.args;
      if (instruction.command.args.length > 0) state.cmdSet = true;
      return;
    case "ENTRYPOINT": {
      const { args, prependShell } = instruction.command;
      config.Entrypoint =
        args.length === 0 ? null : prependShell ? [...shellOf(config), ...args] : args;
      if (!state.cmdSet) config.Cmd = null;
      return;
    }
    case "SHELL":
      config.Shell = instruction.shell;
      return;
    case "HEALTHCHECK": {
      const h = instruction.health;
      config.Healthcheck = {
        Test: h.test,
        ...(h.intervalNs === 0 ? {} : { Interval: h.intervalNs }),
        ...(h.timeoutNs === 0 ? {} : { Timeout: h.timeoutNs }),
        ...(h.startPeriodNs === 0 ? {} : { StartPeriod: h.startPeriodNs }),
        ...(h.retries === 0 ? {} : { Retries: h.retries }),
      };
      return;
    }
    case "ONBUILD":
      config.OnBuild = [...((config.OnBuild as string[]) ?? []), instruction.expression];
      return;
    case "RUN":
      if (instruction.flagsUsed[0] !== undefined)
        throw new Error(`the --${instruction.flagsUsed[0]} ${BUILDKIT_ONLY}`);
      return;
    case "COPY":
    case "ADD":
      if (instruction.chmod !== undefined) throw new Error(`the --chmod ${BUILDKIT_ONLY}`);
      return;
    default:
      return;
  }
}

/** Drops empty and null fields, as the CLI's inspect output does. */
export function compact(config: Readonly<Record<string, unknown>>): MiniConfig {
  const out: MiniConfig = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0)
      continue;
    if (value === "") continue;
    out[key] = value;
  }
  return out;
}
