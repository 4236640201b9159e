import { utf8Bytes } from "../archive/byte-strings.ts";
import type { ExecCreateRequest, ExecInspect } from "../engine/api-types.ts";
import type { AttachSession, OutputFrame } from "../engine/engine.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { ContainerProcess } from "../runtime/container-runtime.ts";
import { RuntimeStartError } from "../runtime/runtime-start-error.ts";
import { AsyncQueue } from "./async-queue.ts";
import type { Container } from "./container.ts";
import { linkedEnvironment } from "./container-links.ts";
import { networkViewOf } from "./container-network-view.ts";
import { ContainerNotFoundError } from "./container-not-found-error.ts";
import { statusText } from "./container-state.ts";
import { ContainerStateError } from "./container-state-error.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { daemonEnvironment, replaceOrAppendEnv } from "./daemon-environment.ts";
import { logContainerEvent } from "./daemon-events.ts";
import { randomId } from "./daemon-rngs.ts";
import type { ExecRecord } from "./exec-store.ts";

/** `docker exec` step 1 (`POST /containers/{id}/exec`): only into a running, unpaused container. */
export function createExec(
  ctx: DaemonContext,
  name: string,
  request: ExecCreateRequest,
): { Id: string } {
  const container = ctx.containers.get(name);
  checkActive(container, name);
  if (request.Cmd.length === 0)
    throw new DrydockError("InvalidArgument", "No exec command specified", { data: {} });
  // dockerd builds an exec's environment here, links included: a linked container that has
  // stopped fails the exec (500 `Cannot link to a non running container: …`).
  linkedEnvironment(ctx, container);
  const id = randomId(ctx.rngs.get("exec-ids"), (candidate) => ctx.execs.has(candidate));
  ctx.execs.add({
    id,
    containerId: container.id,
    cmd: [...request.Cmd],
    env: request.Env ?? null,
    user: request.User ?? "",
    workingDir: request.WorkingDir ?? "",
    tty: request.Tty ?? false,
    privileged: request.Privileged ?? false,
    attachStdin: request.AttachStdin ?? false,
    attachStdout: request.AttachStdout ?? false,
    attachStderr: request.AttachStderr ?? false,
    detachKeys: request.DetachKeys ?? "",
    running: false,
    exitCode: null,
    pid: 0,
    process: undefined,
  });
  container.execIds.push(id);
  logContainerEvent(ctx, container, `exec_create: ${commandText(request.Cmd)}`, { execID: id });
  return { Id: id };
}

/**
 * `docker exec` step 2: runs the command in the container and returns its stdio. When the
 * runtime cannot start the program, dockerd writes the error into the output stream (with
 * `\r\n`) and the exec's exit code is 126.
 */
export function startExec(
  ctx: DaemonContext,
  execId: string,
  options: { detach?: boolean } = {},
): AttachSession {
  const exec = ctx.execs.get(execId);
  const container = ctx.containers.find(exec.containerId);
  if (container === undefined) throw new ContainerNotFoundError({ name: execId });
  if (!container.state.running) {
    throw new DrydockError(
      "Internal",
      `Container ${container.id} is not running: ${statusText(container.state, ctx.clock.nowUs())}`,
      {
        data: { containerId: container.id },
      },
    );
  }
  checkActive(container, container.id);
  if (exec.exitCode !== null)
    throw new DrydockError("Conflict", `Error: Exec command ${exec.id} has already run`, {
      data: { execId },
    });
  if (exec.running)
    throw new DrydockError("Conflict", `Error: Exec command ${exec.id} is already running`, {
      data: { execId },
    });
  const queue = new AsyncQueue<OutputFrame>();
  if (options.detach === true) queue.end();
  // dockerd marks the exec running, answers (the hijack head goes out first) and only then asks
  // the runtime to start the process, which takes a while (`DaemonCosts.execStartUs`). Clients
  // rely on that order: docker-modem drops output that arrives with the upgrade head.
  exec.running = true;
  const stdin = new PendingStdin();
  const begin = (): void => stdin.deliverTo(launch(ctx, container, exec, queue));
  if (ctx.costs.execStartUs > 0) void ctx.scheduler.sleep(ctx.costs.execStartUs).then(begin);
  else begin();
  return {
    output: queue,
    writeStdin: (data) => {
      if (exec.attachStdin) stdin.write(data);
    },
    closeStdin: () => stdin.close(),
    close: () => queue.end(),
  };
}

/** Stdin bytes a client may send while its exec is starting, at most this many. */
const PENDING_STDIN_BYTES_MAX = 16 * 1024 * 1024;

/**
 * An exec's stdin before and after its process exists: what the client sends while the runtime
 * starts the process is kept (up to `PENDING_STDIN_BYTES_MAX`, as a pipe's buffer would hold
 * it) and handed over at the start, with the end of input if it came.
 */
class PendingStdin {
  #process: ContainerProcess | undefined;
  #started = false;
  #chunks: Uint8Array[] = [];
  #bytes = 0;
  #closed = false;

  write(data: Uint8Array): void {
    if (this.#started) {
      this.#process?.writeStdin(data);
      return;
    }
    if (this.#closed || this.#bytes + data.length > PENDING_STDIN_BYTES_MAX) return;
    this.#chunks.push(data.slice());
    this.#bytes += data.length;
  }

  close(): void {
    if (this.#started) this.#process?.closeStdin();
    this.#closed = true;
  }

  deliverTo(process: ContainerProcess | undefined): void {
    this.#started = true;
    this.#process = process;
    for (const chunk of this.#chunks.splice(0)) process?.writeStdin(chunk);
    this.#bytes = 0;
    if (this.#closed) process?.closeStdin();
  }
}

function launch(
  ctx: DaemonContext,
  container: Container,
  exec: ExecRecord,
  queue: AsyncQueue<OutputFrame>,
): ContainerProcess | undefined {
  const emit = (stream: "stdout" | "stderr", data: Uint8Array): void => {
    const wanted = exec.tty || stream === "stdout" ? exec.attachStdout : exec.attachStderr;
    if (wanted)
      queue.push({
        stream: exec.tty ? "stdout" : stream,
        data: data.slice(),
        tUs: ctx.clock.nowUs(),
      });
  };
  if (!container.state.running || !ctx.containers.has(container.id)) {
    // The container stopped while the exec was starting: runc has nothing to join.
    exec.running = false;
    exec.exitCode = 126;
    emit(
      "stdout",
      utf8Bytes("OCI runtime exec failed: cannot exec in a stopped state: unknown\r\n"),
    );
    queue.end();
    return undefined;
  }
  let process: ContainerProcess;
  try {
    process = ctx.runtime.start({
      containerId: container.id,
      rootfs: container.view ?? container.rootfs,
      argv: exec.cmd,
      env: replaceOrAppendEnv(
        daemonEnvironment(container.config, exec.tty, execLinkEnv(ctx, container)),
        exec.env ?? [],
      ),
      cwd: exec.workingDir || container.config.workingDir || "/",
      user: exec.user || container.config.user,
      hostname: container.config.hostname,
      tty: exec.tty,
      openStdin: exec.attachStdin,
      isInit: false,
      network: networkViewOf(container),
      onOutput: emit,
    });
  } catch (error) {
    if (!(error instanceof RuntimeStartError)) throw error;
    exec.running = false;
    exec.exitCode = error.exitCode;
    emit("stdout", utf8Bytes(`${error.message}\r\n`));
    queue.end();
    return undefined;
  }
  exec.running = true;
  exec.pid = process.hostPid;
  exec.process = process;
  logContainerEvent(ctx, container, `exec_start: ${commandText(exec.cmd)}`, { execID: exec.id });
  void process.exited.then((exit) => {
    exec.running = false;
    exec.exitCode = exit.exitCode;
    exec.process = undefined;
    // dockerd forgets a finished exec in the container (inspect's ExecIDs) but keeps it in the
    // daemon, where `exec inspect` still finds it.
    const index = container.execIds.indexOf(exec.id);
    if (index >= 0) container.execIds.splice(index, 1);
    queue.end();
    if (ctx.containers.has(container.id))
      logContainerEvent(ctx, container, "exec_die", {
        execID: exec.id,
        exitCode: String(exit.exitCode),
      });
  });
  return process;
}

/** `GET /exec/{id}/json`. */
export function inspectExec(ctx: DaemonContext, execId: string): ExecInspect {
  const exec = ctx.execs.get(execId);
  return {
    ID: exec.id,
    Running: exec.running,
    ExitCode: exec.exitCode,
    ProcessConfig: {
      tty: exec.tty,
      entrypoint: exec.cmd[0] ?? "",
      arguments: exec.cmd.slice(1),
      privileged: exec.privileged,
      ...(exec.user === "" ? {} : { user: exec.user }),
    },
    OpenStdin: exec.attachStdin,
    OpenStderr: exec.attachStderr,
    OpenStdout: exec.attachStdout,
    CanRemove: false,
    ContainerID: exec.containerId,
    DetachKeys: exec.detachKeys,
    Pid: exec.pid,
  };
}

/**
 * How dockerd writes an exec's command in its events: the entrypoint, a space, the arguments
 * joined by spaces (`exec_create: true ` keeps the space when there are no arguments).
 */
function commandText(cmd: readonly string[]): string {
  return `${cmd[0] ?? ""} ${cmd.slice(1).join(" ")}`;
}

function checkActive(container: Container, name: string): void {
  if (!container.state.running) throw ContainerStateError.notRunning(container.id);
  if (container.state.paused) throw ContainerStateError.execPaused(name, container.id);
  if (container.state.restarting) throw ContainerStateError.restarting(container.id);
}

/** The link variables at exec start; a link broken since `exec create` only loses its variables. */
function execLinkEnv(ctx: DaemonContext, container: Container): string[] {
  try {
    return linkedEnvironment(ctx, container);
  } catch (error) {
    if (error instanceof DrydockError) return [];
    throw error;
  }
}
