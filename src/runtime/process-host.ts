import type { Command, CommandContext, ExecResult } from "just-bash";
import type { Clock } from "../clock/clock.ts";
import type { VirtualFs } from "../fs/virtual-fs.ts";
import type { Rng } from "../random/rng.ts";
import type { ExecutableFormat } from "./binary-format.ts";
import type { ContainerFs } from "./container-fs.ts";
import type { NetworkView } from "./net/network-view.ts";
import type { ProcProcess } from "./proc-fs.ts";
import type { Signal } from "./signals.ts";
import type { ProcessIdentity } from "./user-spec.ts";

/** A simulated program: what runs when a process executes a file marked as that program. */
export interface SimProgram {
  /** The name in the binary's marker (`drydock-sim-program: <name>`). */
  readonly name: string;
  /** Runs with argv (argv[0] as invoked) in the calling shell's context. */
  run(argv: readonly string[], ctx: CommandContext, host: ProcessHost): Promise<ExecResult>;
}

/**
 * What drydock's commands see of the process they run in: its identity, its filesystem view,
 * simulated time, and the PID namespace. One per process; commands get it by closure.
 */
export interface ProcessHost {
  readonly pid: number;
  readonly identity: ProcessIdentity;
  readonly hostname: string;
  readonly kernelRelease: string;
  readonly cpuCount: number;
  readonly clock: Clock;
  /** The container's root, mounts and this process's `/proc`. */
  readonly view: VirtualFs;
  /** The same view as just-bash sees it (owner, umask, devices). */
  readonly fs: ContainerFs;
  /** The container's network namespace (interfaces, routes, who answers, embedded DNS). */
  readonly network: NetworkView;
  /** Seeded randomness for this process (`mktemp`, `$RANDOM`, `shuf`). */
  readonly rng: Rng;
  /** The file the process executed (`/proc/self/exe`). */
  readonly exe: string;
  /** The environment the process started with (`K=V`), in order. */
  readonly initialEnv: readonly string[];
  /** When the process started, for `$SECONDS` and `ps`. */
  readonly startedUs: number;
  /**
   * What the process's shell prints before its messages: ash's `arg0`, the name it was started
   * with (`sh`, or `/bin/sh` for the builder's `RUN`).
   */
  readonly shellName: string;
  /** The running shell finds busybox applets without a PATH search (Debian's busybox build). */
  readonly standaloneApplets: boolean;
  /** Waits in simulated time; frozen while the process is paused; ends early on abort or kill. */
  sleep(durationUs: number, signal?: AbortSignal): Promise<void>;
  /** Runs `callback` after a simulated duration; returns a function that cancels it. */
  after(durationUs: number, callback: () => void): () => void;
  /** The processes of the PID namespace, for `ps` and `/proc`. */
  processes(): readonly ProcProcess[];
  /** kill(2) from inside the container: false when there is no such process. */
  signalProcess(pid: number, signal: Signal): boolean;
  /** just-bash's own implementation of a command, if it has one. */
  bundled(name: string): Command | undefined;
  /** The simulated program of that name, if the runtime has one. */
  program(name: string): SimProgram | undefined;
  /** The executable format of a file (cached per inode). */
  classify(path: string): ExecutableFormat;
  /** Charges CPU time for one loop iteration and runs pending traps. */
  tick(ctx: CommandContext): Promise<ExecResult>;
  /** Runs pending traps between two statements (no CPU charged); keeps `$?`. */
  checkTraps(ctx: CommandContext): Promise<ExecResult>;
  /** Background jobs and traps (`&`, `wait`, `trap`). */
  startJob(script: string, ctx: CommandContext): number;
  waitJobs(pids: readonly number[], ctx: CommandContext): Promise<number>;
  setTrap(signal: string, handler: string | undefined): void;
  traps(): ReadonlyMap<string, string>;
  /** Marks the end of a trap handler that did not exit (see `tick`). */
  markAlive(): void;
}
