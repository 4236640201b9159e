import { Bash, type Command, type CommandContext, type ExecResult } from "just-bash";
import type { Clock } from "../clock/clock.ts";
import { isFsError } from "../errors/fs-error.ts";
import type { VirtualFs } from "../fs/virtual-fs.ts";
import type { Rng } from "../random/rng.ts";
import { BackgroundJob } from "./background-job.ts";
import type { ExecutableFormat } from "./binary-format.ts";
import { ContainerFs } from "./container-fs.ts";
import type {
  ContainerProcess,
  ExitStatus,
  ProcessInfo,
  ProcessSpec,
} from "./container-runtime.ts";
import type { DeviceIo } from "./devices.ts";
import { execFile, result } from "./exec-dispatch.ts";
import type { ExecutableCache } from "./executable-cache.ts";
import { InteractiveShell } from "./interactive-shell.ts";
import { applyJustBashFixes } from "./just-bash-fixes.ts";
import type { LaunchPlan } from "./launch-plan.ts";
import { withMounts } from "./mounted-fs.ts";
import { LOOPBACK_ONLY, type NetworkView } from "./net/network-view.ts";
import { STREAM_MARKER } from "./output-streaming.ts";
import { bytesToLatin1 } from "./paths.ts";
import type { NamespaceMember, PidNamespace } from "./pid-namespace.ts";
import { ProcFs, type ProcProcess } from "./proc-fs.ts";
import { procMounts } from "./proc-mounts.ts";
import { HELPER_COMMANDS, processCommands } from "./process-commands.ts";
import type { ProcessHost, SimProgram } from "./process-host.ts";
import { ProcessOutput } from "./process-output.ts";
import type { RuntimeSettings } from "./runtime-settings.ts";
import { drydockShellPlugin } from "./shell-transform.ts";
import { parseSignal, type Signal, signalDefault } from "./signals.ts";
import { StdinBuffer } from "./stdin-buffer.ts";
import type { ProcessIdentity } from "./user-spec.ts";
import { bundledCommand } from "./userland.ts";

/** Marks a script as a process's top level, whose output streams (see `streamOutput`). */
const OUTPUT_PREFIX = `${STREAM_MARKER}\n`;
/** CPU time a loop accumulates before it yields to the event loop. */
const CPU_QUANTUM_US = 1000;
const KILL: Signal = { name: "KILL", number: 9 };

/** Everything `SimRuntime` hands a new process. */
export interface SimProcessOptions {
  readonly spec: ProcessSpec;
  readonly plan: LaunchPlan;
  readonly identity: ProcessIdentity;
  readonly pid: number;
  readonly hostPid: number;
  readonly hostPpid: number;
  readonly namespace: PidNamespace;
  readonly cache: ExecutableCache;
  readonly devices: DeviceIo;
  readonly rng: Rng;
  readonly settings: RuntimeSettings;
}

/**
 * One process of a simulated container, run by a just-bash instance of its own over the
 * container's filesystem. Its output reaches the daemon command by command at the simulated
 * instant it is written; waits happen in simulated time; signals follow Linux (a namespace's
 * init ignores what it does not handle, KILL always works, a trapped signal runs its handler
 * between commands).
 */
export class SimProcess implements ContainerProcess, ProcessHost, NamespaceMember {
  readonly pid: number;
  readonly hostPid: number;
  readonly exited: Promise<ExitStatus>;
  readonly identity: ProcessIdentity;
  readonly hostname: string;
  readonly kernelRelease: string;
  readonly cpuCount: number;
  readonly clock: Clock;
  readonly view: VirtualFs;
  readonly fs: ContainerFs;
  readonly rng: Rng;
  readonly network: NetworkView;
  readonly startedUs: number;
  readonly standaloneApplets: boolean;
  readonly shellName: string;

  get exe(): string {
    return this.#plan.exe;
  }

  get initialEnv(): readonly string[] {
    return this.#env();
  }

  readonly #spec: ProcessSpec;
  readonly #plan: LaunchPlan;
  readonly #hostPpid: number;
  readonly #namespace: PidNamespace;
  readonly #cache: ExecutableCache;
  readonly #settings: RuntimeSettings;
  readonly #output: ProcessOutput;
  readonly #abort = new AbortController();
  readonly #jobs = new Map<number, BackgroundJob>();
  readonly #traps = new Map<string, string>();
  readonly #pendingSignals: Signal[] = [];
  readonly #wakeOnSignal = new Set<() => void>();
  readonly #whenResumed: (() => void)[] = [];
  readonly #stdin = new StdinBuffer();
  #resolveExit!: (status: ExitStatus) => void;
  #status: ExitStatus | undefined;
  #bash: Bash | undefined;
  #paused = false;
  #cpuDebtUs = 0;
  #alive = false;
  #exitTrapRan = false;

  constructor(options: SimProcessOptions) {
    const { spec, settings } = options;
    this.#spec = spec;
    this.#plan = options.plan;
    this.#namespace = options.namespace;
    this.#cache = options.cache;
    this.#settings = settings;
    this.#hostPpid = options.hostPpid;
    this.pid = options.pid;
    this.hostPid = options.hostPid;
    this.identity = options.identity;
    this.hostname = spec.hostname;
    this.kernelRelease = settings.kernelRelease;
    this.cpuCount = settings.cpuCount;
    this.clock = settings.scheduler.clock;
    this.rng = options.rng;
    this.network = spec.network ?? LOOPBACK_ONLY;
    this.startedUs = this.clock.nowUs();
    this.standaloneApplets = options.plan.kind !== "fail" && options.plan.standalone;
    this.shellName = options.plan.kind === "shell" ? (spec.argv[0] ?? "sh") : "sh";
    this.exited = new Promise((resolve) => {
      this.#resolveExit = resolve;
    });
    this.#output = new ProcessOutput({
      sink: spec.onOutput,
      tty: spec.tty,
      busybox: options.plan.kind !== "fail" && options.plan.busybox,
      shellName: this.shellName,
    });
    const proc = new ProcFs({
      selfPid: this.pid,
      processes: () => this.processes(),
      process: (pid) => this.#namespace.get(pid)?.procInfo(),
      mounts: () => procMounts(spec.rootfs),
      nowUs: () => this.clock.nowUs(),
      bootUs: settings.bootUs,
      kernelRelease: settings.kernelRelease,
      hostname: spec.hostname,
      writeFd: (fd, bytes) => this.#output.write(fd === 2 ? "stderr" : "stdout", bytes),
    });
    this.view = withMounts(spec.rootfs, [
      {
        target: "/proc",
        fs: proc,
        fsType: "proc",
        device: "proc",
        options: "nosuid,nodev,noexec,relatime",
      },
    ]);
    this.fs = new ContainerFs({
      fs: this.view,
      clock: this.clock,
      owner: { uid: this.identity.uid, gid: this.identity.gid },
      devices: options.devices,
      hiddenCommands: new Set(HELPER_COMMANDS),
    });
    this.#namespace.add(this);
    settings.tracer.emit({
      kind: "runtime.process.start",
      component: "runtime",
      step: 9,
      data: {
        container: spec.containerId,
        pid: this.pid,
        hostPid: this.hostPid,
        argv: [...spec.argv],
        user: spec.user,
        init: spec.isInit,
      },
    });
    settings.scheduler.after(0, "runtime.process.run", () => {
      void this.#run();
    });
  }

  get paused(): boolean {
    return this.#paused;
  }

  // ---- ContainerProcess ----

  kill(signal: string | number): void {
    this.signal(parseSignal(signal), false);
  }

  writeStdin(bytes: Uint8Array): void {
    if (this.#status === undefined && this.#spec.openStdin) this.#stdin.push(bytes);
  }

  closeStdin(): void {
    this.#stdin.close();
  }

  pause(): void {
    if (this.#status !== undefined || this.#paused) return;
    this.#paused = true;
    this.#trace("runtime.process.pause", {});
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#trace("runtime.process.resume", {});
    for (const wake of this.#whenResumed.splice(0)) wake();
  }

  // ---- NamespaceMember ----

  signal(signal: Signal, fromInside: boolean): void {
    if (this.#status !== undefined) return;
    const handler = this.#traps.get(signal.name);
    const action =
      signal.name === "KILL"
        ? "kill"
        : handler === ""
          ? "ignored"
          : handler !== undefined
            ? "trapped"
            : signalDefault(signal) !== "terminate"
              ? signalDefault(signal)
              : this.#spec.isInit
                ? "ignored"
                : "terminate";
    this.#trace("runtime.process.signal", { signal: signal.name, action, fromInside });
    if (action === "kill" || action === "terminate")
      this.#finish({ exitCode: 128 + signal.number, signal: signal.name });
    else if (action === "stop") this.pause();
    else if (action === "continue") this.resume();
    else if (action === "trapped") {
      this.#pendingSignals.push(signal);
      for (const wake of [...this.#wakeOnSignal]) wake();
    }
  }

  procInfo(): ProcProcess {
    return {
      pid: this.pid,
      ppid: 0,
      uid: this.identity.uid,
      gid: this.identity.gid,
      groups: this.identity.groups,
      argv: this.#spec.argv,
      env: this.#env(),
      cwd: this.#spec.cwd,
      exe: this.#plan.exe,
      startedUs: this.startedUs,
      state: this.#paused ? "T" : "S",
    };
  }

  processInfo(): ProcessInfo {
    return {
      pid: this.pid,
      ppid: 0,
      hostPid: this.hostPid,
      hostPpid: this.#hostPpid,
      uid: this.identity.uid,
      gid: this.identity.gid,
      argv: this.#spec.argv,
      startedUs: this.startedUs,
      paused: this.#paused,
    };
  }

  // ---- ProcessHost ----

  sleep(durationUs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (this.#status !== undefined || signal?.aborted === true) return resolve();
      const signals = signal === undefined ? [this.#abort.signal] : [this.#abort.signal, signal];
      const onAbort = () => {
        if (handle !== undefined) this.#settings.scheduler.cancel(handle);
        cleanup();
        resolve();
      };
      const cleanup = () => {
        for (const each of signals) each.removeEventListener("abort", onAbort);
      };
      for (const each of signals) each.addEventListener("abort", onAbort, { once: true });
      const handle = Number.isFinite(durationUs)
        ? this.#settings.scheduler.after(Math.max(0, durationUs), "runtime.process.sleep", () => {
            cleanup();
            void this.#runnable().then(resolve);
          })
        : undefined;
    });
  }

  after(durationUs: number, callback: () => void): () => void {
    const handle = this.#settings.scheduler.after(durationUs, "runtime.process.timer", callback);
    return () => this.#settings.scheduler.cancel(handle);
  }

  processes(): readonly ProcProcess[] {
    return this.#namespace.members().map((member) => member.procInfo());
  }

  signalProcess(pid: number, signal: Signal): boolean {
    const member = this.#namespace.get(pid);
    if (member === undefined) return false;
    member.signal(signal, true);
    return true;
  }

  bundled(name: string): Command | undefined {
    return this.#bash === undefined ? undefined : bundledCommand(this.#bash, name);
  }

  program(name: string): SimProgram | undefined {
    return this.#settings.programs.get(name);
  }

  classify(path: string): ExecutableFormat {
    return this.#cache.classify(this.view, path);
  }

  async tick(ctx: CommandContext): Promise<ExecResult> {
    this.#cpuDebtUs += this.#settings.cpuUsPerLoopIteration;
    if (this.#cpuDebtUs >= CPU_QUANTUM_US) {
      const debt = this.#cpuDebtUs;
      this.#cpuDebtUs = 0;
      await this.sleep(debt, ctx.signal);
    } else await this.#runnable();
    const trapOutput = await this.#runPendingTraps(ctx);
    return { ...trapOutput, exitCode: Number(ctx.env.get("?") ?? "0") };
  }

  async checkTraps(ctx: CommandContext): Promise<ExecResult> {
    if (this.#pendingSignals.length === 0) return result("", "", Number(ctx.env.get("?") ?? "0"));
    const trapOutput = await this.#runPendingTraps(ctx);
    return { ...trapOutput, exitCode: Number(ctx.env.get("?") ?? "0") };
  }

  startJob(script: string, ctx: CommandContext): number {
    const pid = this.#namespace.allocatePid();
    const env = Object.fromEntries(ctx.env);
    const job = new BackgroundJob({
      pid,
      hostPid: this.#settings.allocateHostPid(),
      text: script,
      cwd: ctx.cwd,
      startedUs: this.clock.nowUs(),
      owner: {
        pid: this.pid,
        hostPid: this.hostPid,
        uid: this.identity.uid,
        gid: this.identity.gid,
        groups: this.identity.groups,
        exe: this.#plan.exe,
      },
      run: async (signal) => {
        const jobResult = await this.#bash!.exec(OUTPUT_PREFIX + script, {
          env,
          cwd: ctx.cwd,
          signal: AbortSignal.any([signal, this.#abort.signal]),
          rawScript: true,
        });
        this.#output.writeText("stdout", jobResult.stdout);
        this.#output.writeText("stderr", jobResult.stderr);
        return jobResult.exitCode;
      },
    });
    this.#jobs.set(pid, job);
    this.#namespace.add(job);
    void job.done.then(() => this.#namespace.remove(pid));
    return pid;
  }

  async waitJobs(pids: readonly number[], ctx: CommandContext): Promise<number> {
    const jobs =
      pids.length === 0 ? [...this.#jobs.values()] : pids.map((pid) => this.#jobs.get(pid));
    let status = 0;
    for (const job of jobs) {
      if (job === undefined) return 127;
      let interrupted = false;
      const wake = new Promise<void>((resolve) => {
        const onSignal = () => {
          interrupted = true;
          resolve();
        };
        this.#wakeOnSignal.add(onSignal);
        void job.done.finally(() => this.#wakeOnSignal.delete(onSignal));
        ctx.signal?.addEventListener("abort", () => resolve(), { once: true });
      });
      if (this.#pendingSignals.length === 0) await Promise.race([job.done, wake]);
      const pending = this.#pendingSignals[0];
      if (interrupted || pending !== undefined) {
        const trapOutput = await this.#runPendingTraps(ctx);
        this.#output.writeText("stdout", trapOutput.stdout);
        this.#output.writeText("stderr", trapOutput.stderr);
        return 128 + (pending?.number ?? 15);
      }
      status = await job.done;
      this.#jobs.delete(job.pid);
    }
    return status;
  }

  setTrap(signal: string, handler: string | undefined): void {
    if (handler === undefined) this.#traps.delete(signal);
    else this.#traps.set(signal, handler);
  }

  traps(): ReadonlyMap<string, string> {
    return this.#traps;
  }

  markAlive(): void {
    this.#alive = true;
  }

  // ---- running ----

  async #run(): Promise<void> {
    try {
      await this.#runnable();
      if (this.#status !== undefined) return;
      const plan = this.#plan;
      if (plan.kind === "fail") {
        this.#output.writeText("stderr", plan.message);
        return this.#finish({ exitCode: 1 });
      }
      this.#bash = this.#makeBash();
      let exitCode: number;
      if (plan.kind === "shell" && plan.fromStdin && this.#spec.openStdin) {
        exitCode = await new InteractiveShell({
          stdin: this.#stdin,
          run: (script, state) => this.#execTop(script, state.env, state.cwd, "", state.replaceEnv),
          prompt: this.#spec.tty
            ? (cwd) => `${cwd} ${this.identity.uid === 0 ? "#" : "$"} `
            : undefined,
          write: (text) => this.#output.writeText("stdout", text),
          isAlive: () => this.#takeAlive(),
          positional: plan.positional,
          cwd: this.#spec.cwd,
          whenRunnable: () => this.#runnable(),
        }).run();
      } else {
        const stdin = this.#spec.openStdin ? bytesToLatin1(await this.#stdin.readAll()) : "";
        const script = plan.kind === "shell" ? plan.script : "/usr/bin/__drydock_main";
        const positional = plan.kind === "shell" ? plan.positional : {};
        exitCode = (await this.#execTop(script, positional, this.#spec.cwd, stdin, false)).exitCode;
      }
      exitCode = await this.#runExitTrap(exitCode);
      this.#finish({ exitCode: exitCode & 0xff });
    } catch (error) {
      this.#output.writeText(
        "stderr",
        `sh: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      this.#finish({ exitCode: 2 });
    }
  }

  /** Runs shell text at the process's top level; output streams as it is written. */
  async #execTop(
    script: string,
    env: Record<string, string>,
    cwd: string,
    stdin: string,
    replaceEnv: boolean,
  ): Promise<{ exitCode: number; env: Record<string, string> }> {
    try {
      const execResult = await this.#bash!.exec(OUTPUT_PREFIX + script, {
        env,
        replaceEnv,
        cwd,
        stdin,
        stdinKind: "bytes",
        signal: this.#abort.signal,
        rawScript: true,
      });
      this.#output.writeText("stdout", execResult.stdout);
      this.#output.writeText("stderr", execResult.stderr);
      return { exitCode: execResult.exitCode, env: execResult.env };
    } catch (error) {
      // just-bash lets a failed output redirection escape as an exception (see README.md).
      const message = isFsError(error)
        ? `sh: can't create ${error.path}: ${createFailure(error.errno)}\n`
        : `sh: ${error instanceof Error ? error.message : String(error)}\n`;
      this.#output.writeText("stderr", message);
      return { exitCode: isFsError(error) ? 1 : 2, env };
    }
  }

  #makeBash(): Bash {
    const plan = this.#plan as Exclude<LaunchPlan, { kind: "fail" }>;
    const bash = new Bash({
      fs: this.fs,
      cwd: this.#spec.cwd,
      env: Object.fromEntries(this.#env().map((entry) => splitEnv(entry))),
      customCommands: processCommands(this, [...this.#settings.programs.keys()], (ctx) =>
        plan.kind === "exec"
          ? execFile(this, { path: plan.path, argv0: plan.argv[0]! }, plan.argv.slice(1), ctx)
          : Promise.resolve(result("", "", 0)),
      ),
      sleep: (ms) => this.sleep(Math.round(ms * 1000)),
      processInfo: { pid: this.pid, ppid: 0, uid: this.identity.uid, gid: this.identity.gid },
      defenseInDepth: false,
      executionLimits: {
        maxExecutionTimeMs: Number.POSITIVE_INFINITY,
        maxExtensionCleanupTimeMs: Number.POSITIVE_INFINITY,
        maxCommandCount: Number.POSITIVE_INFINITY,
        maxLoopIterations: this.#settings.loopIterationsMax,
      },
      ...(this.#settings.fetch === undefined ? {} : { fetch: this.#settings.fetch }),
    });
    bash.registerTransformPlugin(drydockShellPlugin());
    applyJustBashFixes(bash);
    return bash;
  }

  /** The process's environment: the spec's, plus HOME from passwd when missing (runc does that). */
  #env(): string[] {
    const env = [...this.#spec.env];
    if (!env.some((entry) => entry.startsWith("HOME="))) env.push(`HOME=${this.identity.home}`);
    return env;
  }

  async #runPendingTraps(ctx: CommandContext): Promise<ExecResult> {
    let stdout = "";
    let stderr = "";
    while (this.#pendingSignals.length > 0 && this.#status === undefined) {
      const signal = this.#pendingSignals.shift()!;
      const handler = this.#traps.get(signal.name);
      if (handler === undefined || handler === "") continue;
      this.#alive = false;
      const trapResult = await ctx.exec!(`${handler}\n/usr/bin/__drydock_alive`, {
        cwd: ctx.cwd,
        env: ctx.exportedEnv,
        signal: ctx.signal,
      });
      stdout += trapResult.stdout;
      stderr += trapResult.stderr;
      if (!this.#takeAlive()) {
        this.#output.writeText("stdout", stdout);
        this.#output.writeText("stderr", stderr);
        const code = await this.#runExitTrap(trapResult.exitCode);
        this.#finish({ exitCode: code & 0xff });
        return result("", "", code);
      }
    }
    return result(stdout, stderr, 0);
  }

  async #runExitTrap(exitCode: number): Promise<number> {
    const handler = this.#traps.get("EXIT");
    if (handler === undefined || handler === "" || this.#exitTrapRan || this.#status !== undefined)
      return exitCode;
    this.#exitTrapRan = true;
    await this.#execTop(handler, { "?": String(exitCode) }, this.#spec.cwd, "", false);
    return exitCode;
  }

  #takeAlive(): boolean {
    const alive = this.#alive;
    this.#alive = false;
    return alive;
  }

  /** Resolves at once, or when the process is resumed. */
  #runnable(): Promise<void> {
    if (!this.#paused) return Promise.resolve();
    return new Promise((resolve) => this.#whenResumed.push(resolve));
  }

  #finish(status: ExitStatus): void {
    if (this.#status !== undefined) return;
    this.#status = status;
    this.#abort.abort();
    for (const job of this.#jobs.values()) job.signal(KILL, false);
    this.#output.close();
    this.#stdin.close();
    this.#namespace.remove(this.pid);
    this.#trace("runtime.process.exit", {
      exitCode: status.exitCode,
      signal: status.signal ?? null,
      outputBytes: this.#output.bytesWritten,
    });
    this.#resolveExit(status);
    for (const wake of this.#whenResumed.splice(0)) wake();
    // When a namespace's init ends, the kernel kills every other process in it.
    if (this.#spec.isInit)
      for (const member of this.#namespace.members()) member.signal(KILL, false);
  }

  #trace(kind: string, data: Record<string, string | number | boolean | null | string[]>): void {
    this.#settings.tracer.emit({
      kind,
      component: "runtime",
      data: { container: this.#spec.containerId, pid: this.pid, ...data },
    });
  }
}

function splitEnv(entry: string): [string, string] {
  const eq = entry.indexOf("=");
  return eq < 0 ? [entry, ""] : [entry.slice(0, eq), entry.slice(eq + 1)];
}

function createFailure(errno: string): string {
  switch (errno) {
    case "ENOENT":
      return "nonexistent directory";
    case "EISDIR":
      return "Is a directory";
    case "EACCES":
    case "EPERM":
      return "Permission denied";
    case "EROFS":
      return "Read-only file system";
    case "ENOTDIR":
      return "Not a directory";
    default:
      return errno;
  }
}
