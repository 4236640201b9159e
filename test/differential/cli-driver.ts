/**
 * What a differential case runs its commands through: a docker CLI in a build-context directory.
 * `docker-driver.ts` is the real docker CLI against a real dockerd; `drydock-driver.ts` is
 * drydock's client (`runDocker`) against a memory engine. `run-case.ts` drives both the same way.
 */
import type { ContextFile } from "./case-context.ts";

/** What one CLI command printed and returned. */
export interface CliOutput {
  readonly exitCode: number;
  /** Raw bytes: `docker cp … -` writes a tar. */
  readonly stdout: Uint8Array;
  readonly stderr: string;
}

/** A docker CLI whose working directory is a case's build context. */
export interface CliDriver {
  /** Writes (or replaces) a context file, relative to the context directory. */
  writeFile(path: string, file: ContextFile): void;
  removeFile(path: string): void;
  /** Runs `docker …args` in the context directory, `stdin` on standard input. */
  docker(args: readonly string[], stdin?: string): Promise<CliOutput>;
  /** Releases the directory (and the engine, for drydock). */
  close(): Promise<void>;
}
