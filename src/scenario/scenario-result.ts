import type { TraceEvent } from "../trace/trace-event.ts";

/** One expectation of a step, checked: what was wanted, what happened. */
export interface CheckResult {
  /** `exit`, `stdout`, `cache.hits`, `files["out.txt"]`, `events["registry.blob.get"]`… */
  readonly what: string;
  readonly passed: boolean;
  readonly expected: string;
  readonly actual: string;
}

/** What one step did. Times are virtual, in µs since the epoch. */
export interface StepResult {
  readonly index: number;
  readonly kind: "run" | "write" | "sleep";
  readonly on?: string;
  readonly note?: string;
  readonly commandLine?: string;
  readonly startUs: number;
  readonly endUs: number;
  readonly exitCode?: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly checks: readonly CheckResult[];
  readonly passed: boolean;
  /** The step's trace events are `events[firstSeq .. endSeq)`. */
  readonly firstSeq: number;
  readonly endSeq: number;
}

/** A scenario's run: every step, the whole trace and the verdict. */
export interface ScenarioResult {
  /** Where it ran: absent for the simulator (virtual time), `docker` for real Docker (wall time). */
  readonly backend?: "docker";
  readonly name: string;
  readonly file: string;
  readonly seed: number;
  readonly startUs: number;
  readonly endUs: number;
  readonly steps: readonly StepResult[];
  readonly events: readonly TraceEvent[];
  /** Every step ran and every expectation held. */
  readonly passed: boolean;
  /** Why the run stopped early (a step crashed the client), if it did. */
  readonly abortedAt?: number;
}
