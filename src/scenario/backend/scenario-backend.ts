import type { Scenario } from "../scenario.ts";
import type { ScenarioResult } from "../scenario-result.ts";

/** What one docker CLI command printed and returned; a non-zero exit is a result, not an error. */
export interface DockerCallResult {
  readonly exitCode: number;
  readonly stdout: Uint8Array;
  readonly stderr: string;
}

/**
 * Runs one docker CLI command (`argv` after `docker`) on a host of a running world, on either
 * backend: the simulator's client in its world, or the real docker CLI against the host's
 * dockerd. Never rejects on a non-zero exit.
 */
export type DockerCall = (
  host: string,
  argv: readonly string[],
  options?: { readonly stdin?: Uint8Array },
) => Promise<DockerCallResult>;

/** How one backend run goes beyond the scenario itself. */
export interface BackendRunOptions<T> {
  /** Overrides the scenario's seed (the simulator's; the real side has no seed to take). */
  readonly seed?: number;
  /**
   * Called after the last step, while the world still runs, to look at it through docker
   * commands (`scenario diff` inspects images and containers so); its value comes back as
   * `inspected`. The world is cleaned up after it returns, even when it throws.
   */
  readonly inspect?: (docker: DockerCall, hosts: readonly string[]) => Promise<T>;
}

/** A run's account and, when asked for, what `inspect` found. */
export interface BackendRun<T> {
  readonly result: ScenarioResult;
  readonly inspected?: T;
  /** What of the scenario this backend does not reproduce (links it cannot shape…), one line each. */
  readonly limitations: readonly string[];
}

/**
 * Where a scenario's world lives: the simulator (`sim`) or real Docker (`docker`: one dockerd
 * per host, real registries). Both run the same scenario file and give the same account: a
 * `ScenarioResult` with steps, checks and a trace (virtual times on the simulator, wall-clock
 * times on real Docker). The composition root (`src/wiring/`) binds the one the user asked for.
 */
export interface ScenarioBackend {
  readonly name: string;
  run<T = never>(scenario: Scenario, options?: BackendRunOptions<T>): Promise<BackendRun<T>>;
  /** Releases what the backend keeps between runs (real dockerds); runs fail afterwards. */
  close?(): Promise<void>;
}
