import type { WorldFault } from "../world/world-fault.ts";
import type { WorldSpec } from "../world/world-spec.ts";
import type { DeclaredDifference } from "./diff/declared-difference.ts";

/**
 * A scenario as the runner takes it: a validated scenario file (see `README.md` for the format)
 * with every readable quantity converted (`20ms` → microseconds, `100Mbit/s` → Mbit/s) and every
 * build-context file's bytes at hand.
 */
export interface Scenario {
  /** Where it was read from, for messages (`sim-scenarios/seed-workflow/scenario.yaml`). */
  readonly file: string;
  readonly name: string;
  readonly description: string;
  /** The default seed; `--seed` overrides it. */
  readonly seed: number;
  /** The world: hosts, registries, links and scheduled faults (`atMs` from the start). */
  readonly world: WorldSpec;
  /** Each host's client files (build contexts), by path relative to its working directory. */
  readonly files: Readonly<Record<string, readonly ScenarioFile[]>>;
  readonly steps: readonly ScenarioStep[];
  /** Differences from real Docker the simulator shows on purpose (`scenario diff`); default none. */
  readonly differences: readonly DeclaredDifference[];
}

/** A file on a host's client side; `mode` defaults to 0o644. */
export interface ScenarioFile {
  readonly path: string;
  readonly data: Uint8Array;
  readonly mode?: number;
}

/** What one step does; `index` is its place in `steps` (from 0), `note` a line for the report. */
export type ScenarioStep =
  | {
      readonly kind: "run";
      readonly index: number;
      readonly on: string;
      readonly note?: string;
      /** The command line as written (`docker build -t app:1 app`). */
      readonly commandLine: string;
      /** Its words after `docker`. */
      readonly argv: readonly string[];
      /** Standard input given to the command. */
      readonly stdin?: string;
      readonly expect: Expectation;
      /** Faults scheduled when this step starts, `afterUs` after its start. */
      readonly faults: readonly StepFault[];
      /** Events of the world's loop the step may fire (`limit: { events: N }`). */
      readonly eventCountMax: number;
    }
  | {
      readonly kind: "write";
      readonly index: number;
      readonly on: string;
      readonly note?: string;
      readonly files: readonly ScenarioFile[];
    }
  | {
      readonly kind: "sleep";
      readonly index: number;
      readonly note?: string;
      readonly durationUs: number;
      /** Events of the world's loop the step may fire (`limit: { events: N }`). */
      readonly eventCountMax: number;
    };

/**
 * Events of the world's loop one step may fire unless it says otherwise: far above what real
 * steps fire (those of `sim-scenarios/` fire at most about 80; a transfer adds one per 512 KiB
 * or so), low enough that a container looping forever (one event per millisecond of simulated
 * CPU, about 100 shell iterations) is stopped after about 2 s of virtual time, some 30 s of
 * real time, instead of running on.
 */
export const DEFAULT_STEP_EVENT_COUNT_MAX = 2_000;

/** The most a step may raise its event limit to. */
export const STEP_EVENT_COUNT_MAX_MAX = 50_000_000;

/** A fault without its instant. */
export type FaultBody = DistributiveOmit<WorldFault, "atMs">;

/** A fault relative to the start of the step that schedules it. */
export type StepFault = FaultBody & { readonly afterUs: number };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a `run` step must produce; anything not given is not checked, except `exit` (0). */
export interface Expectation {
  /** The exit code, or `any`. */
  readonly exit: number | "any";
  readonly stdout?: string;
  readonly stdoutContains: readonly string[];
  readonly stderrContains: readonly string[];
  /** Build-cache hits and misses during the step (`builder.cache.hit` / `.miss` events). */
  readonly cache?: { readonly hits?: number; readonly misses?: number };
  /** Trace events of a kind during the step, counted (`registry.blob.upload.commit: 3`). */
  readonly events: Readonly<Record<string, number>>;
  /** Files on the host's client side after the step. */
  readonly files: Readonly<Record<string, FileExpectation>>;
  /** Bounds on the step's virtual duration. */
  readonly duration?: { readonly minUs?: number; readonly maxUs?: number };
}

/** A file's expected state: absent, present, with this content, or containing this text. */
export type FileExpectation =
  | { readonly kind: "absent" }
  | { readonly kind: "present" }
  | { readonly kind: "content"; readonly text: string }
  | { readonly kind: "contains"; readonly text: string };

/** How big a scenario may be. */
export interface ScenarioLimits {
  readonly documentBytesMax: number;
  readonly hostCountMax: number;
  readonly registryCountMax: number;
  readonly linkCountMax: number;
  readonly faultCountMax: number;
  readonly stepCountMax: number;
  readonly fileCountMax: number;
  /** Bytes of all files of a scenario together (inline, beside it and generated). */
  readonly fileBytesMax: number;
  readonly commandLineLengthMax: number;
}

/** The limits scenario files are held to unless a caller says otherwise. */
export const DEFAULT_SCENARIO_LIMITS: ScenarioLimits = {
  documentBytesMax: 1_048_576,
  hostCountMax: 16,
  registryCountMax: 8,
  linkCountMax: 128,
  faultCountMax: 64,
  stepCountMax: 200,
  fileCountMax: 1_000,
  fileBytesMax: 64 * 1_048_576,
  commandLineLengthMax: 4_096,
};
