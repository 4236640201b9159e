import { pathToFileURL } from "node:url";
import type { CommandIo } from "../client/command-io.ts";
import { CLIENT } from "../client/commands/version-info.ts";
import {
  checkParsed,
  type EngineAccess,
  executeCommand,
  routeCommand,
  writeOutput,
} from "../client/docker-cli.ts";
import { commandHelp, flagErrorText } from "../client/help.ts";
import { runDemo } from "./demo.ts";
import { nodeIo } from "./node-io.ts";
import { dataRootOf, embeddedEngineAccess } from "./open-engine.ts";
import { parseCommandArgs, parseGlobal } from "./parse-argv.ts";

/** Options of `runCli`: where to run and which engine (tests pass their own). */
export interface CliOptions {
  readonly io: CommandIo;
  /** Engine access; default: the embedded engine on the data root. */
  readonly engine?: (dataRoot: string) => EngineAccess;
}

const ROOT_USAGE =
  "Usage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n";

/**
 * The `drydock` command: docker's CLI over drydock's engine. Parses in two stages with yargs
 * (global flags, then the command's own arguments), opens the embedded engine only for commands
 * that need it, and returns the exit code docker would.
 */
export async function runCli(argv: readonly string[], options: CliOptions): Promise<number> {
  const { io } = options;
  if (argv[0] === "daemon") {
    const { runDaemonCommand } = await import("./daemon-command.ts");
    return runDaemonCommand(argv.slice(1), io);
  }
  const global = parseGlobal(argv);
  if ("error" in global)
    return writeOutput(io, {
      stdout: "",
      stderr: `${global.error}\n\n${ROOT_USAGE}`,
      exitCode: 125,
    });
  if (global.version) {
    io.stdout.write(`Docker version ${CLIENT.version}, build ${CLIENT.gitCommit}\n`);
    return 0;
  }
  if (global.hosts.length > 0) {
    io.stderr.write("drydock: --host is not supported yet; drydock runs its embedded engine\n");
    return 1;
  }
  if (global.rest[0] === "demo") return runDemo(io);
  if (global.rest[0] === "scenario") {
    const { runScenarioCommand } = await import("./scenario-command.ts");
    return runScenarioCommand(global.rest.slice(1), io);
  }
  if (global.rest[0] === "registry") {
    const { runRegistryCommand } = await import("./registry-command.ts");
    return runRegistryCommand(global.rest.slice(1), io, { dataRoot: global.dataRoot });
  }
  const route = routeCommand(global.rest[0] === "--help" ? [] : global.rest);
  if (route.kind === "output") return writeOutput(io, route);
  const parsed = parseCommandArgs(route.spec, route.path, route.argv);
  if (parsed.kind === "error") {
    return writeOutput(io, {
      stdout: "",
      stderr: flagErrorText(route.spec, route.path, parsed.message),
      exitCode: 125,
    });
  }
  if (parsed.kind === "help") {
    const notice = parsed.deprecatedShorthand
      ? "Flag shorthand -h has been deprecated, use --help\n"
      : "";
    return writeOutput(io, {
      stdout: notice + commandHelp(route.spec, route.path),
      stderr: "",
      exitCode: 0,
    });
  }
  const prepared = checkParsed(route.spec, route.path, parsed.args);
  if (prepared.kind === "output") return writeOutput(io, prepared);
  const dataRoot = dataRootOf(global.dataRoot, io.env);
  const access = options.engine?.(dataRoot) ?? embeddedEngineAccess(dataRoot, io.env);
  return access((engine) => executeCommand(route.spec, engine, prepared.args, io));
}

/** Entry point used by `bin.mjs`: runs one command line in this process. */
export async function main(argv: readonly string[]): Promise<number> {
  const io = nodeIo();
  try {
    return await runCli(argv, { io });
  } finally {
    io.release();
  }
}

// No top-level await: the CLI bundle (see `cli-bundle.ts`) is CommonJS, for V8's code cache.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2)).then((exitCode) => {
    process.exitCode = exitCode;
  });
}
