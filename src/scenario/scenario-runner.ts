import type { CommandIo, HostFiles } from "../client/command-io.ts";
import { runDocker } from "../client/docker-cli.ts";
import { drivenEngine } from "../client/driven-engine.ts";
import { MemoryHostFiles } from "../client/memory-host-files.ts";
import { isDrydockError } from "../errors/drydock-error.ts";
import type { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { WorkflowStep } from "../trace/trace-event.ts";
import { MemoryTraceSink } from "../trace/tracer.ts";
import { memRegistryServer } from "../world/mem-registry-server.ts";
import type { RegistryServerFactory } from "../world/registry-server.ts";
import type { RuntimeMaker } from "../world/runtime-maker.ts";
import { World } from "../world/world.ts";
import type { DockerCall } from "./backend/scenario-backend.ts";
import { simDockerCall } from "./backend/sim-docker-call.ts";
import { checkExpectation } from "./check-expectation.ts";
import type { Scenario, ScenarioFile, ScenarioStep } from "./scenario.ts";
import type { ScenarioResult, StepResult } from "./scenario-result.ts";
import { StepBudget } from "./step-budget.ts";

/** How `runScenario` runs. */
export interface RunScenarioOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Makes each registry's server (default: the world's `memRegistryServer`). */
  readonly registryServer?: RegistryServerFactory;
  /** The container runtime (default: the simulated just-bash userland). */
  readonly runtime?: "sim" | "builtin" | RuntimeMaker;
  /** Trace events one run may keep (default one million). */
  readonly eventCountMax?: number;
  /**
   * Called after the last step with docker commands on the world's hosts (their time passes
   * while they run; their events are not part of the result's trace).
   */
  readonly afterSteps?: (docker: DockerCall, hosts: readonly string[]) => Promise<void>;
}

/** The client's working directory on every host: relative paths in steps start here. */
export const CLIENT_CWD = "/home/user";

/**
 * Runs a scenario: builds its world with the seed, gives each host's docker client its files,
 * runs the steps in order through the real client code on that host's engine (virtual time
 * passes only while a step runs), checks each step's expectations and returns everything with
 * the world's trace. A failed expectation does not stop the run; a client crash does.
 */
export async function runScenario(
  scenario: Scenario,
  options: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  const seed = options.seed ?? scenario.seed;
  const trace = new MemoryTraceSink({ eventCountMax: options.eventCountMax ?? 1_000_000 });
  // The world stops any one drive of its loop at the largest step limit; `StepBudget` holds
  // each step to its own.
  const driveEventCountMax = Math.max(
    ...scenario.steps.map((step) => (step.kind === "write" ? 1 : step.eventCountMax)),
  );
  const world = await World.create(scenario.world, {
    seed,
    traceSinks: [trace.sink],
    registryServer: options.registryServer ?? memRegistryServer,
    runtime: options.runtime ?? "sim",
    eventCountMax: driveEventCountMax,
  });
  const files = new Map<string, MemoryHostFiles>();
  for (const host of scenario.world.hosts)
    files.set(host.name, hostFiles(scenario.files[host.name] ?? []));
  const steps: StepResult[] = [];
  let abortedAt: number | undefined;
  for (const step of scenario.steps) {
    const firstSeq = trace.events.length;
    const startUs = world.clock.nowUs();
    let done: StepDone;
    try {
      const budget = new StepBudget({
        world,
        stepNumber: step.index + 1,
        eventCountMax: step.kind === "write" ? driveEventCountMax : step.eventCountMax,
        driveEventCountMax,
      });
      const { stopped, ...rest } = await runStep({ world, step, files, trace, budget });
      done = rest;
      if (stopped) abortedAt = step.index;
    } catch (error) {
      // A crash of the client or the world itself (not a docker error): report it, stop here.
      done = crashed(error);
      abortedAt = step.index;
    }
    steps.push({
      ...done,
      index: step.index,
      kind: step.kind,
      startUs,
      endUs: world.clock.nowUs(),
      firstSeq,
      endSeq: trace.events.length,
      ...describe(step),
    });
    if (abortedAt !== undefined) break;
  }
  const result = {
    name: scenario.name,
    file: scenario.file,
    seed,
    startUs: world.startUs,
    endUs: world.clock.nowUs(),
    steps,
    events: trace.events,
    passed: abortedAt === undefined && steps.every((step) => step.passed),
    ...(abortedAt === undefined ? {} : { abortedAt }),
  };
  if (options.afterSteps !== undefined) {
    // The trace is complete: what the inspection does is not part of the scenario.
    const events = [...trace.events];
    await options.afterSteps(
      simDockerCall(world, files),
      scenario.world.hosts.map((host) => host.name),
    );
    return { ...result, events };
  }
  return result;
}

type StepDone = Pick<StepResult, "stdout" | "stderr" | "checks" | "passed" | "exitCode">;

/** A step past its event limit: what it printed, and why it was stopped. */
function overBudget(error: LimitExceededError, output: { stdout: string; stderr: string }) {
  return {
    stdout: output.stdout,
    stderr: `${output.stderr}drydock scenario: ${error.message}\n`,
    checks: [
      {
        what: "limit",
        passed: false,
        expected: `at most ${error.data?.limit} events`,
        actual: `${error.data?.actual} events, stopped`,
      },
    ],
    passed: false,
    stopped: true,
  };
}

function crashed(error: unknown): StepDone {
  const message = error instanceof Error ? error.message : String(error);
  const detail = isDrydockError(error)
    ? message
    : error instanceof Error
      ? (error.stack ?? message)
      : message;
  return {
    stdout: "",
    stderr: `drydock scenario: the step crashed: ${detail}\n`,
    checks: [{ what: "crash", passed: false, expected: "no crash", actual: message }],
    passed: false,
  };
}

async function runStep(options: {
  world: World;
  step: ScenarioStep;
  files: ReadonlyMap<string, MemoryHostFiles>;
  trace: MemoryTraceSink;
  budget: StepBudget;
}): Promise<StepDone & { stopped?: boolean }> {
  const { world, step, files, budget } = options;
  if (step.kind === "sleep") {
    try {
      await budget.drive(() => world.runUntilUs(world.clock.nowUs() + step.durationUs));
    } catch (error) {
      if (budget.exceeded === undefined) throw error;
      return overBudget(budget.exceeded, { stdout: "", stderr: "" });
    }
    return { stdout: "", stderr: "", checks: [], passed: true };
  }
  const hostFilesOf = files.get(step.on)!;
  if (step.kind === "write") {
    for (const file of step.files) await writeHostFile(hostFilesOf, file);
    world.tracer.emit({
      kind: "client.files.write",
      host: step.on,
      component: "client",
      data: { paths: step.files.map((f) => f.path) },
    });
    return { stdout: "", stderr: "", checks: [], passed: true };
  }
  const startUs = world.clock.nowUs();
  for (const fault of step.faults) {
    const { afterUs, ...body } = fault;
    world.schedule({ ...body, atMs: (startUs - world.startUs + afterUs) / 1_000 } as Parameters<
      World["schedule"]
    >[0]);
  }
  const workflowStep = workflowStepOf(step.argv);
  world.tracer.emit({
    kind: "client.command.start",
    host: step.on,
    component: "client",
    ...(workflowStep === undefined ? {} : { step: workflowStep }),
    data: { command: step.commandLine },
  });
  const firstSeq = options.trace.events.length;
  const host = world.host(step.on);
  const engine = drivenEngine({
    engine: host.engine,
    run: (work) => budget.drive(() => world.run(() => work(host.engine))),
  });
  // What the client prints once the step is stopped is its reaction to being cut off: dropped.
  const stopped = () => budget.exceeded !== undefined;
  const out = capture(stopped);
  const err = capture(stopped);
  const io: CommandIo = {
    stdout: out.sink,
    stderr: err.sink,
    stdin: async function* () {
      if (step.stdin !== undefined) yield new TextEncoder().encode(step.stdin);
    },
    stdinIsTerminal: false,
    stdoutIsTerminal: false,
    env: {},
    files: hostFilesOf,
  };
  // A client stopped by the step's limit may fail any way it likes: the limit is the outcome.
  const exitCode = await runDocker((work) => work(engine), step.argv, io).catch(
    (error: unknown) => {
      if (budget.exceeded === undefined) throw error;
      return -1;
    },
  );
  if (budget.exceeded !== undefined)
    return overBudget(budget.exceeded, { stdout: out.text(), stderr: err.text() });
  world.tracer.emit({
    kind: "client.command.exit",
    host: step.on,
    component: "client",
    data: { exitCode },
  });
  const checks = await checkExpectation(step.expect, {
    exitCode,
    stdout: out.text(),
    stderr: err.text(),
    events: options.trace.events.slice(firstSeq),
    durationUs: world.clock.nowUs() - startUs,
    files: hostFilesOf,
  });
  return {
    exitCode,
    stdout: out.text(),
    stderr: err.text(),
    checks,
    passed: checks.every((check) => check.passed),
  };
}

/** The workflow step a client command starts (DESIGN.md §1), when it is one of the four. */
export function workflowStepOf(argv: readonly string[]): WorkflowStep | undefined {
  const words = argv.filter((word) => !word.startsWith("-"));
  const [first, second] = words;
  const verb = first === "image" || first === "container" || first === "builder" ? second : first;
  const steps: Record<string, WorkflowStep> = { build: 1, push: 4, pull: 6, run: 7 };
  return verb === undefined ? undefined : steps[verb];
}

function describe(step: ScenarioStep): Pick<StepResult, "on" | "note" | "commandLine"> {
  return {
    ...(step.kind === "sleep" ? {} : { on: step.on }),
    ...(step.note === undefined ? {} : { note: step.note }),
    ...(step.kind === "run" ? { commandLine: step.commandLine } : {}),
  };
}

function hostFiles(files: readonly ScenarioFile[]): MemoryHostFiles {
  const entries: Record<string, { type: "file"; data: Uint8Array; mode?: number }> = {};
  for (const file of files)
    entries[file.path] = {
      type: "file",
      data: file.data,
      ...(file.mode === undefined ? {} : { mode: file.mode }),
    };
  return new MemoryHostFiles({ cwd: CLIENT_CWD, entries });
}

async function writeHostFile(files: HostFiles, file: ScenarioFile): Promise<void> {
  const parts = file.path.split("/");
  for (let index = 1; index < parts.length; index++) {
    const dir = parts.slice(0, index).join("/");
    if ((await files.stat(dir)) === undefined) await files.mkdir(dir);
  }
  await files.writeFile(file.path, file.data, file.mode === undefined ? {} : { mode: file.mode });
}

function capture(closed: () => boolean): {
  sink: { write(chunk: string | Uint8Array): void };
  text(): string;
} {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  return {
    sink: {
      write: (chunk) => {
        if (closed()) return;
        chunks.push(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
      },
    },
    text: () => chunks.join(""),
  };
}
