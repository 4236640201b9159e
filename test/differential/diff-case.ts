/**
 * The differential corpus: the same commands against drydock and against a real Docker 20.10
 * (classic builder), compared after normalisation. `record.ts` runs them on a real daemon into
 * `test/fixtures/builder-exec/`; `builder-exec.test.ts` runs them on drydock and compares.
 */

/**
 * A context file: its text; its text and mode (default 0644); or a tar archive of text files
 * (gzip-compressed when `gzip`), for ADD.
 */
export type CaseFile =
  | string
  | { readonly content: string; readonly mode: number }
  | { readonly archive: Readonly<Record<string, string>>; readonly gzip: boolean };

/** One command of a case, run in order. */
export type CaseStep =
  /** `docker build [--no-cache] [-t tag] [--target t] [--build-arg k=v] [--label k=v] [-f file] .` */
  | {
      readonly kind: "build";
      readonly tag?: string;
      readonly noCache?: boolean;
      readonly target?: string;
      readonly buildArgs?: Readonly<Record<string, string>>;
      readonly labels?: Readonly<Record<string, string>>;
      readonly dockerfile?: string;
      /** `docker build -` with this Dockerfile on stdin (no context files). */
      readonly stdinDockerfile?: string;
    }
  /** Changes a context file before the next build (`content: null` deletes it). */
  | {
      readonly kind: "write";
      readonly path: string;
      readonly content: string | null;
      readonly mode?: number;
    }
  /** Sets a context file's mtime (content unchanged): the cache must not notice. */
  | { readonly kind: "touch"; readonly path: string }
  /** `docker run --rm [--entrypoint e] image [cmd…]`: stdout, stderr, exit code. */
  | {
      readonly kind: "run";
      readonly image: string;
      readonly cmd?: readonly string[];
      readonly entrypoint?: string;
    }
  /**
   * `docker save image`, shown as the entries (type, mode, owner, size, path) of each layer the
   * image has above busybox's: whiteouts and opaque directories as dockerd writes them.
   */
  | { readonly kind: "layers"; readonly image: string }
  /** Any other docker CLI command. */
  | { readonly kind: "cli"; readonly args: readonly string[] };

export interface DiffCase {
  readonly name: string;
  /** What the case shows, in one sentence. */
  readonly about: string;
  readonly files: Readonly<Record<string, CaseFile>>;
  readonly steps: readonly CaseStep[];
}

/** What one step printed, normalised (see `normalize.ts`). */
export interface StepRecord {
  readonly command: string;
  readonly exitCode: number;
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
  /** For a build that produced an image: the image and its parents down to the base image. */
  readonly images?: readonly ImageRecord[];
}

/** The parts of an image a build decides, IDs and times replaced by placeholders. */
export interface ImageRecord {
  readonly id: string;
  readonly parent: string;
  readonly container: string;
  readonly author: string;
  readonly config: unknown;
  readonly containerConfig: unknown;
  readonly layerCount: number;
  /** `created_by` and `empty_layer` of each history entry (the top image only). */
  readonly history?: readonly string[];
}

export interface CaseRecording {
  readonly name: string;
  readonly recordedWith: string;
  readonly steps: readonly StepRecord[];
}
