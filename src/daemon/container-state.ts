import { formatRfc3339Nano } from "../clock/time-format.ts";
import type { ContainerState, ContainerStatus } from "../engine/api-types.ts";
import { GO_ZERO_TIME } from "../image/image-config.ts";
import { humanDuration } from "./human-duration.ts";

/**
 * A container's state as dockerd's `container.State` keeps it. `running` stays true while the
 * container is paused or waiting to be restarted, as in Docker; the status string is derived.
 */
export interface ContainerStateData {
  running: boolean;
  paused: boolean;
  restarting: boolean;
  oomKilled: boolean;
  removalInProgress: boolean;
  dead: boolean;
  pid: number;
  exitCode: number;
  error: string;
  /** Undefined until the first start (Go's zero time). */
  startedAtUs: number | undefined;
  finishedAtUs: number | undefined;
  /** The healthcheck's state, from the first start of a container that has one. */
  health?: HealthState;
}

/** `State.Health`: dockerd keeps the status, the failing streak and the last probes. */
export interface HealthState {
  status: "starting" | "healthy" | "unhealthy";
  failingStreak: number;
  log: HealthProbeResult[];
}

/** One probe in `State.Health.Log`. */
export interface HealthProbeResult {
  readonly startUs: number;
  readonly endUs: number;
  readonly exitCode: number;
  readonly output: string;
}

/** The state of a container that was just created. */
export function createdState(): ContainerStateData {
  return {
    running: false,
    paused: false,
    restarting: false,
    oomKilled: false,
    removalInProgress: false,
    dead: false,
    pid: 0,
    exitCode: 0,
    error: "",
    startedAtUs: undefined,
    finishedAtUs: undefined,
  };
}

/** `State.Status` (`StateString` in moby). */
export function stateStatus(state: ContainerStateData): ContainerStatus {
  if (state.running) {
    if (state.paused) return "paused";
    if (state.restarting) return "restarting";
    return "running";
  }
  if (state.removalInProgress) return "removing";
  if (state.dead) return "dead";
  if (state.startedAtUs === undefined) return "created";
  return "exited";
}

/** The `STATUS` column of `docker ps` (`State.String()` in moby) at `nowUs`. */
export function statusText(state: ContainerStateData, nowUs: number): string {
  const since = (instantUs: number | undefined): string =>
    humanDuration(Math.max(0, nowUs - (instantUs ?? nowUs)));
  if (state.running) {
    if (state.paused) return `Up ${since(state.startedAtUs)} (Paused)`;
    if (state.restarting) return `Restarting (${state.exitCode}) ${since(state.finishedAtUs)} ago`;
    if (state.health !== undefined) {
      const health = state.health.status === "starting" ? "health: starting" : state.health.status;
      return `Up ${since(state.startedAtUs)} (${health})`;
    }
    return `Up ${since(state.startedAtUs)}`;
  }
  if (state.removalInProgress) return "Removal In Progress";
  if (state.dead) return "Dead";
  if (state.startedAtUs === undefined) return "Created";
  if (state.finishedAtUs === undefined) return "";
  return `Exited (${state.exitCode}) ${since(state.finishedAtUs)} ago`;
}

/** `State` of `docker inspect`. */
export function stateJson(state: ContainerStateData): ContainerState {
  return {
    Status: stateStatus(state),
    Running: state.running,
    Paused: state.paused,
    Restarting: state.restarting,
    OOMKilled: state.oomKilled,
    Dead: state.dead,
    Pid: state.pid,
    ExitCode: state.exitCode,
    Error: state.error,
    StartedAt: goTime(state.startedAtUs),
    FinishedAt: goTime(state.finishedAtUs),
    ...(state.health === undefined
      ? {}
      : {
          Health: {
            Status: state.health.status,
            FailingStreak: state.health.failingStreak,
            Log: state.health.log.map((probe) => ({
              Start: formatRfc3339Nano(probe.startUs),
              End: formatRfc3339Nano(probe.endUs),
              ExitCode: probe.exitCode,
              Output: probe.output,
            })),
          },
        }),
  };
}

/** An instant as Docker writes a `time.Time`; Go's zero time when unset. */
export function goTime(instantUs: number | undefined): string {
  return instantUs === undefined ? GO_ZERO_TIME : formatRfc3339Nano(instantUs);
}
