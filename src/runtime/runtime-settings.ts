import type { SecureFetch } from "just-bash";
import type { Scheduler } from "../clock/event-loop.ts";
import type { Tracer } from "../trace/tracer.ts";
import type { SimProgram } from "./process-host.ts";

/** What every process of a `SimRuntime` shares. */
export interface RuntimeSettings {
  readonly scheduler: Scheduler;
  readonly tracer: Tracer;
  /** `uname -r`. */
  readonly kernelRelease: string;
  /** `nproc`. */
  readonly cpuCount: number;
  /** When the simulated host booted (`/proc/uptime`). */
  readonly bootUs: number;
  /** Simulated CPU time one shell loop iteration costs. */
  readonly cpuUsPerLoopIteration: number;
  /** A loop running more iterations than this ends with just-bash's limit error (exit 126). */
  readonly loopIterationsMax: number;
  readonly programs: ReadonlyMap<string, SimProgram>;
  /** The simulated network for `curl` and friends; without it they are not registered. */
  readonly fetch?: SecureFetch;
  /** A fresh host PID. */
  allocateHostPid(): number;
}
