/**
 * One thing that happened in a world, as teaching material, golden files and visualisations see
 * it. Kinds are `component.noun.verb` (`builder.cache.hit`, `registry.blob.upload.commit`,
 * `runtime.container.exit`).
 */
export interface TraceEvent {
  /** Position in the trace, from 0. */
  readonly seq: number;
  /** Simulated (or, on the real backend, wall) time in integer microseconds since the epoch. */
  readonly tUs: number;
  readonly host?: string;
  readonly component: string;
  readonly kind: string;
  /** The step 1–9 of the build → push → pull → run workflow (DESIGN.md §1), where one applies. */
  readonly step?: WorkflowStep;
  readonly data?: Readonly<Record<string, TraceValue>>;
}

export type WorkflowStep = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export type TraceValue =
  | string
  | number
  | boolean
  | null
  | readonly TraceValue[]
  | { readonly [key: string]: TraceValue };

/** What the workflow steps are called, for the text and Mermaid formatters. */
export const WORKFLOW_STEP_TITLES: Readonly<Record<WorkflowStep, string>> = {
  1: "docker build: the client sends the build context to the daemon",
  2: "the daemon reads the Dockerfile and executes its instructions",
  3: "an image is created (layers, config, manifest, digests)",
  4: "docker push: the client asks the daemon to push",
  5: "the daemon uploads blobs and the manifest; the registry stores them",
  6: "docker pull: the host fetches the image from the registry",
  7: "docker run: the client asks the daemon to run the image",
  8: "the daemon prepares the container's root filesystem from the image layers",
  9: "the container is created and runs; its output and exit code come back",
};
