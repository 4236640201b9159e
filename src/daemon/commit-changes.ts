import { envLookup, expandInstruction, expandWord } from "../builder/dockerfile/expand.ts";
import type {
  CommandLine,
  HealthcheckInstruction,
  StageCommand,
} from "../builder/dockerfile/instruction.ts";
import { parseOnbuildTrigger } from "../builder/dockerfile/parser.ts";
import { exposedPorts } from "../builder/dockerfile/port-specs.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { ContainerConfig, HealthConfig } from "../image/container-config.ts";
import { replaceOrAppendEnv } from "./daemon-environment.ts";

const VALID = [
  "CMD",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "HEALTHCHECK",
  "LABEL",
  "ONBUILD",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
];

/**
 * `docker commit --change`: Dockerfile instructions applied to the container's config, as
 * dockerd's `BuildFromConfig` does (CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD,
 * STOPSIGNAL, USER, VOLUME, WORKDIR; anything else is `<x> is not a valid change command`).
 */
export function applyChanges(config: ContainerConfig, changes: readonly string[]): ContainerConfig {
  let current = config;
  let cmdSet = false;
  for (const change of changes) {
    const parsed = parseOnbuildTrigger(change, { dialect: "classic" });
    if (!VALID.includes(parsed.keyword))
      throw new DrydockError(
        "InvalidArgument",
        `${parsed.keyword.toLowerCase()} is not a valid change command`,
        { data: { change } },
      );
    const instruction = expandInstruction(parsed, envLookup(current.env ?? []), {
      escapeToken: "\\",
    });
    if (instruction.keyword === "CMD") cmdSet = true;
    current = applyOne(current, instruction, cmdSet);
  }
  return current;
}

function applyOne(
  config: ContainerConfig,
  instruction: StageCommand,
  cmdSet: boolean,
): ContainerConfig {
  const shell = config.shell ?? ["/bin/sh", "-c"];
  const argv = (line: CommandLine): string[] =>
    line.prependShell ? [...shell, ...line.args] : [...line.args];
  switch (instruction.keyword) {
    case "CMD":
      return { ...config, cmd: argv(instruction.command) };
    case "ENTRYPOINT": {
      const entrypoint = instruction.command.args.length === 0 ? null : argv(instruction.command);
      return { ...config, entrypoint, cmd: cmdSet ? config.cmd : null };
    }
    case "ENV":
      return {
        ...config,
        env: replaceOrAppendEnv(
          config.env ?? [],
          instruction.pairs.map((pair) => `${pair.key}=${pair.value}`),
        ),
      };
    case "LABEL":
      return {
        ...config,
        labels: {
          ...(config.labels ?? {}),
          ...Object.fromEntries(instruction.pairs.map((pair) => [pair.key, pair.value])),
        },
      };
    case "EXPOSE":
      return {
        ...config,
        exposedPorts: [
          ...new Set([...(config.exposedPorts ?? []), ...exposedPorts(instruction.ports)]),
        ].sort(),
      };
    case "VOLUME":
      return {
        ...config,
        volumes: [...new Set([...(config.volumes ?? []), ...instruction.volumes])].sort(),
      };
    case "USER":
      return { ...config, user: instruction.user };
    case "WORKDIR": {
      const path = instruction.path.startsWith("/")
        ? instruction.path
        : `${config.workingDir || "/"}/${instruction.path}`;
      return { ...config, workingDir: path.replace(/\/+/g, "/") };
    }
    case "STOPSIGNAL":
      return {
        ...config,
        stopSignal: expandWord(instruction.signal, () => undefined, { escapeToken: "\\" }),
      };
    case "ONBUILD":
      return { ...config, onBuild: [...(config.onBuild ?? []), instruction.expression] };
    case "HEALTHCHECK":
      return { ...config, healthcheck: imageHealth(instruction.health) };
    default:
      return config;
  }
}

function imageHealth(health: HealthcheckInstruction["health"]): HealthConfig {
  return {
    test: health.test,
    intervalNs: health.intervalNs || undefined,
    timeoutNs: health.timeoutNs || undefined,
    startPeriodNs: health.startPeriodNs || undefined,
    retries: health.retries || undefined,
  };
}
