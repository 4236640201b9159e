import type { SecureFetch } from "just-bash";
import { DEFAULT_EPOCH_US } from "../clock/clock.ts";
import type { Scheduler } from "../clock/event-loop.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { isFsError } from "../errors/fs-error.ts";
import type { Rng } from "../random/rng.ts";
import { NULL_TRACER, type Tracer } from "../trace/tracer.ts";
import type {
  ContainerProcess,
  ContainerRuntime,
  ProcessInfo,
  ProcessSpec,
} from "./container-runtime.ts";
import { DeviceIo } from "./devices.ts";
import { ExecutableCache } from "./executable-cache.ts";
import { planLaunch } from "./launch-plan.ts";
import { PidNamespace } from "./pid-namespace.ts";
import type { SimProgram } from "./process-host.ts";
import type { RuntimeSettings } from "./runtime-settings.ts";
import { RuntimeStartError } from "./runtime-start-error.ts";
import { SimProcess } from "./sim-process.ts";
import { DEFAULT_PROGRAMS } from "./sim-programs.ts";
import { ociStartError } from "./start-failures.ts";
import { resolveUser } from "./user-spec.ts";
import { assertUserlandReady } from "./userland.ts";

/** The world-level inputs of a `SimRuntime`. */
export interface SimRuntimeOptions {
  readonly scheduler: Scheduler;
  /** The runtime's own fork of the world's Rng (host PIDs, `/dev/urandom`, `mktemp`). */
  readonly rng: Rng;
  readonly tracer?: Tracer;
  /** `uname -r` of the simulated host (default `6.1.0-drydock`). */
  readonly kernelRelease?: string;
  readonly cpuCount?: number;
  readonly bootUs?: number;
  /** Simulated CPU time per shell loop iteration (default 10 µs). */
  readonly cpuUsPerLoopIteration?: number;
  /** Iterations one shell loop may run (default 10 000 000). */
  readonly loopIterationsMax?: number;
  /** Programs that files marked `drydock-sim-program: <name>` run, besides `DEFAULT_PROGRAMS`. */
  readonly programs?: readonly SimProgram[];
  readonly fetch?: SecureFetch;
}

interface Container {
  readonly namespace: PidNamespace;
  readonly cache: ExecutableCache;
  readonly devices: DeviceIo;
  readonly rng: Rng;
  readonly shimHostPid: number;
  init: SimProcess | undefined;
}

/**
 * The simulated container runtime: processes on just-bash over the container's filesystem, in
 * simulated time. One PID namespace per container, created by its init process and torn down
 * with it. Call `prepareUserland()` once before starting processes.
 */
export class SimRuntime implements ContainerRuntime {
  readonly #settings: RuntimeSettings;
  readonly #rng: Rng;
  readonly #containers = new Map<string, Container>();
  #nextHostPid: number;

  constructor(options: SimRuntimeOptions) {
    this.#rng = options.rng;
    const hostPids = options.rng.fork("host-pids");
    this.#nextHostPid = 1000 + hostPids.below(20_000);
    this.#settings = {
      scheduler: options.scheduler,
      tracer: options.tracer ?? NULL_TRACER,
      kernelRelease: options.kernelRelease ?? "6.1.0-drydock",
      cpuCount: options.cpuCount ?? 2,
      bootUs: options.bootUs ?? DEFAULT_EPOCH_US,
      cpuUsPerLoopIteration: options.cpuUsPerLoopIteration ?? 10,
      loopIterationsMax: options.loopIterationsMax ?? 10_000_000,
      programs: new Map(
        [...DEFAULT_PROGRAMS, ...(options.programs ?? [])].map((program) => [
          program.name,
          program,
        ]),
      ),
      fetch: options.fetch,
      allocateHostPid: () => this.#nextHostPid++,
    };
  }

  start(spec: ProcessSpec): ContainerProcess {
    assertUserlandReady();
    const phase = spec.isInit ? "create" : "exec";
    try {
      const container = this.#container(spec);
      const identity = resolveUser(spec.rootfs, spec.user, phase);
      checkCwd(spec, phase);
      const path = spec.env.find((entry) => entry.startsWith("PATH="))?.slice(5);
      const plan = planLaunch({ fs: spec.rootfs, argv: spec.argv, cwd: spec.cwd, path, phase });
      const pid = container.namespace.allocatePid();
      const process = new SimProcess({
        spec,
        plan,
        identity,
        pid,
        hostPid: this.#settings.allocateHostPid(),
        hostPpid: container.shimHostPid,
        namespace: container.namespace,
        cache: container.cache,
        devices: container.devices,
        rng: container.rng.fork(`pid/${pid}`),
        settings: this.#settings,
      });
      if (spec.isInit) {
        container.init = process;
        void process.exited.then(() => {
          if (this.#containers.get(spec.containerId)?.init === process)
            this.#containers.delete(spec.containerId);
        });
      }
      return process;
    } catch (error) {
      if (error instanceof RuntimeStartError) {
        this.#settings.tracer.emit({
          kind: "runtime.process.start.failed",
          component: "runtime",
          data: { container: spec.containerId, message: error.message, exitCode: error.exitCode },
        });
      }
      throw error;
    }
  }

  processes(containerId: string): ProcessInfo[] {
    const container = this.#containers.get(containerId);
    return container === undefined
      ? []
      : container.namespace.members().map((member) => member.processInfo());
  }

  pause(containerId: string): void {
    for (const member of this.#containers.get(containerId)?.namespace.members() ?? []) {
      if (member instanceof SimProcess) member.pause();
    }
  }

  resume(containerId: string): void {
    for (const member of this.#containers.get(containerId)?.namespace.members() ?? []) {
      if (member instanceof SimProcess) member.resume();
    }
  }

  #container(spec: ProcessSpec): Container {
    const existing = this.#containers.get(spec.containerId);
    if (!spec.isInit) {
      if (existing?.init === undefined) {
        throw new DrydockError(
          "FailedPrecondition",
          `Container ${spec.containerId} is not running`,
          {
            data: { container: spec.containerId },
          },
        );
      }
      return existing;
    }
    if (existing?.init !== undefined) {
      throw new DrydockError("Conflict", `container ${spec.containerId} is already running`, {
        data: { container: spec.containerId },
      });
    }
    const rng = this.#rng.fork(`container/${spec.containerId}`);
    const container: Container = {
      namespace: new PidNamespace({ containerId: spec.containerId }),
      cache: new ExecutableCache(),
      devices: new DeviceIo({ rng: rng.fork("dev") }),
      rng,
      shimHostPid: this.#settings.allocateHostPid(),
      init: undefined,
    };
    this.#containers.set(spec.containerId, container);
    return container;
  }
}

/** runc's chdir into the working directory, with its messages. */
function checkCwd(spec: ProcessSpec, phase: "create" | "exec"): void {
  if (!spec.cwd.startsWith("/")) throw ociStartError({ kind: "relative-cwd" }, phase);
  try {
    if (spec.rootfs.stat(spec.cwd).type !== "directory")
      throw ociStartError({ kind: "chdir", cwd: spec.cwd, errno: "ENOTDIR" }, phase);
  } catch (error) {
    if (isFsError(error))
      throw ociStartError({ kind: "chdir", cwd: spec.cwd, errno: error.errno }, phase);
    throw error;
  }
}
