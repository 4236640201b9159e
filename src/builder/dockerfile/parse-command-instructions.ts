import { goQuote } from "../../go/quote.ts";
import { GoDurationError, parseGoDuration } from "./go-duration.ts";
import type {
  CmdInstruction,
  CommandLine,
  EntrypointInstruction,
  HealthcheckInstruction,
  RunInstruction,
  ShellInstruction,
} from "./instruction.ts";
import {
  atLeastOneArgument,
  InstructionFailure,
  type InstructionRequest,
} from "./instruction-request.ts";
import { parseRunMount, RunMountError } from "./run-mount.ts";

/** Docker's `handleJSONArgs` + `ShellDependantCmdLine`: exec argv, or the shell text as one word. */
function commandLine(request: InstructionRequest, args: readonly string[]): CommandLine {
  const json = request.node.json;
  if (args.length === 0) return { args: [], prependShell: !json };
  return { args: json ? args : [args.join(" ")], prependShell: !json };
}

const NETWORKS: readonly string[] = ["default", "none", "host"];
const SECURITY: readonly string[] = ["sandbox", "insecure"];

/** RUN: the command, its heredoc files and its `--mount`/`--network`/`--security` flags. */
export function parseRun(request: InstructionRequest): RunInstruction {
  const flags = request.flags();
  const mounts = (flags.lists.get("mount") ?? []).map((value) => {
    try {
      return parseRunMount(value);
    } catch (error) {
      if (error instanceof RunMountError) throw new InstructionFailure(error.message);
      throw error;
    }
  });
  const network = request.flag("network");
  if (network !== undefined && !NETWORKS.includes(network)) {
    throw new InstructionFailure(`invalid network mode ${goQuote(network)}`);
  }
  const security = request.flag("security");
  if (security !== undefined && !SECURITY.includes(security)) {
    throw new InstructionFailure(`security ${goQuote(security)} is not valid`);
  }
  return {
    ...request.base("RUN"),
    command: commandLine(request, request.args),
    files: request.node.heredocs,
    mounts,
    ...(network === undefined ? {} : { network }),
    ...(security === undefined ? {} : { security }),
    flagsUsed: flags.used,
  };
}

/** CMD: the command in exec or shell form; flags checked first. */
export function parseCmd(request: InstructionRequest): CmdInstruction {
  request.flags();
  return { ...request.base("CMD"), command: commandLine(request, request.args) };
}

/** ENTRYPOINT: as CMD; an empty command resets the entrypoint. */
export function parseEntrypoint(request: InstructionRequest): EntrypointInstruction {
  request.flags();
  return { ...request.base("ENTRYPOINT"), command: commandLine(request, request.args) };
}

/** SHELL: must be a non-empty JSON array. */
export function parseShell(request: InstructionRequest): ShellInstruction {
  request.flags();
  if (request.args.length === 0) throw atLeastOneArgument("SHELL");
  if (!request.node.json) {
    throw new InstructionFailure("SHELL requires the arguments to be in JSON form");
  }
  return { ...request.base("SHELL"), shell: request.args };
}

/**
 * HEALTHCHECK NONE | [flags] CMD command. Docker 20.10 rejects durations under 1ms (0 included)
 * and retries under 1; `--start-interval` is BuildKit's. With NONE the flags are never checked.
 */
export function parseHealthcheck(request: InstructionRequest): HealthcheckInstruction {
  const { args } = request;
  if (args.length === 0) throw atLeastOneArgument("HEALTHCHECK");
  const type = (args[0] ?? "").toUpperCase();
  const rest = args.slice(1);
  const none = { intervalNs: 0, timeoutNs: 0, startPeriodNs: 0, startIntervalNs: 0, retries: 0 };
  if (type === "NONE") {
    if (rest.length !== 0) throw new InstructionFailure("HEALTHCHECK NONE takes no arguments");
    return { ...request.base("HEALTHCHECK"), health: { test: ["NONE"], ...none } };
  }
  request.flags();
  if (type !== "CMD") {
    throw new InstructionFailure(`Unknown type ${goQuote(type)} in HEALTHCHECK (try CMD)`);
  }
  const command = commandLine(request, rest);
  if (command.args.length === 0)
    throw new InstructionFailure("Missing command after HEALTHCHECK CMD");
  const test = [request.node.json ? "CMD" : "CMD-SHELL", ...command.args];
  const health = {
    test,
    intervalNs: interval(request, "interval"),
    timeoutNs: interval(request, "timeout"),
    startPeriodNs: interval(request, "start-period"),
    startIntervalNs: interval(request, "start-interval"),
    retries: retries(request.flag("retries")),
  };
  return { ...request.base("HEALTHCHECK"), health };
}

const MINIMUM_DURATION_NS = 1_000_000;

function interval(request: InstructionRequest, name: string): number {
  const value = request.flag(name);
  if (value === undefined || value === "") return 0;
  let ns: number;
  try {
    ns = parseGoDuration(value);
  } catch (error) {
    if (error instanceof GoDurationError) throw new InstructionFailure(error.message);
    throw error;
  }
  if (ns < MINIMUM_DURATION_NS) {
    throw new InstructionFailure(`Interval ${goQuote(name)} cannot be less than 1ms`);
  }
  return ns;
}

function retries(value: string | undefined): number {
  if (value === undefined || value === "") return 0;
  // Go's strconv.ParseInt(value, 10, 32).
  if (!/^[+-]?[0-9]+$/.test(value)) {
    throw new InstructionFailure(`strconv.ParseInt: parsing ${goQuote(value)}: invalid syntax`);
  }
  const parsed = Number(value);
  if (parsed > 2147483647 || parsed < -2147483648) {
    throw new InstructionFailure(`strconv.ParseInt: parsing ${goQuote(value)}: value out of range`);
  }
  if (parsed < 1) throw new InstructionFailure(`--retries must be at least 1 (not ${parsed})`);
  return parsed;
}
