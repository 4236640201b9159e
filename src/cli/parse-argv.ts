import yargs from "yargs";
import type { CommandSpec, FlagSpec } from "../client/command-spec.ts";
import { convertFlagValue } from "../client/flags/flag-value.ts";
import { defaultOf, scanFlags } from "../client/flags/scan-flags.ts";
import { type FlagValue, ParsedArgs } from "../client/parsed-args.ts";

/** yargs-parser settings that keep docker's meaning of arguments. */
const PARSER_CONFIGURATION = {
  // `--no-trunc` is a flag of its own, not the negation of `--trunc`.
  "boolean-negation": false,
  "camel-case-expansion": false,
  "dot-notation": false,
  // `run IMG sleep 3600` keeps "3600" a string; flag values are converted by the spec.
  "parse-numbers": false,
  "parse-positional-numbers": false,
  "duplicate-arguments-array": true,
  "flatten-duplicate-arrays": true,
  "greedy-arrays": false,
  "short-option-groups": true,
  "strip-aliased": true,
  "strip-dashed": false,
  "populate--": true,
} as const;

/** Global options: what comes before the command name. */
export interface GlobalOptions {
  readonly dataRoot?: string;
  readonly hosts: readonly string[];
  readonly debug: boolean;
  readonly logLevel?: string;
  readonly version: boolean;
  /** The command words and everything after them, untouched. */
  readonly rest: readonly string[];
}

/** The global flags, as a spec for docker-style checking. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: "config", type: "string", usage: "Location of client config files" },
  {
    name: "context",
    short: "c",
    type: "string",
    usage: "Name of the context to use to connect to the daemon",
  },
  { name: "data-root", type: "string", usage: "Where the embedded engine keeps its state" },
  { name: "debug", short: "D", type: "bool", usage: "Enable debug mode" },
  { name: "host", short: "H", type: "list", usage: "Daemon socket to connect to" },
  { name: "log-level", short: "l", type: "string", usage: "Set the logging level" },
  { name: "version", short: "v", type: "bool", usage: "Print version information and quit" },
];

function yargsOptions(
  flags: readonly FlagSpec[],
): Record<string, { alias?: string; type: "boolean" | "string"; nargs?: number; array?: boolean }> {
  const options: Record<
    string,
    { alias?: string; type: "boolean" | "string"; nargs?: number; array?: boolean }
  > = {};
  for (const flag of flags) {
    const repeatable =
      flag.type === "list" || flag.type === "filter" || flag.type === "stringArray";
    options[flag.name] = {
      ...(flag.short === undefined ? {} : { alias: flag.short }),
      type: flag.type === "bool" ? "boolean" : "string",
      // Array options are greedy unless each occurrence takes exactly one value.
      ...(flag.type === "bool" ? {} : { nargs: 1 }),
      ...(repeatable ? { array: true } : {}),
    };
  }
  return options;
}

/**
 * Splits a value glued to a short flag (`-eK=V`, `-it` followed by `-eX`) into its own argument:
 * yargs reads `-eB=2` as `-e` plus a flag `B`, pflag as `-e B=2`.
 */
function splitShortValues(
  argv: readonly string[],
  flags: readonly FlagSpec[],
  haltAtNonOption: boolean,
): string[] {
  const byShort = new Map(
    flags.filter((flag) => flag.short !== undefined).map((flag) => [flag.short!, flag]),
  );
  const out: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "--" || !arg.startsWith("-") || arg.startsWith("--") || arg.length < 3) {
      out.push(arg);
      if (arg === "--" || (haltAtNonOption && !arg.startsWith("-"))) {
        out.push(...argv.slice(index + 1));
        break;
      }
      // A value flag's next argument is its value, never a positional.
      const flag = arg.startsWith("--")
        ? flags.find((f) => f.name === arg.slice(2))
        : byShort.get(arg.slice(1));
      if (
        flag !== undefined &&
        flag.type !== "bool" &&
        !arg.includes("=") &&
        index + 1 < argv.length
      )
        out.push(argv[++index]!);
      continue;
    }
    let rest = arg.slice(1);
    while (rest.length > 0) {
      const flag = byShort.get(rest[0]!);
      if (flag !== undefined && rest.length > 2 && rest[1] === "=") {
        out.push(`--${flag.name}=${rest.slice(2)}`);
        break;
      }
      if (flag === undefined || flag.type === "bool" || rest.length === 1) {
        out.push(`-${rest[0]}`);
        if (flag !== undefined && flag.type !== "bool" && index + 1 < argv.length)
          out.push(argv[++index]!);
        rest = rest.slice(1);
        continue;
      }
      out.push(`-${rest[0]}`, rest[1] === "=" ? rest.slice(2) : rest.slice(1));
      rest = "";
    }
  }
  return out;
}

/** Runs yargs on `argv` with the given flags; throws yargs's own error on failure. */
function runYargs(
  argv: readonly string[],
  flags: readonly FlagSpec[],
  haltAtNonOption: boolean,
): Record<string, unknown> {
  return yargs([...splitShortValues(argv, flags, haltAtNonOption)])
    .parserConfiguration({ ...PARSER_CONFIGURATION, "halt-at-non-option": haltAtNonOption })
    .help(false)
    .version(false)
    .options(yargsOptions(flags))
    .strict(false)
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseSync() as Record<string, unknown>;
}

/** Stage one: the global flags, up to the first word that is not one of them. */
export function parseGlobal(argv: readonly string[]): GlobalOptions | { readonly error: string } {
  const checked = scanFlags({ flags: GLOBAL_FLAGS, interspersed: false }, argv, []);
  if (checked.kind === "error") return { error: checked.message };
  const parsed = runYargs(argv, GLOBAL_FLAGS, true);
  const rest = [
    ...(parsed._ as unknown[]).map(String),
    ...((parsed["--"] as unknown[] | undefined) ?? []).map(String),
  ];
  const last = (value: unknown) =>
    (Array.isArray(value) ? value.at(-1) : value) as string | undefined;
  const dataRoot = last(parsed["data-root"]);
  const logLevel = last(parsed["log-level"]);
  return {
    ...(dataRoot === undefined ? {} : { dataRoot }),
    ...(logLevel === undefined ? {} : { logLevel }),
    hosts: ((parsed.host as unknown[] | undefined) ?? []).map(String),
    debug: parsed.debug === true,
    version: parsed.version === true,
    rest: checked.kind === "help" ? ["--help", ...rest] : rest,
  };
}

/**
 * Stage two: a command's own arguments. yargs parses (halting at the first positional for `run`,
 * `create`, `exec`, so `run IMG sh -c …` keeps the container's flags), values are converted as
 * the spec says; pflag-style checking first gives docker's error wording (`unknown flag: --x`),
 * which yargs cannot (notes §5.6, pitfall 23).
 */
export function parseCommandArgs(
  spec: CommandSpec,
  path: readonly string[],
  argv: readonly string[],
): ReturnType<typeof scanFlags> {
  const checked = scanFlags(spec, argv, path);
  if (checked.kind !== "ok") return checked;
  const parsed = runYargs(argv, spec.flags, spec.interspersed === false);
  const values = new Map<string, FlagValue>();
  const changed = new Set<string>();
  for (const flag of spec.flags) {
    const raw = parsed[flag.name];
    if (raw === undefined) {
      values.set(flag.name, defaultOf(flag));
      continue;
    }
    changed.add(flag.name);
    let value: FlagValue | undefined;
    for (const item of Array.isArray(raw) ? raw : [raw]) {
      const converted = convertFlagValue(flag, String(item), value);
      if (!converted.ok) return { kind: "error", message: converted.error };
      value = converted.value;
    }
    values.set(flag.name, value ?? defaultOf(flag));
  }
  // yargs drops the `--` that ends the flags; with halting, a later `--` is the container's.
  const positional = [
    ...(parsed._ as unknown[]).map(String),
    ...((parsed["--"] as unknown[] | undefined) ?? []).map(String),
  ];
  return { kind: "ok", args: new ParsedArgs({ commandPath: path, positional, values, changed }) };
}
