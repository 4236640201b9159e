import type { Scheduler, TimerHandle } from "../clock/event-loop.ts";
import type {
  ContainerProcess,
  ContainerRuntime,
  ExitStatus,
  ProcessInfo,
  ProcessSpec,
} from "../runtime/container-runtime.ts";
import { RuntimeStartError } from "../runtime/runtime-start-error.ts";
import { BUILTIN_PROGRAMS, type BuiltinProgram, type ProgramContext } from "./builtin-programs.ts";
import { parseSignal, SIGKILL } from "./signals.ts";

/** Signals whose default action does not end a process. */
const IGNORED_BY_DEFAULT: ReadonlySet<number> = new Set([17, 18, 19, 20, 21, 22, 23, 28]);
const SIGNAL_NAMES: Readonly<Record<number, string>> = {
  1: "HUP",
  2: "INT",
  9: "KILL",
  15: "TERM",
};

/** Thrown into a program's pending waits when it is killed; never escapes the process. */
class Killed extends Error {}

/**
 * A small stand-in for `SimRuntime` (`src/runtime`), implementing the same `ContainerRuntime`
 * seam with a handful of built-in programs (`echo`, `sleep`, `cat`, `true`, `false`, `sh -c`
 * with a tiny shell). Daemon tests use it for processes with exact, trivially predictable
 * timing and without just-bash. Programs are found by the base name of `argv[0]`; anything
 * else fails to start as runc does (exit code 127).
 *
 * Signals follow Linux: a container's init is PID 1 in its namespace and ignores every signal
 * it has no handler for, so only SIGKILL ends it (which is why `docker stop` of `sleep` waits
 * for the timeout); an exec'd process dies of any signal whose default is to.
 */
export class BuiltinRuntime implements ContainerRuntime {
  readonly #scheduler: Scheduler;
  readonly #programs: ReadonlyMap<string, BuiltinProgram>;
  readonly #containers = new Map<string, BuiltinProcess[]>();
  #nextHostPid: number;

  constructor(options: {
    scheduler: Scheduler;
    programs?: ReadonlyMap<string, BuiltinProgram>;
    firstHostPid?: number;
  }) {
    this.#scheduler = options.scheduler;
    this.#programs = options.programs ?? BUILTIN_PROGRAMS;
    this.#nextHostPid = options.firstHostPid ?? 4000;
  }

  start(spec: ProcessSpec): ContainerProcess {
    const name = spec.argv[0] ?? "";
    const program = this.#programs.get(name.slice(name.lastIndexOf("/") + 1));
    if (program === undefined || name === "") throw notFound(name, spec.isInit);
    const members = spec.isInit ? [] : (this.#containers.get(spec.containerId) ?? []);
    const shimPid = spec.isInit ? this.#nextHostPid++ : (members[0]?.hostPpid ?? 0);
    const process = new BuiltinProcess({
      spec,
      program,
      programs: this.#programs,
      scheduler: this.#scheduler,
      pid: spec.isInit ? 1 : members.length + 1,
      hostPid: this.#nextHostPid++,
      hostPpid: shimPid,
    });
    this.#containers.set(spec.containerId, [...members, process]);
    void process.exited.then(() => {
      const left = (this.#containers.get(spec.containerId) ?? []).filter(
        (member) => member !== process,
      );
      if (spec.isInit) for (const member of left) member.kill(SIGKILL);
      if (spec.isInit || left.length === 0) this.#containers.delete(spec.containerId);
      else this.#containers.set(spec.containerId, left);
    });
    return process;
  }

  processes(containerId: string): ProcessInfo[] {
    return (this.#containers.get(containerId) ?? []).map((process) => process.info());
  }

  pause(containerId: string): void {
    for (const process of this.#containers.get(containerId) ?? []) process.pause();
  }

  resume(containerId: string): void {
    for (const process of this.#containers.get(containerId) ?? []) process.resume();
  }
}

function notFound(name: string, isInit: boolean): RuntimeStartError {
  const reason = `exec: ${JSON.stringify(name)}: executable file not found in $PATH`;
  return isInit
    ? new RuntimeStartError({
        code: "InvalidArgument",
        message: `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${reason}: unknown`,
        phase: "create",
        exitCode: 127,
        cliExitCode: 127,
        httpStatus: 400,
      })
    : new RuntimeStartError({
        code: "InvalidArgument",
        message: `OCI runtime exec failed: exec failed: unable to start container process: ${reason}: unknown`,
        phase: "exec",
        exitCode: 126,
        cliExitCode: 126,
        httpStatus: 400,
      });
}

class BuiltinProcess implements ContainerProcess {
  readonly pid: number;
  readonly hostPid: number;
  readonly hostPpid: number;
  readonly exited: Promise<ExitStatus>;
  readonly #spec: ProcessSpec;
  readonly #scheduler: Scheduler;
  readonly #startedUs: number;
  readonly #stdin: Uint8Array[] = [];
  readonly #timers = new Set<{ handle: TimerHandle; reject: (error: unknown) => void }>();
  #stdinWaiter: (() => void) | undefined;
  #resumeWaiters: (() => void)[] = [];
  #stdinClosed: boolean;
  #paused = false;
  #exit: ((exit: ExitStatus) => void) | undefined;

  constructor(options: {
    spec: ProcessSpec;
    program: BuiltinProgram;
    programs: ReadonlyMap<string, BuiltinProgram>;
    scheduler: Scheduler;
    pid: number;
    hostPid: number;
    hostPpid: number;
  }) {
    this.#spec = options.spec;
    this.#scheduler = options.scheduler;
    this.#startedUs = options.scheduler.clock.nowUs();
    this.pid = options.pid;
    this.hostPid = options.hostPid;
    this.hostPpid = options.hostPpid;
    this.#stdinClosed = !options.spec.openStdin;
    this.exited = new Promise((resolve) => {
      this.#exit = resolve;
    });
    options.program(this.#context(options.programs)).then(
      (exitCode) => this.#finish({ exitCode }),
      (error: unknown) => {
        if (!(error instanceof Killed)) this.#finish({ exitCode: 1 });
      },
    );
  }

  kill(signal: string | number): void {
    if (this.#exit === undefined) return;
    const number = typeof signal === "number" ? signal : parseSignal(signal);
    if (number !== SIGKILL && (this.#spec.isInit || IGNORED_BY_DEFAULT.has(number))) return;
    for (const timer of this.#timers) {
      this.#scheduler.cancel(timer.handle);
      timer.reject(new Killed());
    }
    this.#timers.clear();
    this.#finish({ exitCode: 128 + number, signal: SIGNAL_NAMES[number] ?? String(number) });
  }

  writeStdin(bytes: Uint8Array): void {
    if (this.#stdinClosed || this.#exit === undefined) return;
    this.#stdin.push(bytes.slice());
    this.#wakeStdin();
  }

  closeStdin(): void {
    this.#stdinClosed = true;
    this.#wakeStdin();
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    const waiters = this.#resumeWaiters;
    this.#resumeWaiters = [];
    for (const wake of waiters) wake();
  }

  info(): ProcessInfo {
    return {
      pid: this.pid,
      ppid: this.#spec.isInit ? 0 : 1,
      hostPid: this.hostPid,
      hostPpid: this.hostPpid,
      uid: 0,
      gid: 0,
      argv: this.#spec.argv,
      startedUs: this.#startedUs,
      paused: this.#paused,
    };
  }

  #finish(status: ExitStatus): void {
    const exit = this.#exit;
    if (exit === undefined) return;
    this.#exit = undefined;
    exit(status);
  }

  #wakeStdin(): void {
    const wake = this.#stdinWaiter;
    this.#stdinWaiter = undefined;
    wake?.();
  }

  /** Resolves once the process is not frozen; rejects if it was killed meanwhile. */
  async #running(): Promise<void> {
    while (this.#paused) await new Promise<void>((resolve) => this.#resumeWaiters.push(resolve));
    if (this.#exit === undefined) throw new Killed();
  }

  #context(programs: ReadonlyMap<string, BuiltinProgram>): ProgramContext {
    return {
      argv: this.#spec.argv,
      env: this.#spec.env,
      workingDir: this.#spec.cwd,
      rootfs: this.#spec.rootfs,
      programs,
      nowUs: () => this.#scheduler.clock.nowUs(),
      write: async (stream, data) => {
        await this.#running();
        this.#spec.onOutput(stream, data);
      },
      sleep: async (durationUs) => {
        await new Promise<void>((resolve, reject) => {
          const timer = {
            handle: this.#scheduler.after(durationUs, "builtin.sleep", () => {
              this.#timers.delete(timer);
              resolve();
            }),
            reject,
          };
          this.#timers.add(timer);
        });
        await this.#running();
      },
      readStdin: async () => {
        for (;;) {
          await this.#running();
          const chunk = this.#stdin.shift();
          if (chunk !== undefined) return chunk;
          if (this.#stdinClosed) return undefined;
          await new Promise<void>((resolve) => {
            this.#stdinWaiter = resolve;
          });
        }
      },
    };
  }
}
