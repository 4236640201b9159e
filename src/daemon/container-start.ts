import { DrydockError } from "../errors/drydock-error.ts";
import type { ContainerProcess } from "../runtime/container-runtime.ts";
import { RuntimeStartError } from "../runtime/runtime-start-error.ts";
import type { Container } from "./container.ts";
import { autoRemove, handleContainerExit } from "./container-exit.ts";
import { initHealthMonitor } from "./container-health.ts";
import { checkLinkedNetworks, linkedEnvironment } from "./container-links.ts";
import { connectEndpoints, disconnectEndpoints, resolveNetworks } from "./container-network.ts";
import { startNetworkView } from "./container-network-view.ts";
import { ExternalConnectivityError } from "./container-ports.ts";
import { ContainerStateError } from "./container-state-error.ts";
import { containerView } from "./container-view.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { daemonEnvironment } from "./daemon-environment.ts";
import { logContainerEvent } from "./daemon-events.ts";

/**
 * `docker start` (and the restart policy's automatic starts): joins the networks, creates
 * missing mount points and the working directory in the writable layer (as dockerd and runc
 * do), starts the init process and marks the container running. Starting a running container
 * does nothing (dockerd answers 304); a paused one is refused. When the runtime cannot start
 * the program, the container keeps its state but records the exit code (127/126) and the error,
 * and the call fails with the runtime's (dockerd's) message; an `--rm` container is removed. `manual` is false for automatic
 * restarts, which keep the restart count and the back-off.
 */
export function startContainer(
  ctx: DaemonContext,
  container: Container,
  options: { manual: boolean },
): void {
  const state = container.state;
  if (state.paused) throw ContainerStateError.startPaused(container.id);
  if (state.running && (options.manual || !state.restarting)) return;
  if (state.removalInProgress || state.dead) throw ContainerStateError.startRemoved(container.id);
  if (options.manual) {
    container.restartCount = 0;
    container.restartBackoffUs = 0;
    container.hasBeenManuallyStopped = false;
  }
  container.exitOnNext = false;
  const networks = resolveNetworks(ctx, container);
  prepareMountPoints(ctx, container);
  let linkEnv: string[];
  let joined = false;
  try {
    checkLinkedNetworks(ctx, container);
    connectEndpoints(ctx, container, networks);
    joined = true;
    linkEnv = linkedEnvironment(ctx, container);
  } catch (error) {
    // An address that cannot be had (`--ip` taken or outside the subnet), a port that cannot
    // be published, or a link to a container that is not running: dockerd leaves the container
    // created with exit code 128 and the message as its error. A port fails once the sandbox
    // exists, a link once the endpoints joined, and then dockerd's clean-up logs a `network
    // disconnect` (recorded in test/fixtures/daemon/port-publishing.json, container-links.json).
    disconnectEndpoints(ctx, container, {
      quiet: !(error instanceof ExternalConnectivityError) && !joined,
    });
    if (error instanceof DrydockError) {
      state.exitCode = 128;
      state.error = error.message;
      autoRemove(ctx, container);
    }
    throw error;
  }
  const view = containerView(ctx, container);
  let process: ContainerProcess;
  try {
    process = ctx.runtime.start({
      containerId: container.id,
      rootfs: view,
      argv: [container.path, ...container.args],
      env: daemonEnvironment(container.config, container.config.tty, linkEnv),
      cwd: container.config.workingDir === "" ? "/" : container.config.workingDir,
      user: container.config.user,
      hostname: container.config.hostname,
      tty: container.config.tty,
      openStdin: container.config.openStdin,
      isInit: true,
      network: startNetworkView(ctx, container),
      onOutput: (stream, data) => {
        if (container.process === process) container.stdio.output(stream, data);
      },
    });
  } catch (error) {
    disconnectEndpoints(ctx, container, { quiet: true });
    if (!(error instanceof RuntimeStartError)) throw error;
    state.exitCode = error.exitCode;
    state.error = error.message;
    if (state.restarting) stopRestarting(ctx, container);
    // dockerd removes an `--rm` container whose start failed (start.go's deferred cleanup).
    autoRemove(ctx, container);
    throw new DrydockError(error.code, error.message, {
      data: { containerId: container.id },
      cause: error,
    });
  }
  markRunning(ctx, container, process, view);
}

function prepareMountPoints(ctx: DaemonContext, container: Container): void {
  const nowUs = ctx.clock.nowUs();
  const paths = [
    ...container.mounts.map((mount) => mount.destination),
    container.config.workingDir,
  ].filter((path) => path !== "");
  for (const path of paths) {
    if (!container.rootfs.exists(path)) container.rootfs.mkdirp(path, { nowUs });
  }
}

function markRunning(
  ctx: DaemonContext,
  container: Container,
  process: ContainerProcess,
  view: Container["view"],
): void {
  Object.assign(container.state, {
    running: true,
    paused: false,
    restarting: false,
    oomKilled: false,
    pid: process.hostPid,
    exitCode: 0,
    error: "",
    startedAtUs: ctx.clock.nowUs(),
  });
  container.hasBeenStartedBefore = true;
  container.process = process;
  container.view = view;
  container.stdio.connect(process);
  for (const mount of container.mounts) {
    if (mount.type !== "volume") continue;
    ctx.events.log({
      type: "volume",
      action: "mount",
      actorId: mount.name!,
      attributes: {
        container: container.id,
        destination: mount.destination,
        driver: "local",
        propagation: mount.propagation,
        "read/write": String(mount.rw),
      },
    });
  }
  logContainerEvent(ctx, container, "start");
  initHealthMonitor(ctx, container);
  ctx.tracer.emit({
    kind: "runtime.container.start",
    step: 9,
    data: { id: container.id, pid: process.hostPid },
  });
  void process.exited.then((exit) => handleContainerExit(ctx, container, process, exit));
}

/** A pending automatic restart that cannot happen: the container is simply stopped. */
export function stopRestarting(ctx: DaemonContext, container: Container): void {
  if (container.restartTimer !== undefined) ctx.scheduler.cancel(container.restartTimer);
  container.restartTimer = undefined;
  container.state.running = false;
  container.state.restarting = false;
  container.notifyExit();
}
