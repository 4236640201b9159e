/**
 * Runs a scenario's steps on real Docker: each `run` step is the real docker CLI against the
 * step's host's dockerd, in that host's client directory; `write` steps change files there;
 * `sleep` steps wait; faults act through the host set. The result has the simulator's shape
 * (steps, checks, trace) with wall-clock times, so the walkthrough, JSONL and Mermaid formats
 * and `scenario diff` take either.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { NodeHostFiles } from "../cli/node-host-files.ts";
import { OutputEventReader } from "../scenario/backend/output-events.ts";
import type { DockerCall } from "../scenario/backend/scenario-backend.ts";
import { checkExpectation } from "../scenario/check-expectation.ts";
import type { FaultBody, Scenario, ScenarioFile, ScenarioStep } from "../scenario/scenario.ts";
import type { ScenarioResult, StepResult } from "../scenario/scenario-result.ts";
import { workflowStepOf } from "../scenario/scenario-runner.ts";
import { runCliProcess } from "./cli-process.ts";
import { followDockerdEvents } from "./dockerd-events.ts";
import type { RealTrace } from "./real-trace.ts";

/** The real machines behind a scenario's hosts. */
export interface RealHostSet {
  /** DOCKER_HOST of the host's dockerd. */
  dockerHost(host: string): string;
  /** Applies a fault now (registry down, link slow…); throws when this set cannot. */
  applyFault(fault: FaultBody): Promise<void>;
}

/** Rewrites registry names in what goes to real Docker and back in what comes out. */
export interface NameRewrite {
  toReal(text: string): string;
  fromReal(text: string): string;
}

/** What `runOnDocker` needs besides the scenario. */
export interface RealRunOptions {
  readonly scenario: Scenario;
  readonly hosts: RealHostSet;
  readonly trace: RealTrace;
  /** The docker binary. */
  readonly cli: string;
  /** Holds each host's client directory and CLI config (the caller removes it). */
  readonly workDir: string;
  /** Longest one command may run. */
  readonly commandTimeoutMs: number;
  readonly names?: NameRewrite;
}

/** How long the daemons' event streams get to deliver their last records after the last step. */
const EVENTS_SETTLE_MS = 150;

/** The longest a `sleep` step may wait on real Docker (it really waits). */
export const REAL_SLEEP_US_MAX = 10 * 60 * 1_000_000;

/** Runs every step in order; a failed expectation does not stop the run, a fault that cannot apply does. */
export async function runOnDocker(
  options: RealRunOptions,
): Promise<{ result: ScenarioResult; docker: DockerCall }> {
  const { scenario, trace } = options;
  const startUs = trace.nowUs();
  for (const host of scenario.world.hosts) {
    mkdirSync(configDir(options, host.name), { recursive: true });
    writeClientFiles(options, host.name, scenario.files[host.name] ?? []);
  }
  const worldFaults = scheduleFaults(options, scenario.world.faults ?? []);
  const streams = scenario.world.hosts.map((host) =>
    followDockerdEvents({
      cli: options.cli,
      host: host.name,
      dockerHost: options.hosts.dockerHost(host.name),
      configDir: configDir(options, host.name),
      sinceUs: startUs,
      emit: (event) => trace.emit(event),
    }),
  );
  const steps: StepResult[] = [];
  let abortedAt: number | undefined;
  try {
    for (const step of scenario.steps) {
      const firstSeq = trace.events.length;
      const stepStartUs = trace.nowUs();
      let done: Pick<StepResult, "stdout" | "stderr" | "checks" | "passed" | "exitCode">;
      try {
        done = await runStep(options, step);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        done = {
          stdout: "",
          stderr: `drydock scenario: the step failed on the docker backend: ${message}\n`,
          checks: [{ what: "crash", passed: false, expected: "no crash", actual: message }],
          passed: false,
        };
        abortedAt = step.index;
      }
      steps.push({
        ...done,
        index: step.index,
        kind: step.kind,
        startUs: stepStartUs,
        endUs: trace.nowUs(),
        firstSeq,
        endSeq: trace.events.length,
        ...(step.kind === "sleep" ? {} : { on: step.on }),
        ...(step.note === undefined ? {} : { note: step.note }),
        ...(step.kind === "run" ? { commandLine: step.commandLine } : {}),
      });
      if (abortedAt !== undefined) break;
    }
  } finally {
    worldFaults.cancel();
    // The daemons' last records may still be on their way.
    await new Promise((resolve) => setTimeout(resolve, EVENTS_SETTLE_MS));
    for (const stream of streams) stream.stop();
  }
  const result: ScenarioResult = {
    backend: "docker",
    name: scenario.name,
    file: scenario.file,
    seed: scenario.seed,
    startUs,
    endUs: trace.nowUs(),
    steps,
    events: trace.events,
    passed: abortedAt === undefined && steps.every((step) => step.passed),
    ...(abortedAt === undefined ? {} : { abortedAt }),
  };
  return { result, docker: dockerCall(options) };
}

async function runStep(
  options: RealRunOptions,
  step: ScenarioStep,
): Promise<Pick<StepResult, "stdout" | "stderr" | "checks" | "passed" | "exitCode">> {
  const { trace } = options;
  if (step.kind === "sleep") {
    if (step.durationUs > REAL_SLEEP_US_MAX)
      throw new Error(
        `a sleep of more than ${REAL_SLEEP_US_MAX / 1e6} s is not waited on real Docker`,
      );
    await new Promise((resolve) => setTimeout(resolve, step.durationUs / 1_000));
    return { stdout: "", stderr: "", checks: [], passed: true };
  }
  if (step.kind === "write") {
    writeClientFiles(options, step.on, step.files);
    trace.emit({
      kind: "client.files.write",
      host: step.on,
      component: "client",
      data: { paths: step.files.map((f) => f.path) },
    });
    return { stdout: "", stderr: "", checks: [], passed: true };
  }
  const faults = scheduleFaults(options, step.faults);
  const workflowStep = workflowStepOf(step.argv);
  trace.emit({
    kind: "client.command.start",
    host: step.on,
    component: "client",
    ...(workflowStep === undefined ? {} : { step: workflowStep }),
    data: { command: step.commandLine },
  });
  const firstSeq = trace.events.length;
  const startUs = trace.nowUs();
  const reader = new OutputEventReader();
  const emitLine = (line: string) => {
    for (const event of reader.line(line)) trace.emit({ host: step.on, ...event });
  };
  const outcome = await runCommand(options, step.on, step.argv, {
    ...(step.stdin === undefined ? {} : { stdin: new TextEncoder().encode(step.stdin) }),
    onLine: emitLine,
  }).finally(() => faults.cancel());
  for (const event of reader.end()) trace.emit({ host: step.on, ...event });
  trace.emit({
    kind: "client.command.exit",
    host: step.on,
    component: "client",
    data: { exitCode: outcome.exitCode },
  });
  const stdout = new TextDecoder().decode(outcome.stdout);
  const checks = await checkExpectation(step.expect, {
    exitCode: outcome.exitCode,
    stdout,
    stderr: outcome.stderr,
    events: trace.events.slice(firstSeq),
    durationUs: trace.nowUs() - startUs,
    files: new NodeHostFiles(clientDir(options, step.on)),
  });
  return {
    exitCode: outcome.exitCode,
    stdout,
    stderr: outcome.stderr,
    checks,
    passed: checks.every((check) => check.passed),
  };
}

/** One docker command on a host, names rewritten both ways. */
async function runCommand(
  options: RealRunOptions,
  host: string,
  argv: readonly string[],
  extra: { stdin?: Uint8Array; onLine?: (line: string) => void },
) {
  const names = options.names;
  const result = await runCliProcess({
    cli: options.cli,
    dockerHost: options.hosts.dockerHost(host),
    configDir: configDir(options, host),
    cwd: clientDir(options, host),
    argv: names === undefined ? argv : argv.map((word) => names.toReal(word)),
    timeoutMs: options.commandTimeoutMs,
    ...(extra.stdin === undefined ? {} : { stdin: extra.stdin }),
    ...(extra.onLine === undefined
      ? {}
      : {
          onLine: (line: string) =>
            extra.onLine?.(names === undefined ? line : names.fromReal(line)),
        }),
  });
  if (names === undefined) return result;
  return {
    exitCode: result.exitCode,
    stdout: rewriteBytes(result.stdout, names.fromReal),
    stderr: names.fromReal(result.stderr),
  };
}

function dockerCall(options: RealRunOptions): DockerCall {
  return (host, argv, extra = {}) => runCommand(options, host, argv, extra);
}

function clientDir(options: RealRunOptions, host: string): string {
  return join(options.workDir, "client", host);
}

function configDir(options: RealRunOptions, host: string): string {
  return join(options.workDir, "config", host);
}

function writeClientFiles(
  options: RealRunOptions,
  host: string,
  files: readonly ScenarioFile[],
): void {
  const root = clientDir(options, host);
  mkdirSync(root, { recursive: true });
  for (const file of files) {
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true });
    const names = options.names;
    writeFileSync(path, names === undefined ? file.data : rewriteBytes(file.data, names.toReal), {
      mode: file.mode ?? 0o644,
    });
  }
}

/** Text files get their registry names rewritten; anything that is not UTF-8 stays as it is. */
function rewriteBytes(bytes: Uint8Array, rewrite: (text: string) => string): Uint8Array {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return bytes;
  }
  const rewritten = rewrite(text);
  return rewritten === text ? bytes : new TextEncoder().encode(rewritten);
}

/** Schedules faults `afterUs` (or `atMs`) from now; `cancel` drops those not yet applied. */
function scheduleFaults(
  options: RealRunOptions,
  faults: readonly (FaultBody & { afterUs?: number; atMs?: number })[],
): { cancel(): void } {
  const timers = faults.map((fault) => {
    const { afterUs, atMs, ...body } = fault;
    const delayMs = afterUs !== undefined ? afterUs / 1_000 : (atMs ?? 0);
    return setTimeout(() => {
      options.trace.emit({ kind: "world.fault", component: "world", data: { ...body } });
      options.hosts.applyFault(body as FaultBody).catch((error: unknown) => {
        options.trace.emit({
          kind: "world.fault.error",
          component: "world",
          data: {
            fault: body.kind,
            message: error instanceof Error ? error.message : String(error),
          },
        });
      });
    }, delayMs);
  });
  return {
    cancel: () => {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
