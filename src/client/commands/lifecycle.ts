import { CliError } from "../cli-error.ts";
import type { CommandSpec, FlagSpec } from "../command-spec.ts";
import { humanSize } from "../format/units.ts";
import { daemonMessage, filtersOf, forEachName, out } from "./common.ts";
import { confirm } from "./confirm.ts";

const TIMEOUT_FLAG: FlagSpec = {
  name: "timeout",
  short: "t",
  type: "int",
  usage: "Seconds to wait before killing the container",
};

const SIGNAL_FLAG: FlagSpec = {
  name: "signal",
  short: "s",
  type: "string",
  usage: "Signal to send to the container",
};

function timeoutOf(args: { has(name: string): boolean; int(name: string): number }): {
  timeoutSeconds?: number;
} {
  return args.has("timeout") ? { timeoutSeconds: args.int("timeout") } : {};
}

/** `docker stop`. */
export const stopCommand: CommandSpec = {
  name: "stop",
  useArgs: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Stop one or more running containers",
  aliases: "docker container stop, docker stop",
  args: { kind: "min", count: 1 },
  flags: [SIGNAL_FLAG, TIMEOUT_FLAG],
  run(engine, args, io) {
    return forEachName(io, args.positional, async (name) => {
      await engine.containerStop(name, timeoutOf(args));
      return name;
    });
  },
};

/** `docker restart`. */
export const restartCommand: CommandSpec = {
  name: "restart",
  useArgs: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Restart one or more containers",
  aliases: "docker container restart, docker restart",
  args: { kind: "min", count: 1 },
  flags: [SIGNAL_FLAG, TIMEOUT_FLAG],
  run(engine, args, io) {
    return forEachName(io, args.positional, async (name) => {
      await engine.containerRestart(name, timeoutOf(args));
      return name;
    });
  },
};

/** `docker kill`. */
export const killCommand: CommandSpec = {
  name: "kill",
  useArgs: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Kill one or more running containers",
  aliases: "docker container kill, docker kill",
  args: { kind: "min", count: 1 },
  flags: [{ ...SIGNAL_FLAG, usage: "Signal to send to the container" }],
  run(engine, args, io) {
    const signal = args.string("signal");
    return forEachName(io, args.positional, async (name) => {
      await engine.containerKill(name, signal === "" ? {} : { signal });
      return name;
    });
  },
};

/** `docker pause`. */
export const pauseCommand: CommandSpec = {
  name: "pause",
  useArgs: "CONTAINER [CONTAINER...]",
  short: "Pause all processes within one or more containers",
  aliases: "docker container pause, docker pause",
  args: { kind: "min", count: 1 },
  flags: [],
  run(engine, args, io) {
    return forEachName(io, args.positional, async (name) => {
      await engine.containerPause(name);
      return name;
    });
  },
};

/** `docker unpause`. */
export const unpauseCommand: CommandSpec = {
  name: "unpause",
  useArgs: "CONTAINER [CONTAINER...]",
  short: "Unpause all processes within one or more containers",
  aliases: "docker container unpause, docker unpause",
  args: { kind: "min", count: 1 },
  flags: [],
  run(engine, args, io) {
    return forEachName(io, args.positional, async (name) => {
      await engine.containerUnpause(name);
      return name;
    });
  },
};

/** `docker wait`: prints each container's exit code when it stops. */
export const waitCommand: CommandSpec = {
  name: "wait",
  useArgs: "CONTAINER [CONTAINER...]",
  short: "Block until one or more containers stop, then print their exit codes",
  aliases: "docker container wait, docker wait",
  args: { kind: "min", count: 1 },
  flags: [],
  run(engine, args, io) {
    return forEachName(io, args.positional, async (name) => {
      const result = await engine.containerWait(name);
      return String(result.StatusCode);
    });
  },
};

/** `docker rm`. */
export const rmCommand: CommandSpec = {
  name: "rm",
  useArgs: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Remove one or more containers",
  aliases: "docker container rm, docker container remove, docker rm",
  args: { kind: "min", count: 1 },
  flags: [
    {
      name: "force",
      short: "f",
      type: "bool",
      usage: "Force the removal of a running container (uses SIGKILL)",
    },
    { name: "link", short: "l", type: "bool", usage: "Remove the specified link" },
    {
      name: "volumes",
      short: "v",
      type: "bool",
      usage: "Remove anonymous volumes associated with the container",
    },
  ],
  run(engine, args, io) {
    const force = args.bool("force");
    const volumes = args.bool("volumes");
    const link = args.bool("link");
    return forEachName(io, args.positional, async (name) => {
      const trimmed = name.replace(/^\/+/, "");
      if (trimmed === "") throw new Error("Container name cannot be empty");
      await engine.containerRemove(trimmed, { force, volumes, ...(link ? { link } : {}) });
      return name;
    });
  },
};

/** `docker rename`. */
export const renameCommand: CommandSpec = {
  name: "rename",
  useArgs: "CONTAINER NEW_NAME",
  short: "Rename a container",
  aliases: "docker container rename, docker rename",
  args: { kind: "exact", count: 2 },
  flags: [],
  async run(engine, args, io) {
    const [oldName = "", newName = ""] = args.positional.map((name) => name.trim());
    if (oldName === "" || newName === "") {
      out(io, "");
      io.stderr.write("Error: Neither old nor new names may be empty\n");
      return 1;
    }
    try {
      await engine.containerRename(oldName, newName);
    } catch (error) {
      // The daemon's message, then the CLI's own line (exit 1).
      io.stderr.write(`${daemonMessage(error)}\n`);
      throw new CliError({
        status: `Error: failed to rename container named ${oldName}`,
        exitCode: 1,
      });
    }
    return 0;
  },
};

/** `docker container prune`. */
export const containerPruneCommand: CommandSpec = {
  name: "prune",
  useArgs: "[OPTIONS]",
  short: "Remove all stopped containers",
  args: { kind: "none" },
  flags: [
    { name: "filter", type: "filter", usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    { name: "force", short: "f", type: "bool", usage: "Do not prompt for confirmation" },
  ],
  async run(engine, args, io) {
    const warning = "WARNING! This will remove all stopped containers.";
    if (!args.bool("force") && !(await confirm(io, warning))) return 0;
    const report = await engine.containerPrune({ filters: filtersOf(args.strings("filter")) });
    const names = report.deleted as readonly string[];
    const deleted = names.length === 0 ? "" : `Deleted Containers:\n${names.join("\n")}\n\n`;
    out(io, `${deleted}Total reclaimed space: ${humanSize(report.SpaceReclaimed)}\n`);
    return 0;
  },
};
