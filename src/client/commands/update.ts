import type { ContainerUpdateRequest } from "../../engine/engine.ts";
import { CliError } from "../cli-error.ts";
import type { CommandSpec, FlagSpec } from "../command-spec.ts";
import { parseMemoryBytes, parseNanoCpus } from "../flags/memory-bytes.ts";
import type { ParsedArgs } from "../parsed-args.ts";
import { forEachName } from "./common.ts";
import { restartPolicy } from "./container-options.ts";

function reason(parsed: number | { readonly error: string }): string | undefined {
  return typeof parsed === "number" ? undefined : parsed.error;
}

function bytesFlag(name: string, usage: string, short?: string): FlagSpec {
  return {
    name,
    ...(short === undefined ? {} : { short }),
    type: "string",
    valueName: "bytes",
    usage,
    validate: (value) => reason(parseMemoryBytes(value)),
  };
}

function intFlag(name: string, usage: string, short?: string): FlagSpec {
  return { name, ...(short === undefined ? {} : { short }), type: "int", usage };
}

const UPDATE_FLAGS: readonly FlagSpec[] = [
  {
    name: "blkio-weight",
    type: "int",
    valueName: "uint16",
    usage: "Block IO (relative weight), between 10\nand 1000, or 0 to disable (default 0)",
  },
  intFlag("cpu-period", "Limit CPU CFS (Completely Fair\nScheduler) period"),
  intFlag("cpu-quota", "Limit CPU CFS (Completely Fair\nScheduler) quota"),
  intFlag("cpu-rt-period", "Limit the CPU real-time period in\nmicroseconds"),
  intFlag("cpu-rt-runtime", "Limit the CPU real-time runtime in\nmicroseconds"),
  intFlag("cpu-shares", "CPU shares (relative weight)", "c"),
  {
    name: "cpus",
    type: "string",
    valueName: "decimal",
    usage: "Number of CPUs",
    validate: (value) => reason(parseNanoCpus(value)),
  },
  { name: "cpuset-cpus", type: "string", usage: "CPUs in which to allow execution (0-3, 0,1)" },
  { name: "cpuset-mems", type: "string", usage: "MEMs in which to allow execution (0-3, 0,1)" },
  bytesFlag("memory", "Memory limit", "m"),
  bytesFlag("memory-reservation", "Memory soft limit"),
  bytesFlag("memory-swap", "Swap limit equal to memory plus swap:\n-1 to enable unlimited swap"),
  intFlag("pids-limit", "Tune container pids limit (set -1 for\nunlimited)"),
  { name: "restart", type: "string", usage: "Restart policy to apply when a\ncontainer exits" },
];

function bytesOf(args: ParsedArgs, name: string): number {
  const value = args.string(name);
  if (value === "") return 0;
  // The flag's validator already refused sizes that do not parse; -1 is "unlimited".
  const parsed = value === "-1" ? -1 : parseMemoryBytes(value);
  return typeof parsed === "number" ? parsed : 0;
}

/**
 * `--restart name[:count]` read as `run` reads it (`ParseRestartPolicy`); the daemon judges the
 * name. `update` reports a bad form with exit 1 and no `docker:` prefix.
 */
function restartOf(value: string): { Name: string; MaximumRetryCount: number } {
  try {
    return restartPolicy(value);
  } catch (error) {
    if (error instanceof CliError) throw new CliError({ status: error.status, exitCode: 1 });
    throw error;
  }
}

/** The request as the docker CLI builds it: zero for every flag not given. */
function updateRequest(args: ParsedArgs): ContainerUpdateRequest {
  const cpus = args.string("cpus");
  const nanoCpus = cpus === "" ? 0 : parseNanoCpus(cpus);
  return {
    CpuShares: args.int("cpu-shares"),
    Memory: bytesOf(args, "memory"),
    NanoCpus: typeof nanoCpus === "number" ? nanoCpus : 0,
    BlkioWeight: args.int("blkio-weight"),
    CpuPeriod: args.int("cpu-period"),
    CpuQuota: args.int("cpu-quota"),
    CpusetCpus: args.string("cpuset-cpus"),
    CpusetMems: args.string("cpuset-mems"),
    MemoryReservation: bytesOf(args, "memory-reservation"),
    MemorySwap: bytesOf(args, "memory-swap"),
    PidsLimit: args.has("pids-limit") ? args.int("pids-limit") : null,
    RestartPolicy: restartOf(args.string("restart")),
  };
}

/** `docker update`: prints each container as given; failures together at the end. */
export const updateCommand: CommandSpec = {
  name: "update",
  useArgs: "[OPTIONS] CONTAINER [CONTAINER...]",
  short: "Update configuration of one or more containers",
  aliases: "docker container update, docker update",
  args: { kind: "min", count: 1 },
  flags: UPDATE_FLAGS,
  async run(engine, args, io) {
    if (!UPDATE_FLAGS.some((flag) => args.has(flag.name)))
      throw new CliError({
        status: "you must provide one or more flags when using this command",
        exitCode: 1,
      });
    const request = updateRequest(args);
    return forEachName(io, args.positional, async (name) => {
      await engine.containerUpdate(name, request);
      return name;
    });
  },
};
