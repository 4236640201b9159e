import { joinBytes } from "../archive/byte-strings.ts";
import type { TimerHandle } from "../clock/event-loop.ts";
import { goDurationString } from "../clock/go-duration.ts";
import type { HealthConfig as ApiHealthConfig } from "../engine/api-types.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { Container } from "./container.ts";
import type { HealthProbeResult, HealthState } from "./container-state.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logContainerEvent } from "./daemon-events.ts";
import { createExec, startExec } from "./exec-operations.ts";
import { SIGKILL } from "./signals.ts";

/**
 * Healthchecks as dockerd 20.10 runs them (daemon/health.go): while a container with a `CMD` or
 * `CMD-SHELL` test is running and not paused, a monitor waits the interval, runs the test as an
 * exec (events `exec_create`/`exec_start`/`exec_die`), and records the result: exit 0 makes the
 * container healthy and resets the failing streak; any other exit, or running past the timeout
 * (exit -1, "Health check exceeded timeout (30s)"), adds to the streak — except while the
 * container is still `starting` inside its start period — and `retries` failures in a row make
 * it unhealthy. Each change of status is a `health_status: …` event. The log keeps the last
 * five probes, each output cut at 4096 bytes. Starting resets the status to `starting`;
 * stopping the monitor (exit, pause) sets `unhealthy`, as dockerd does "for compatibility".
 */

const NS_PER_US = 1000;
const DEFAULT_INTERVAL_US = 30_000_000;
const DEFAULT_TIMEOUT_US = 30_000_000;
const DEFAULT_RETRIES = 3;
const LOG_ENTRIES_MAX = 5;
const OUTPUT_BYTES_MAX = 4096;

/** dockerd's `validateHealthCheck` at create (400): durations of at least 1 ms, retries ≥ 0. */
export function checkHealthConfig(config: ApiHealthConfig | undefined): void {
  if (config === undefined) return;
  const tooShort = (ns: number | undefined): boolean => ns !== undefined && ns !== 0 && ns < 1e6;
  const refuse = (message: string): never => {
    throw new DrydockError("InvalidArgument", message, { data: {} });
  };
  if (tooShort(config.Interval)) refuse("Interval in Healthcheck cannot be less than 1ms");
  if (tooShort(config.Timeout)) refuse("Timeout in Healthcheck cannot be less than 1ms");
  if ((config.Retries ?? 0) < 0) refuse("Retries in Healthcheck cannot be negative");
  if (tooShort(config.StartPeriod)) refuse("StartPeriod in Healthcheck cannot be less than 1ms");
}

/** A running monitor; `active` turns false when it is stopped, and its pending work ends. */
export interface HealthMonitor {
  active: boolean;
  timer: TimerHandle | undefined;
}

/** The probe's command, or undefined when the container has no (runnable) healthcheck. */
function probeCommand(container: Container): string[] | undefined {
  const test = container.config.healthcheck?.test;
  if (test === undefined || test.length === 0) return undefined;
  switch (test[0]) {
    case "CMD":
      return test.slice(1);
    case "CMD-SHELL": {
      const shell = container.config.shell ?? [];
      return [...(shell.length > 0 ? shell : ["/bin/sh", "-c"]), ...test.slice(1)];
    }
    default:
      // "NONE", or a type dockerd does not know (it only logs a warning).
      return undefined;
  }
}

/** On every start: a fresh `starting` status (the log is kept) and a new monitor. */
export function initHealthMonitor(ctx: DaemonContext, container: Container): void {
  if (probeCommand(container) === undefined) return;
  stopHealthchecks(container);
  const health = container.state.health;
  if (health === undefined) {
    container.state.health = { status: "starting", failingStreak: 0, log: [] };
  } else {
    health.status = "starting";
    health.failingStreak = 0;
  }
  updateHealthMonitor(ctx, container);
}

/** After pause, unpause or an OOM: the monitor runs exactly while the container runs unpaused. */
export function updateHealthMonitor(ctx: DaemonContext, container: Container): void {
  if (container.state.health === undefined) return;
  const wanted =
    container.state.running &&
    !container.state.paused &&
    !container.state.restarting &&
    probeCommand(container) !== undefined;
  if (!wanted) {
    stopHealthchecks(container);
    return;
  }
  if (container.healthMonitor !== undefined) return;
  const monitor: HealthMonitor = { active: true, timer: undefined };
  container.healthMonitor = monitor;
  scheduleProbe(ctx, container, monitor);
}

/** Stops the monitor (the container exited or was paused); the status becomes `unhealthy`. */
export function stopHealthchecks(container: Container): void {
  const monitor = container.healthMonitor;
  if (monitor === undefined) return;
  monitor.active = false;
  container.healthMonitor = undefined;
  if (container.state.health !== undefined) container.state.health.status = "unhealthy";
}

function scheduleProbe(ctx: DaemonContext, container: Container, monitor: HealthMonitor): void {
  const intervalUs = durationUs(container.config.healthcheck?.intervalNs, DEFAULT_INTERVAL_US);
  monitor.timer = ctx.scheduler.after(intervalUs, "daemon.container.healthcheck", () => {
    monitor.timer = undefined;
    if (monitor.active) void probeOnce(ctx, container, monitor);
  });
}

async function probeOnce(
  ctx: DaemonContext,
  container: Container,
  monitor: HealthMonitor,
): Promise<void> {
  const command = probeCommand(container);
  if (command === undefined) return;
  const startUs = ctx.clock.nowUs();
  const timeoutUs = durationUs(container.config.healthcheck?.timeoutNs, DEFAULT_TIMEOUT_US);
  const probe = runProbe(ctx, container, command);
  let timedOut = false;
  const timer = ctx.scheduler.after(timeoutUs, "daemon.container.healthcheck.timeout", () => {
    timedOut = true;
    probe.kill();
  });
  const outcome = await probe.done;
  ctx.scheduler.cancel(timer);
  if (!monitor.active) return;
  const result: HealthProbeResult = timedOut
    ? {
        startUs,
        endUs: startUs + timeoutUs,
        exitCode: -1,
        output: `Health check exceeded timeout (${goDurationString(timeoutUs * NS_PER_US)})`,
      }
    : { startUs, endUs: ctx.clock.nowUs(), ...outcome };
  recordResult(ctx, container, result);
  scheduleProbe(ctx, container, monitor);
}

interface RunningProbe {
  readonly done: Promise<{ exitCode: number; output: string }>;
  kill(): void;
}

/** The test as an exec with its output captured (at most 4096 bytes, then `...`). */
function runProbe(ctx: DaemonContext, container: Container, command: string[]): RunningProbe {
  let execId: string;
  try {
    execId = createExec(ctx, container.id, {
      Cmd: command,
      AttachStdout: true,
      AttachStderr: true,
    }).Id;
  } catch (error) {
    return {
      done: Promise.resolve({ exitCode: -1, output: (error as Error).message }),
      kill: () => undefined,
    };
  }
  const session = startExec(ctx, execId);
  const done = (async () => {
    const output = new LimitedOutput();
    for await (const frame of session.output) output.write(frame.data);
    const exitCode = ctx.execs.has(execId) ? ctx.execs.get(execId).exitCode : null;
    if (exitCode === null)
      return { exitCode: -1, output: `healthcheck for container ${container.id} has no exit code` };
    return { exitCode, output: output.text() };
  })();
  return {
    done,
    kill: () => {
      if (ctx.execs.has(execId)) ctx.execs.get(execId).process?.kill(SIGKILL);
    },
  };
}

/** dockerd's `handleProbeResult`. */
function recordResult(ctx: DaemonContext, container: Container, result: HealthProbeResult): void {
  const health = container.state.health;
  if (health === undefined) return;
  const before = health.status;
  health.log = [...health.log, result].slice(-LOG_ENTRIES_MAX);
  if (result.exitCode === 0) {
    health.failingStreak = 0;
    health.status = "healthy";
  } else if (!withinStartPeriod(container, health, result)) {
    health.failingStreak++;
    const retries = container.config.healthcheck?.retries ?? 0;
    if (health.failingStreak >= (retries > 0 ? retries : DEFAULT_RETRIES))
      health.status = "unhealthy";
  }
  if (health.status !== before)
    logContainerEvent(ctx, container, `health_status: ${health.status}`);
}

/** A failure while still `starting` inside the start period does not count. */
function withinStartPeriod(
  container: Container,
  health: HealthState,
  result: HealthProbeResult,
): boolean {
  if (health.status !== "starting") return false;
  const startPeriodUs = durationUs(container.config.healthcheck?.startPeriodNs, 0);
  return result.startUs - (container.state.startedAtUs ?? result.startUs) < startPeriodUs;
}

function durationUs(nanoseconds: number | undefined, fallbackUs: number): number {
  return nanoseconds === undefined || nanoseconds === 0
    ? fallbackUs
    : Math.max(1, Math.round(nanoseconds / NS_PER_US));
}

/** dockerd's `limitedBuffer`: keeps the first 4096 bytes and marks the loss with `...`. */
class LimitedOutput {
  readonly #chunks: Uint8Array[] = [];
  #bytes = 0;
  #truncated = false;

  write(data: Uint8Array): void {
    const keep = Math.min(OUTPUT_BYTES_MAX - this.#bytes, data.length);
    if (keep > 0) {
      this.#chunks.push(data.slice(0, keep));
      this.#bytes += keep;
    }
    if (keep < data.length) this.#truncated = true;
  }

  text(): string {
    const text = new TextDecoder().decode(joinBytes(this.#chunks));
    return this.#truncated ? `${text}...` : text;
  }
}
