import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { ProcessInfo } from "./container-runtime.ts";
import type { ProcProcess } from "./proc-fs.ts";
import type { Signal } from "./signals.ts";

/** A process or background job living in a PID namespace. */
export interface NamespaceMember {
  readonly pid: number;
  /** What `/proc` and `ps` show. */
  procInfo(): ProcProcess;
  /** What `docker top` shows. */
  processInfo(): ProcessInfo;
  /** Delivers a signal; `fromInside` is kill(2) from the container, which init may ignore. */
  signal(signal: Signal, fromInside: boolean): void;
}

/** A container may run at most this many processes at once (Docker's default has no limit). */
export const NAMESPACE_MEMBERS_MAX = 4096;

/**
 * One container's PID namespace: PIDs are handed out in order from 1, as the kernel does in a
 * fresh namespace, and the namespace lives as long as its init process.
 */
export class PidNamespace {
  readonly containerId: string;
  #nextPid = 1;
  readonly #members = new Map<number, NamespaceMember>();
  #paused = false;

  constructor(options: { containerId: string }) {
    this.containerId = options.containerId;
  }

  get paused(): boolean {
    return this.#paused;
  }

  set paused(value: boolean) {
    this.#paused = value;
  }

  /** The next PID; fails when the namespace is full. */
  allocatePid(): number {
    if (this.#members.size >= NAMESPACE_MEMBERS_MAX) {
      throw new LimitExceededError({
        what: "processes in one container",
        limit: NAMESPACE_MEMBERS_MAX,
      });
    }
    return this.#nextPid++;
  }

  add(member: NamespaceMember): void {
    this.#members.set(member.pid, member);
  }

  remove(pid: number): void {
    this.#members.delete(pid);
  }

  get(pid: number): NamespaceMember | undefined {
    return this.#members.get(pid);
  }

  /** Live members by PID. */
  members(): NamespaceMember[] {
    return [...this.#members.values()].sort((a, b) => a.pid - b.pid);
  }

  get size(): number {
    return this.#members.size;
  }
}
