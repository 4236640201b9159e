import { DrydockError } from "../errors/drydock-error.ts";
import type { Container } from "./container.ts";
import { autoRemove } from "./container-exit.ts";
import { stopRestarting } from "./container-start.ts";
import { ContainerStateError } from "./container-state-error.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logContainerEvent } from "./daemon-events.ts";
import { settlesWithin } from "./race-timeout.ts";
import { isValidSignal, parseSignal, SIGKILL, SIGTERM, signalAsUint64 } from "./signals.ts";

/**
 * Sends a signal as dockerd's `killWithSignal` does. A signal that is the container's stop
 * signal (any signal when none is configured, and SIGKILL always) means the container must not
 * be restarted by its policy, and unpauses a paused container so the signal can act. A container
 * waiting to restart is simply stopped. Logs `kill` with the signal number.
 */
export function killWithSignal(ctx: DaemonContext, container: Container, signal: number): void {
  if (!container.state.running) throw ContainerStateError.notRunning(container.id);
  const configured = container.config.stopSignal;
  const stopSignal = configured === undefined ? undefined : parseSignal(configured);
  let unpause = false;
  if (stopSignal === undefined || signal === SIGKILL || signal === stopSignal) {
    container.exitOnNext = true;
    unpause = container.state.paused;
  }
  if (!ctx.shuttingDown) container.hasBeenManuallyStopped = true;
  if (container.state.restarting) {
    stopRestarting(ctx, container);
    autoRemove(ctx, container);
    return;
  }
  container.process?.kill(signal);
  if (unpause) {
    ctx.runtime.resume(container.id);
    container.state.paused = false;
    logContainerEvent(ctx, container, "unpause");
  }
  logContainerEvent(ctx, container, "kill", { signal: String(signal) });
}

/** `docker kill`: SIGKILL (the default) waits until the container has stopped. */
export async function killContainer(
  ctx: DaemonContext,
  container: Container,
  signal: number,
): Promise<void> {
  if (!isValidSignal(signal)) {
    throw new DrydockError(
      "Internal",
      `The linux daemon does not support signal ${signalAsUint64(signal)}`,
      {
        data: { signal },
      },
    );
  }
  if (signal !== SIGKILL) {
    killWithSignal(ctx, container, signal);
    return;
  }
  const stopped = container.wait("not-running");
  killWithSignal(ctx, container, SIGKILL);
  await stopped;
}

/**
 * `docker stop`: the stop signal (SIGTERM unless configured), then SIGKILL if the container is
 * still running after the timeout (`-t`, else the container's `StopTimeout`, else 10 s; negative
 * waits forever). Stopping a stopped container does nothing (dockerd answers 304).
 */
export async function stopContainer(
  ctx: DaemonContext,
  container: Container,
  timeoutSeconds?: number,
): Promise<void> {
  if (!container.state.running) return;
  const timeout = timeoutSeconds ?? container.config.stopTimeout ?? 10;
  const configured = container.config.stopSignal;
  const signal = configured === undefined ? SIGTERM : parseSignal(configured);
  const stopped = container.wait("not-running");
  killWithSignal(ctx, container, signal);
  const inTime =
    timeout < 0
      ? await stopped.then(() => true)
      : await settlesWithin(ctx.scheduler, stopped, timeout * 1_000_000);
  if (!inTime && container.state.running) await killContainer(ctx, container, SIGKILL);
  logContainerEvent(ctx, container, "stop");
}
