import type { ContainerProcess, ExitStatus } from "../runtime/container-runtime.ts";
import type { Container } from "./container.ts";
import { stopHealthchecks } from "./container-health.ts";
import { disconnectEndpoints } from "./container-network.ts";
import { removeContainer } from "./container-remove.ts";
import { startContainer, stopRestarting } from "./container-start.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logContainerEvent } from "./daemon-events.ts";
import { SIGKILL } from "./signals.ts";

const US_PER_SECOND = 1_000_000;
/** dockerd's restart manager: first delay 100 ms, doubled each time, at most a minute. */
const RESTART_DELAY_FIRST_US = 100_000;
const RESTART_DELAY_MAX_US = 60 * US_PER_SECOND;
/** A container that ran at least this long restarts with the first delay again. */
const RESTART_RESET_US = 10 * US_PER_SECOND;

/**
 * The container's main process ended (dockerd's `handleContainerExit`): the state records the
 * exit, the log is flushed, exec'd processes die, the endpoints are released, and the restart
 * policy decides between `restarting` (a start after the back-off) and `exited` (then `--rm`
 * removes the container). Events: `die`, `network disconnect`, `volume unmount`.
 */
export function handleContainerExit(
  ctx: DaemonContext,
  container: Container,
  process: ContainerProcess,
  exit: ExitStatus,
): void {
  if (container.process !== process) return;
  container.process = undefined;
  container.view = undefined;
  const nowUs = ctx.clock.nowUs();
  const state = container.state;
  container.stdio.disconnect();
  for (const exec of ctx.execs.ofContainer(container.id))
    if (exec.running) exec.process?.kill(SIGKILL);
  const ranUs = nowUs - (state.startedAtUs ?? nowUs);
  Object.assign(state, {
    pid: 0,
    paused: false,
    exitCode: exit.exitCode,
    oomKilled: false,
    finishedAtUs: nowUs,
  });
  const restart =
    !container.exitOnNext && !ctx.shuttingDown && shouldRestart(container, exit.exitCode);
  if (restart) {
    if (ranUs >= RESTART_RESET_US) container.restartBackoffUs = 0;
    container.restartBackoffUs =
      container.restartBackoffUs === 0
        ? RESTART_DELAY_FIRST_US
        : Math.min(container.restartBackoffUs * 2, RESTART_DELAY_MAX_US);
    container.restartCount++;
    state.restarting = true;
  } else {
    state.running = false;
    state.restarting = false;
  }
  // The monitor stops (status `unhealthy`); the next start begins a new one.
  stopHealthchecks(container);
  logContainerEvent(ctx, container, "die", { exitCode: String(exit.exitCode) });
  disconnectEndpoints(ctx, container);
  for (const mount of container.mounts) {
    if (mount.type !== "volume") continue;
    ctx.events.log({
      type: "volume",
      action: "unmount",
      actorId: mount.name!,
      attributes: { container: container.id, driver: "local" },
    });
  }
  ctx.tracer.emit({
    kind: "runtime.container.exit",
    step: 9,
    data: { id: container.id, exitCode: exit.exitCode, restart },
  });
  container.notifyExit();
  if (restart) scheduleRestart(ctx, container);
  else autoRemove(ctx, container);
}

/** dockerd's restart manager decision for policies `always`, `unless-stopped`, `on-failure[:N]`. */
function shouldRestart(container: Container, exitCode: number): boolean {
  const policy = container.hostConfig.RestartPolicy ?? { Name: "no", MaximumRetryCount: 0 };
  switch (policy.Name) {
    case "always":
      return true;
    case "unless-stopped":
      return !container.hasBeenManuallyStopped;
    case "on-failure":
      return (
        exitCode !== 0 &&
        (policy.MaximumRetryCount === 0 || container.restartCount < policy.MaximumRetryCount)
      );
    default:
      return false;
  }
}

function scheduleRestart(ctx: DaemonContext, container: Container): void {
  // After the back-off dockerd starts the container again, which takes as long as any start.
  container.restartTimer = ctx.scheduler.after(
    container.restartBackoffUs + ctx.costs.containerStartUs,
    "daemon.container.restart",
    () => {
      container.restartTimer = undefined;
      if (!ctx.containers.has(container.id) || !container.state.restarting) return;
      try {
        startContainer(ctx, container, { manual: false });
      } catch {
        stopRestarting(ctx, container);
        autoRemove(ctx, container);
      }
    },
  );
}

/** `--rm`: the container goes once it has stopped for good (volumes with it, as `rm -v`). */
export function autoRemove(ctx: DaemonContext, container: Container): void {
  if (container.hostConfig.AutoRemove !== true || container.state.removalInProgress) return;
  if (!ctx.containers.has(container.id)) return;
  void removeContainer(ctx, container, { force: true, volumes: true, name: container.id }).catch(
    () => undefined,
  );
}
