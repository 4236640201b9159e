import type { ProcessInfo } from "./container-runtime.ts";
import type { NamespaceMember } from "./pid-namespace.ts";
import type { ProcProcess } from "./proc-fs.ts";
import { type Signal, signalDefault } from "./signals.ts";

/** What a job needs from the process that started it. */
export interface JobOwner {
  readonly pid: number;
  readonly hostPid: number;
  readonly uid: number;
  readonly gid: number;
  readonly groups: readonly number[];
  readonly exe: string;
}

/**
 * A shell's background job (`cmd &`): a detached just-bash execution in the same process (it
 * shares the shell's filesystem view and output), with a PID of its own. Functions of the parent
 * shell are not visible in it; variables are copied.
 */
export class BackgroundJob implements NamespaceMember {
  readonly pid: number;
  readonly hostPid: number;
  readonly text: string;
  readonly startedUs: number;
  readonly #owner: JobOwner;
  readonly #abort = new AbortController();
  readonly #cwd: string;
  #status: number | undefined;
  #killedBy: Signal | undefined;
  readonly done: Promise<number>;

  constructor(options: {
    pid: number;
    hostPid: number;
    text: string;
    cwd: string;
    startedUs: number;
    owner: JobOwner;
    run: (signal: AbortSignal) => Promise<number>;
  }) {
    this.pid = options.pid;
    this.hostPid = options.hostPid;
    this.text = options.text;
    this.#cwd = options.cwd;
    this.startedUs = options.startedUs;
    this.#owner = options.owner;
    this.done = options.run(this.#abort.signal).then(
      (code) => this.#finish(code),
      () => this.#finish(2),
    );
  }

  get finished(): boolean {
    return this.#status !== undefined;
  }

  signal(signal: Signal, _fromInside: boolean): void {
    if (this.finished || signalDefault(signal) !== "terminate") return;
    this.#killedBy = signal;
    this.#abort.abort();
  }

  procInfo(): ProcProcess {
    return {
      pid: this.pid,
      ppid: this.#owner.pid,
      uid: this.#owner.uid,
      gid: this.#owner.gid,
      groups: this.#owner.groups,
      argv: [this.text],
      env: [],
      cwd: this.#cwd,
      exe: this.#owner.exe,
      startedUs: this.startedUs,
      state: "S",
    };
  }

  processInfo(): ProcessInfo {
    return {
      pid: this.pid,
      ppid: this.#owner.pid,
      hostPid: this.hostPid,
      hostPpid: this.#owner.hostPid,
      uid: this.#owner.uid,
      gid: this.#owner.gid,
      argv: [this.text],
      startedUs: this.startedUs,
      paused: false,
    };
  }

  #finish(code: number): number {
    this.#status = this.#killedBy === undefined ? code & 0xff : 128 + this.#killedBy.number;
    return this.#status;
  }
}
