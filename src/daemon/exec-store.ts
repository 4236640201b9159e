import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { ContainerProcess } from "../runtime/container-runtime.ts";
import { ExecNotFoundError } from "./exec-not-found-error.ts";

/** One `docker exec` instance, from `exec create` to the end of its process. */
export interface ExecRecord {
  readonly id: string;
  readonly containerId: string;
  readonly cmd: readonly string[];
  readonly env: readonly string[] | null;
  readonly user: string;
  readonly workingDir: string;
  readonly tty: boolean;
  readonly privileged: boolean;
  readonly attachStdin: boolean;
  readonly attachStdout: boolean;
  readonly attachStderr: boolean;
  readonly detachKeys: string;
  running: boolean;
  exitCode: number | null;
  pid: number;
  process: ContainerProcess | undefined;
}

/** The daemon's exec instances by ID; a container's go when the container is removed. */
export class ExecStore {
  readonly #execs = new Map<string, ExecRecord>();
  readonly #countMax: number;

  constructor(options: { execCountMax: number }) {
    this.#countMax = options.execCountMax;
  }

  has(id: string): boolean {
    return this.#execs.has(id);
  }

  add(exec: ExecRecord): void {
    if (this.#execs.size >= this.#countMax) {
      // Finished execs are the ones dockerd garbage-collects; drop the oldest of them first.
      const finished = [...this.#execs.values()].find((candidate) => !candidate.running);
      if (finished === undefined)
        throw new LimitExceededError({ what: "exec instances", limit: this.#countMax });
      this.#execs.delete(finished.id);
    }
    this.#execs.set(exec.id, exec);
  }

  get(id: string): ExecRecord {
    const exec = this.#execs.get(id);
    if (exec === undefined) throw new ExecNotFoundError({ execId: id });
    return exec;
  }

  /** The execs of a container, in creation order. */
  ofContainer(containerId: string): ExecRecord[] {
    return [...this.#execs.values()].filter((exec) => exec.containerId === containerId);
  }

  deleteContainer(containerId: string): void {
    for (const exec of this.ofContainer(containerId)) this.#execs.delete(exec.id);
  }
}
