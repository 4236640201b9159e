import type { HealthConfig } from "../../engine/api-types.ts";
import { CliError } from "../cli-error.ts";
import type { FlagSpec } from "../command-spec.ts";
import { durationFlag, durationValue } from "../flags/duration-flag.ts";
import type { ParsedArgs } from "../parsed-args.ts";

/**
 * `--health-*` flags of `run`/`create`, in help order. The durations' "(default 0s)" is part of
 * their usage text, as in the CLI: pflag itself prints no default for a zero duration.
 */
export const HEALTH_FLAGS: readonly FlagSpec[] = [
  { name: "health-cmd", type: "string", usage: "Command to run to check health" },
  durationFlag({
    name: "health-interval",
    usage: "Time between running the check (ms|s|m|h) (default 0s)",
  }),
  {
    name: "health-retries",
    type: "int",
    usage: "Consecutive failures needed to report unhealthy",
  },
  durationFlag({
    name: "health-start-interval",
    usage: "Time between running the check during the start period (ms|s|m|h) (default 0s)",
    minApiVersion: "1.44",
    // The CLI hides a flag its daemon's API is too old for; drydock's engines speak API 1.41.
    hidden: true,
  }),
  durationFlag({
    name: "health-start-period",
    usage:
      "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)",
  }),
  durationFlag({
    name: "health-timeout",
    usage: "Maximum time to allow one check to run (ms|s|m|h) (default 0s)",
  }),
];

export const NO_HEALTHCHECK_FLAG: FlagSpec = {
  name: "no-healthcheck",
  type: "bool",
  usage: "Disable any container-specified HEALTHCHECK",
};

/** What the `--health-*` flags say, durations in nanoseconds (0: not set). */
interface HealthSettings {
  readonly command: string;
  readonly interval: number;
  readonly timeout: number;
  readonly startPeriod: number;
  readonly startInterval: number;
  readonly retries: number;
}

/** `HealthConfig` with API 1.44's `StartInterval`, sent only when the daemon speaks 1.44. */
type HealthConfigRequest = HealthConfig & { readonly StartInterval?: number };

/**
 * The create request's `Healthcheck` as the CLI builds it: undefined (the image's HEALTHCHECK
 * applies) when no health value is set, `["NONE"]` for `--no-healthcheck`, else the values set.
 * The CLI judges values, not flags: `--health-interval 0s` sets nothing. A bad combination is a
 * `CliError` (125).
 */
export function healthcheckOf(args: ParsedArgs): HealthConfigRequest | undefined {
  const settings = healthSettings(args);
  const haveSettings =
    settings.command !== "" ||
    settings.interval !== 0 ||
    settings.timeout !== 0 ||
    settings.startPeriod !== 0 ||
    settings.retries !== 0 ||
    settings.startInterval !== 0;
  if (args.bool("no-healthcheck")) {
    if (haveSettings) throw usageError("--no-healthcheck conflicts with --health-* options");
    return { Test: ["NONE"] };
  }
  if (!haveSettings) return undefined;
  refuseNegative(settings);
  return healthConfig(settings);
}

function healthSettings(args: ParsedArgs): HealthSettings {
  return {
    command: args.string("health-cmd"),
    interval: durationValue(args, "health-interval"),
    timeout: durationValue(args, "health-timeout"),
    startPeriod: durationValue(args, "health-start-period"),
    startInterval: durationValue(args, "health-start-interval"),
    retries: args.int("health-retries"),
  };
}

/** The CLI checks in this order and reports the first negative value only. */
function refuseNegative(settings: HealthSettings): void {
  const checks: [string, number][] = [
    ["--health-interval", settings.interval],
    ["--health-timeout", settings.timeout],
    ["--health-retries", settings.retries],
    ["--health-start-period", settings.startPeriod],
    ["--health-start-interval", settings.startInterval],
  ];
  for (const [flag, value] of checks) {
    if (value < 0) throw usageError(`${flag} cannot be negative`);
  }
}

/**
 * Zero values are left out, as Go's `omitempty` leaves them out of the JSON body (the daemon
 * then keeps the image's value); keys in the Go struct's order. Below 1ms is the daemon's to
 * refuse: the CLI sends it.
 */
function healthConfig(settings: HealthSettings): HealthConfigRequest {
  const nonZero = <K extends string>(key: K, value: number) =>
    value === 0 ? {} : ({ [key]: value } as Record<K, number>);
  return {
    ...(settings.command === "" ? {} : { Test: ["CMD-SHELL", settings.command] }),
    ...nonZero("Interval", settings.interval),
    ...nonZero("Timeout", settings.timeout),
    ...nonZero("StartPeriod", settings.startPeriod),
    ...nonZero("StartInterval", settings.startInterval),
    ...nonZero("Retries", settings.retries),
  };
}

function usageError(message: string): CliError {
  return new CliError({ status: message, exitCode: 125 });
}
