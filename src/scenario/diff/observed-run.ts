/**
 * What `scenario diff` compares: each backend's run as a user saw it (every step's exit code and
 * output) and the hosts' state after the last step as docker commands show it. Both backends
 * produce these the same way, so the comparison never depends on how a backend works inside.
 */

/** The backends' one way to run a docker command, which `inspectWorld` looks through. */
export type { DockerCall } from "../backend/scenario-backend.ts";

/** What a user observed of one backend's run. */
export interface ObservedRun {
  /** `sim` or `docker`. */
  readonly backend: string;
  /** One per scenario step, in order (a run that aborted has fewer). */
  readonly steps: readonly ObservedStep[];
  /** The state after the last step, from `inspectWorld`. */
  readonly hosts: readonly ObservedHost[];
}

/** One step as the user saw it: the command line, its exit code and its output. */
export interface ObservedStep {
  readonly index: number;
  readonly kind: "run" | "write" | "sleep";
  readonly on?: string;
  readonly commandLine?: string;
  readonly exitCode?: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A host's images and containers after the last step. */
export interface ObservedHost {
  readonly host: string;
  readonly images: readonly ObservedImage[];
  readonly containers: readonly ObservedContainer[];
}

/** One tagged image of a host. */
export interface ObservedImage {
  readonly ref: string;
  /** docker image inspect's JSON object */
  readonly inspect: unknown;
  /** docker history --no-trunc --format '{{json .}}' objects, newest first */
  readonly history: readonly unknown[];
  /** the image's files as `docker export` of a container created from it shows them, one line per entry (normalised) */
  readonly files: readonly string[];
}

/** One container of a host (left over by the scenario). */
export interface ObservedContainer {
  readonly name: string;
  readonly inspect: unknown;
  readonly files: readonly string[];
}
