import type { VirtualFs } from "../fs/virtual-fs.ts";
import type { NetworkView } from "./net/network-view.ts";

/** Which of a process's output streams a write went to. */
export type OutputStream = "stdout" | "stderr";

/**
 * Everything needed to start one process in a container: the container's init process
 * (`docker start`, a builder `RUN` step) or a process exec'd into a running one (`docker exec`).
 * The daemon has already combined ENTRYPOINT and CMD and wrapped shell forms, so `argv` is final.
 */
export interface ProcessSpec {
  /** The container: processes with the same id share one PID namespace. */
  readonly containerId: string;
  /** The container's root as the process sees it: overlay plus mounts (see `MountedFs`). */
  readonly rootfs: VirtualFs;
  /** Final argv, e.g. `["/bin/sh", "-c", "echo hi"]`. */
  readonly argv: readonly string[];
  /** `K=V` strings, in the order Docker passes them. */
  readonly env: readonly string[];
  /** Absolute working directory. */
  readonly cwd: string;
  /** As in `USER`/`--user`: "", "name", "uid", "uid:gid", "name:group". */
  readonly user: string;
  readonly hostname: string;
  readonly tty: boolean;
  /** `-i`: stdin stays open until `closeStdin`; otherwise the process reads EOF at once. */
  readonly openStdin: boolean;
  /** PID 1 of the container (true) or a process exec'd into it (false). */
  readonly isInit: boolean;
  /** The container's network namespace as the daemon models it; only `lo` when absent. */
  readonly network?: NetworkView;
  /** Called at the simulated instant of each write. */
  readonly onOutput: (stream: OutputStream, bytes: Uint8Array) => void;
}

/** How a process ended: its exit code, and the signal that killed it if one did. */
export interface ExitStatus {
  /** 0–255; 128 + n when signal n killed the process (137 for SIGKILL). */
  readonly exitCode: number;
  /** The signal's short name (`KILL`), when a signal ended the process. */
  readonly signal?: string;
}

/** A running process, as the daemon holds it. */
export interface ContainerProcess {
  /** PID inside the container's namespace (1 for the init process). */
  readonly pid: number;
  /** PID as the host sees it (`docker inspect` `.State.Pid`, `docker top`). */
  readonly hostPid: number;
  /** Settles once the process has ended and all of its output was delivered. */
  readonly exited: Promise<ExitStatus>;
  /**
   * Sends a signal (`"TERM"`, `"SIGKILL"`, `9`). The container's PID 1 ignores every signal it
   * has no handler for, except KILL, as Linux does for a namespace's init.
   */
  kill(signal: string | number): void;
  writeStdin(bytes: Uint8Array): void;
  closeStdin(): void;
  /** Freezes the process in simulated time (the cgroup freezer of `docker pause`). */
  pause(): void;
  resume(): void;
}

/** One row of `docker top`: what `ps -ef` on the host shows for a container's process. */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly hostPid: number;
  readonly hostPpid: number;
  readonly uid: number;
  readonly gid: number;
  readonly argv: readonly string[];
  readonly startedUs: number;
  readonly paused: boolean;
}

/**
 * The seam between the daemon (and the builder's `RUN`) and whatever runs processes: the
 * simulated runtime on just-bash here, an OCI runtime (runc through dockerd or containerd)
 * later. It knows nothing of images, volumes or networks: the daemon hands it a ready root
 * filesystem.
 *
 * Lifecycle: `start` either throws a `RuntimeStartError` (nothing started, Docker's message)
 * or returns a running process; the container lives as long as its init process, and when that
 * ends every process exec'd into the container is killed, as the kernel does when a PID
 * namespace's init exits.
 */
export interface ContainerRuntime {
  start(spec: ProcessSpec): ContainerProcess;
  /** The container's live processes, init first, by PID. */
  processes(containerId: string): ProcessInfo[];
  /** `docker pause` / `docker unpause`: every process of the container. */
  pause(containerId: string): void;
  resume(containerId: string): void;
}
