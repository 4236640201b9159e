import type { CommandSpec } from "./command-spec.ts";
import { attachCommand } from "./commands/attach.ts";
import { buildCommand } from "./commands/build.ts";
import { builderPruneCommand } from "./commands/builder-prune.ts";
import {
  commitCommand,
  diffCommand,
  exportCommand,
  portCommand,
  topCommand,
} from "./commands/container-misc.ts";
import { cpCommand } from "./commands/cp.ts";
import { createCommand } from "./commands/create.ts";
import { eventsCommand } from "./commands/events.ts";
import { execCommand } from "./commands/exec.ts";
import { historyCommand } from "./commands/history.ts";
import {
  imagePruneCommand,
  loadCommand,
  pushCommand,
  rmiCommand,
  saveCommand,
  tagCommand,
} from "./commands/image-manage.ts";
import { imagesCommand } from "./commands/images.ts";
import { importCommand } from "./commands/import.ts";
import { inspectCommand, typedInspectCommand } from "./commands/inspect.ts";
import {
  containerPruneCommand,
  killCommand,
  pauseCommand,
  renameCommand,
  restartCommand,
  rmCommand,
  stopCommand,
  unpauseCommand,
  waitCommand,
} from "./commands/lifecycle.ts";
import { loginCommand, logoutCommand } from "./commands/login.ts";
import { logsCommand } from "./commands/logs.ts";
import {
  networkCreateCommand,
  networkInspectCommand,
  networkLsCommand,
  networkRmCommand,
} from "./commands/network.ts";
import {
  networkConnectCommand,
  networkDisconnectCommand,
  networkPruneCommand,
} from "./commands/network-connect.ts";
import { psCommand } from "./commands/ps.ts";
import { pullCommand } from "./commands/pull.ts";
import { runCommand } from "./commands/run.ts";
import { startCommand } from "./commands/start.ts";
import { statsCommand } from "./commands/stats.ts";
import { systemDfCommand, systemPruneCommand } from "./commands/system.ts";
import { updateCommand } from "./commands/update.ts";
import { infoCommand, versionCommand } from "./commands/version-info.ts";
import {
  volumeCreateCommand,
  volumeInspectCommand,
  volumeLsCommand,
  volumePruneCommand,
  volumeRmCommand,
} from "./commands/volume.ts";

/** A management command (`docker image …`): its subcommands by every name they answer to. */
export interface CommandGroup {
  readonly name: string;
  readonly short: string;
  /** Subcommands by name and alias. */
  readonly commands: ReadonlyMap<string, CommandSpec>;
  /** Lines of the group's help, in docker's order. */
  readonly listing: readonly (readonly [string, string])[];
}

function renamed(spec: CommandSpec, name: string): CommandSpec {
  return { ...spec, name };
}

function group(
  name: string,
  short: string,
  entries: readonly (readonly [CommandSpec, ...string[]])[],
): CommandGroup {
  const commands = new Map<string, CommandSpec>();
  const listing: [string, string][] = [];
  for (const [spec, ...aliases] of entries) {
    commands.set(spec.name, spec);
    for (const alias of aliases) commands.set(alias, spec);
    listing.push([spec.name, spec.short.split("\n")[0]!]);
  }
  listing.sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return { name, short, commands, listing };
}

const containerInspect = typedInspectCommand("container", {
  useArgs: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Display detailed information on one or more containers",
});
const imageInspect = typedInspectCommand("image", {
  useArgs: "[OPTIONS] IMAGE [IMAGE...]",
  short: "Display detailed information on one or more images",
});

/** The management commands drydock knows. */
export const GROUPS: ReadonlyMap<string, CommandGroup> = new Map([
  [
    "container",
    group("container", "Manage containers", [
      [attachCommand],
      [commitCommand],
      [cpCommand],
      [createCommand],
      [diffCommand],
      [execCommand],
      [exportCommand],
      [containerInspect],
      [killCommand],
      [logsCommand],
      [renamed(psCommand, "ls"), "list", "ps"],
      [pauseCommand],
      [portCommand],
      [containerPruneCommand],
      [renameCommand],
      [restartCommand],
      [rmCommand, "remove"],
      [runCommand],
      [startCommand],
      [statsCommand],
      [stopCommand],
      [topCommand],
      [unpauseCommand],
      [updateCommand],
      [waitCommand],
    ]),
  ],
  ["builder", group("builder", "Manage builds", [[buildCommand], [builderPruneCommand]])],
  [
    "image",
    group("image", "Manage images", [
      [buildCommand],
      [historyCommand],
      [importCommand],
      [imageInspect],
      [loadCommand],
      [renamed(imagesCommand, "ls"), "list"],
      [imagePruneCommand],
      [pullCommand],
      [pushCommand],
      [renamed(rmiCommand, "rm"), "remove"],
      [saveCommand],
      [tagCommand],
    ]),
  ],
  [
    "volume",
    group("volume", "Manage volumes", [
      [volumeCreateCommand],
      [volumeInspectCommand],
      [volumeLsCommand, "list"],
      [volumePruneCommand],
      [volumeRmCommand, "remove"],
    ]),
  ],
  [
    "network",
    group("network", "Manage networks", [
      [networkConnectCommand],
      [networkCreateCommand],
      [networkDisconnectCommand],
      [networkInspectCommand],
      [networkLsCommand, "list"],
      [networkPruneCommand],
      [networkRmCommand, "remove"],
    ]),
  ],
  [
    "system",
    group("system", "Manage Docker", [
      [systemDfCommand],
      [eventsCommand],
      [infoCommand],
      [systemPruneCommand],
    ]),
  ],
]);

/** Top-level commands (`docker ps`, `docker run`, …). */
export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map(
  [
    attachCommand,
    buildCommand,
    commitCommand,
    cpCommand,
    createCommand,
    diffCommand,
    eventsCommand,
    execCommand,
    exportCommand,
    historyCommand,
    imagesCommand,
    importCommand,
    infoCommand,
    inspectCommand,
    killCommand,
    loadCommand,
    loginCommand,
    logoutCommand,
    logsCommand,
    pauseCommand,
    portCommand,
    psCommand,
    pullCommand,
    pushCommand,
    renameCommand,
    restartCommand,
    rmCommand,
    rmiCommand,
    runCommand,
    saveCommand,
    startCommand,
    statsCommand,
    stopCommand,
    tagCommand,
    topCommand,
    unpauseCommand,
    updateCommand,
    versionCommand,
    waitCommand,
  ].map((spec) => [spec.name, spec]),
);
