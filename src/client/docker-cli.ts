import { compareApiVersions } from "../engine/api-version-order.ts";
import type { Engine } from "../engine/engine.ts";
import { isDrydockError } from "../errors/drydock-error.ts";
import { CliError } from "./cli-error.ts";
import type { CommandIo } from "./command-io.ts";
import type { CommandSpec } from "./command-spec.ts";
import { COMMANDS, type CommandGroup, GROUPS } from "./command-table.ts";
import { daemonMessage } from "./commands/common.ts";
import { CLIENT } from "./commands/version-info.ts";
import { scanFlags } from "./flags/scan-flags.ts";
import { checkArgs, commandHelp, flagErrorText } from "./help.ts";
import type { ParsedArgs } from "./parsed-args.ts";
import { rootHelp } from "./root-help.ts";

/** Runs work against an engine that is opened only when a command really needs one. */
export type EngineAccess = <T>(work: (engine: Engine) => Promise<T>) => Promise<T>;

/** Where a command line leads: a command and its arguments, a help text, or an error. */
export type Route =
  | {
      readonly kind: "command";
      readonly spec: CommandSpec;
      readonly path: readonly string[];
      readonly argv: readonly string[];
    }
  | {
      readonly kind: "output";
      readonly stdout: string;
      readonly stderr: string;
      readonly exitCode: number;
    };

function output(stdout: string, stderr = "", exitCode = 0): Route {
  return { kind: "output", stdout, stderr, exitCode };
}

/** Help of a management command (`docker volume`). */
export function groupHelp(group: CommandGroup): string {
  const width = Math.max(...group.listing.map(([name]) => name.length), 10) + 2;
  const lines = group.listing.map(([name, short]) => `  ${name.padEnd(width)}${short}`);
  return (
    `Usage:  docker ${group.name} COMMAND\n\n${group.short}\n\nCommands:\n${lines.join("\n")}\n\n` +
    `Run 'docker ${group.name} COMMAND --help' for more information on a command.\n`
  );
}

/** Finds the command `words` (after the global flags) name, as the docker CLI routes them. */
export function routeCommand(words: readonly string[]): Route {
  const [first, ...rest] = words;
  if (first === undefined) return output(rootHelp());
  if (first === "help") {
    if (rest.length === 0) return output(rootHelp());
    const route = routeCommand(rest);
    return route.kind === "command" ? output(commandHelp(route.spec, route.path)) : route;
  }
  const group = GROUPS.get(first);
  if (group !== undefined) return routeGroup(group, rest);
  const spec = COMMANDS.get(first);
  if (spec !== undefined) return { kind: "command", spec, path: [first], argv: rest };
  return output(
    "",
    `docker: unknown command: docker ${first}\n\nRun 'docker --help' for more information\n`,
    1,
  );
}

function routeGroup(group: CommandGroup, words: readonly string[]): Route {
  const [sub, ...rest] = words;
  // Without a subcommand the CLI prints the group's help to stderr (and exits 0).
  if (sub === undefined) return output("", groupHelp(group));
  if (sub === "--help" || sub === "-h") return output(groupHelp(group));
  const spec = group.commands.get(sub);
  if (spec !== undefined)
    return { kind: "command", spec, path: [group.name, spec.name], argv: rest };
  if (sub.startsWith("-"))
    return output(
      "",
      `unknown flag: ${sub}\n\nUsage:  docker ${group.name} COMMAND\n\nRun 'docker ${group.name} --help' for more information\n`,
      125,
    );
  // The CLI prints the container group's usage without COMMAND.
  const usage = group.name === "container" ? "docker container" : `docker ${group.name} COMMAND`;
  return output(
    "",
    `docker: unknown command: docker ${group.name} ${sub}\n\nUsage:  ${usage}\n\nRun 'docker ${group.name} --help' for more information\n`,
    1,
  );
}

/** The outcome of parsing a command's arguments: arguments to run with, or what to print. */
export type Prepared =
  | { readonly kind: "args"; readonly args: ParsedArgs }
  | Extract<Route, { kind: "output" }>;

/** Parses a routed command's arguments with docker's rules; help and errors become output. */
export function prepareCommand(
  spec: CommandSpec,
  path: readonly string[],
  argv: readonly string[],
): Prepared {
  const scanned = scanFlags(spec, argv, path);
  if (scanned.kind === "error") {
    return {
      kind: "output",
      stdout: "",
      stderr: flagErrorText(spec, path, scanned.message),
      exitCode: 125,
    };
  }
  if (scanned.kind === "help") {
    const notice = scanned.deprecatedShorthand
      ? "Flag shorthand -h has been deprecated, use --help\n"
      : "";
    return { kind: "output", stdout: notice + commandHelp(spec, path), stderr: "", exitCode: 0 };
  }
  return checkParsed(spec, path, scanned.args);
}

/** Checks the positional argument count of already parsed arguments. */
export function checkParsed(
  spec: CommandSpec,
  path: readonly string[],
  args: ParsedArgs,
): Prepared {
  const problem = checkArgs(spec, path, args.positional.length);
  if (problem !== undefined) return { kind: "output", stdout: "", stderr: problem, exitCode: 1 };
  return { kind: "args", args };
}

/**
 * Runs a command and turns its failures into docker's output: a `CliError` prints its text and
 * exits with its code; an engine error prints `Error response from daemon: …` and exits 1.
 */
export async function executeCommand(
  spec: CommandSpec,
  engine: Engine,
  args: ParsedArgs,
  io: CommandIo,
): Promise<number> {
  try {
    await checkFlagApiVersions(spec, engine, args);
    return await spec.run(engine, args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(error.status.endsWith("\n") ? error.status : `${error.status}\n`);
      return error.exitCode;
    }
    if (isDrydockError(error)) {
      io.stderr.write(`${daemonMessage(error)}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * The CLI's check of flags newer than the daemon (their `version` annotation), before the
 * command runs: the first such flag set fails the command (exit 1). The daemon is asked only
 * when such a flag is set.
 */
async function checkFlagApiVersions(
  spec: CommandSpec,
  engine: Engine,
  args: ParsedArgs,
): Promise<void> {
  const newer = spec.flags.filter(
    (flag) => flag.minApiVersion !== undefined && args.has(flag.name),
  );
  if (newer.length === 0) return;
  const spoken = negotiatedApiVersion((await engine.version()).ApiVersion);
  for (const flag of newer) {
    const needed = flag.minApiVersion!;
    if (compareApiVersions(spoken, needed) < 0) {
      throw new CliError({
        status: `"--${flag.name}" requires API version ${needed}, but the Docker daemon API version is ${spoken}`,
        exitCode: 1,
      });
    }
  }
}

/** The API version the CLI speaks: its own, downgraded to an older daemon's. */
function negotiatedApiVersion(daemon: string): string {
  return compareApiVersions(daemon, CLIENT.defaultApiVersion) < 0
    ? daemon
    : CLIENT.defaultApiVersion;
}

/** Writes a route's or preparation's output and returns its exit code. */
export function writeOutput(
  io: CommandIo,
  result: { stdout: string; stderr: string; exitCode: number },
): number {
  if (result.stdout !== "") io.stdout.write(result.stdout);
  if (result.stderr !== "") io.stderr.write(result.stderr);
  return result.exitCode;
}

/**
 * The whole client for one command line (without global flags), parsing with docker's rules:
 * what an in-process or browser embedding calls. The `drydock` CLI parses with yargs and calls
 * the same `prepareCommand`/`executeCommand`.
 */
export async function runDocker(
  access: EngineAccess,
  argv: readonly string[],
  io: CommandIo,
): Promise<number> {
  const route = routeCommand(argv);
  if (route.kind === "output") return writeOutput(io, route);
  const prepared = prepareCommand(route.spec, route.path, route.argv);
  if (prepared.kind === "output") return writeOutput(io, prepared);
  return access((engine) => executeCommand(route.spec, engine, prepared.args, io));
}

export { daemonMessage };
