import { existsSync, readdirSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { CommandIo } from "../client/command-io.ts";
import { isDrydockError } from "../errors/drydock-error.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { ScenarioResult } from "../scenario/scenario-result.ts";
import { formatJsonl } from "../trace/formatters.ts";
import { formatMermaid } from "../trace/mermaid.ts";
import { nodeScenarioSource } from "./node-scenario-source.ts";

const USAGE = `Usage:
  drydock scenario run FILE|DIR|NAME [--seed N] [--trace OUT] [--format text|jsonl|mermaid] [--check-determinism]
                       [--backend sim|docker] [--hosts HOST=ENDPOINT,…] [--registry NAME=HOST:PORT,…]
  drydock scenario diff FILE|DIR|NAME|--all [--recorded] [--record] [--format text|json]
  drydock scenario up FILE|DIR|NAME                 (its world on real Docker until Ctrl-C)
  drydock scenario list [DIR]

A NAME is a folder of sim-scenarios/ (in the working directory, else drydock's own).
--backend docker runs the steps on real Docker: by default on private dockerds and registries
drydock starts (root, docker.io and docker-registry installed), or on the dockerds --hosts names.
`;

/** Options of `scenario run`, parsed. */
interface RunArgs {
  readonly target: string;
  readonly seed?: number;
  readonly trace?: string;
  readonly format: "text" | "jsonl" | "mermaid";
  readonly checkDeterminism: boolean;
  readonly backend: "sim" | "docker";
  readonly hosts?: Readonly<Record<string, string>>;
  readonly registries?: Readonly<Record<string, string>>;
}

/** `drydock scenario …`: runs or lists scenarios; returns the exit code (1 when a run fails). */
export async function runScenarioCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === "list") return listScenarios(rest, io);
    if (sub === "up") {
      const { runScenarioUp } = await import("./scenario-up-command.ts");
      return await runScenarioUp(rest, io);
    }
    if (sub === "diff") {
      const { runScenarioDiff } = await import("./scenario-diff-command.ts");
      return await runScenarioDiff(rest, io);
    }
    if (sub === "run") {
      const args = parseRunArgs(rest);
      if (typeof args === "string") return usageError(io, args);
      return await runOne(args, io);
    }
    if (sub === undefined || sub === "--help" || sub === "-h") {
      io.stdout.write(USAGE);
      return 0;
    }
    return usageError(io, `unknown scenario command "${sub}"`);
  } catch (error) {
    if (!isDrydockError(error)) throw error;
    io.stderr.write(`drydock scenario: ${error.message}\n`);
    return 1;
  }
}

function usageError(io: CommandIo, message: string): number {
  io.stderr.write(`drydock scenario: ${message}\n\n${USAGE}`);
  return 2;
}

/** Parses `run`'s arguments strictly; a string is the error. */
export function parseRunArgs(argv: readonly string[]): RunArgs | string {
  let target: string | undefined;
  let seed: number | undefined;
  let trace: string | undefined;
  let format: RunArgs["format"] = "text";
  let checkDeterminism = false;
  let backend: RunArgs["backend"] = "sim";
  let hosts: Record<string, string> | undefined;
  let registries: Record<string, string> | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = () => inline ?? argv[++index];
    if (flag === "--seed") {
      const text = value();
      if (text === undefined || !/^\d{1,10}$/.test(text) || Number(text) > 2 ** 32 - 1)
        return "--seed takes a whole number from 0 to 4294967295";
      seed = Number(text);
    } else if (flag === "--trace") {
      trace = value();
      if (trace === undefined || trace === "") return "--trace takes a file name";
    } else if (flag === "--format") {
      const text = value();
      if (text !== "text" && text !== "jsonl" && text !== "mermaid")
        return "--format takes text, jsonl or mermaid";
      format = text;
    } else if (flag === "--backend") {
      const text = value();
      if (text !== "sim" && text !== "docker") return "--backend takes sim or docker";
      backend = text;
    } else if (flag === "--hosts" || flag === "--registry") {
      const pairs = namePairs(value());
      if (typeof pairs === "string") return `${flag} ${pairs}`;
      if (flag === "--hosts") hosts = { ...hosts, ...pairs };
      else registries = { ...registries, ...pairs };
    } else if (flag === "--check-determinism" && inline === undefined) {
      checkDeterminism = true;
    } else if (arg.startsWith("-")) {
      return `unknown flag ${arg}`;
    } else if (target === undefined) {
      target = arg;
    } else {
      return `one scenario at a time (got "${target}" and "${arg}")`;
    }
  }
  if (target === undefined) return "scenario run needs a scenario file, folder or name";
  if (backend === "sim" && (hosts !== undefined || registries !== undefined))
    return "--hosts and --registry need --backend docker";
  if (backend === "docker" && (checkDeterminism || seed !== undefined))
    return "--check-determinism and --seed are for the simulator: real Docker has no seed";
  return {
    target,
    ...(seed === undefined ? {} : { seed }),
    ...(trace === undefined ? {} : { trace }),
    format,
    checkDeterminism,
    backend,
    ...(hosts === undefined ? {} : { hosts }),
    ...(registries === undefined ? {} : { registries }),
  };
}

/** `a=x,b=y` → `{a: "x", b: "y"}`; a string is the error. */
export function namePairs(text: string | undefined): Record<string, string> | string {
  if (text === undefined || text === "") return "takes NAME=VALUE pairs separated by commas";
  const pairs: Record<string, string> = {};
  for (const item of text.split(",")) {
    const at = item.indexOf("=");
    if (at <= 0 || at === item.length - 1)
      return `takes NAME=VALUE pairs separated by commas, got "${item}"`;
    pairs[item.slice(0, at)] = item.slice(at + 1);
  }
  return pairs;
}

async function runOne(args: RunArgs, io: CommandIo): Promise<number> {
  const file = scenarioFile(args.target);
  if (file === undefined) {
    io.stderr.write(
      `drydock scenario: no scenario "${args.target}" (a scenario.yaml file, a folder holding one, or a name from drydock scenario list)\n`,
    );
    return 1;
  }
  const [{ readScenario }, { runScenario }, { checkDeterminism }, { formatWalkthrough }] =
    await Promise.all([
      import("../scenario/read-scenario.ts"),
      import("../scenario/scenario-runner.ts"),
      import("../scenario/check-determinism.ts"),
      import("../scenario/walkthrough.ts"),
    ]);
  const scenario = readScenario({ file, source: nodeScenarioSource });
  const options = args.seed === undefined ? {} : { seed: args.seed };
  const report = args.checkDeterminism ? await checkDeterminism(scenario, options) : undefined;
  const result =
    report?.first ??
    (args.backend === "docker"
      ? await runOnRealDocker(scenario, args, io)
      : await runScenario(scenario, options));
  const jsonl = report?.jsonl ?? formatJsonl(result.events);
  const rendered =
    args.format === "jsonl"
      ? jsonl
      : args.format === "mermaid"
        ? formatMermaid(result.events)
        : formatWalkthrough(result);
  io.stdout.write(rendered);
  if (args.trace !== undefined)
    writeFileSync(args.trace, args.format === "text" ? jsonl : rendered);
  let exitCode = result.passed ? 0 : 1;
  if (report !== undefined) {
    if (report.identical) {
      io.stderr.write(
        `determinism: two runs with seed ${result.seed} gave byte-identical traces (${result.events.length} events)\n`,
      );
    } else {
      const d = report.difference!;
      io.stderr.write(
        `determinism: the traces of two runs with seed ${result.seed} differ at line ${d.line}:\n  first:  ${d.first}\n  second: ${d.second}\n`,
      );
      exitCode = 1;
    }
  }
  if (!result.passed && args.format !== "text")
    io.stderr.write(
      `drydock scenario: ${result.name} FAILED (run with --format text for details)\n`,
    );
  return exitCode;
}

/** The scenario on real Docker, through the composition root; its limitations go to stderr. */
async function runOnRealDocker(
  scenario: Scenario,
  args: RunArgs,
  io: CommandIo,
): Promise<ScenarioResult> {
  const { backendNamed, scenarioBackends } = await import("../wiring/scenario-backends.ts");
  const container = scenarioBackends({
    docker: {
      ...(args.hosts === undefined ? {} : { hosts: args.hosts }),
      ...(args.registries === undefined ? {} : { registries: args.registries }),
    },
  });
  const backend = backendNamed(container, "docker");
  try {
    const run = await backend.run(scenario);
    for (const line of run.limitations)
      io.stderr.write(`docker backend: not reproduced: ${line}\n`);
    return run.result;
  } finally {
    await backend.close?.();
  }
}

/** A scenario's file from a path to it, to its folder, or a name under `sim-scenarios/`. */
export function scenarioFile(target: string): string | undefined {
  const candidates = [target, join(target, "scenario.yaml"), join(target, "scenario.json")];
  if (!target.includes("/")) {
    for (const root of scenarioRoots())
      candidates.push(join(root, target, "scenario.yaml"), join(root, target, "scenario.json"));
  }
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

/** Where `sim-scenarios/` may be: the working directory, then drydock's own package. */
export function scenarioRoots(): string[] {
  const roots = [resolve("sim-scenarios")];
  const script = process.argv[1];
  if (script !== undefined && existsSync(script)) {
    // bin.mjs lives in <package>/src/cli/.
    roots.push(join(dirname(realpathSync(script)), "..", "..", "sim-scenarios"));
  }
  return [...new Set(roots)].filter((root) => existsSync(root));
}

async function listScenarios(argv: readonly string[], io: CommandIo): Promise<number> {
  if (argv.length > 1) return usageError(io, "scenario list takes at most one folder");
  const root = argv[0] ?? scenarioRoots()[0];
  if (root === undefined || !existsSync(root)) {
    io.stderr.write(`drydock scenario: no scenario folder ${root ?? "sim-scenarios"}\n`);
    return 1;
  }
  const { readScenario } = await import("../scenario/read-scenario.ts");
  const rows: [string, string][] = [];
  for (const name of readdirSync(root).sort()) {
    const file = scenarioFile(join(root, name));
    if (file === undefined || !statSync(join(root, name)).isDirectory()) continue;
    try {
      const scenario = readScenario({ file, source: nodeScenarioSource });
      rows.push([name, headline(scenario.description)]);
    } catch (error) {
      if (!isDrydockError(error)) throw error;
      rows.push([name, `(invalid: ${error.message})`]);
    }
  }
  const width = Math.max(4, ...rows.map(([name]) => name.length)) + 2;
  io.stdout.write(`${"NAME".padEnd(width)}DESCRIPTION\n`);
  for (const [name, description] of rows) io.stdout.write(`${name.padEnd(width)}${description}\n`);
  return 0;
}

/** A description's first sentence (up to `.` or `:`), for one line of `scenario list`. */
function headline(description: string): string {
  const line = description.split("\n")[0] ?? "";
  const end = /[.:](\s|$)/.exec(line);
  return end === null ? line : line.slice(0, end.index + (line[end.index] === "." ? 1 : 0));
}
