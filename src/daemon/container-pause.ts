import type { Container } from "./container.ts";
import { updateHealthMonitor } from "./container-health.ts";
import { ContainerStateError } from "./container-state-error.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logContainerEvent } from "./daemon-events.ts";

/** `docker pause`: freezes the processes (cgroup freezer). */
export function pauseContainer(ctx: DaemonContext, container: Container): void {
  const state = container.state;
  if (!state.running) throw ContainerStateError.notRunning(container.id);
  if (state.paused) throw ContainerStateError.alreadyPaused(container.id);
  if (state.restarting) throw ContainerStateError.restarting(container.id);
  ctx.runtime.pause(container.id);
  state.paused = true;
  updateHealthMonitor(ctx, container);
  logContainerEvent(ctx, container, "pause");
}

/** `docker unpause`; dockerd answers 500, not 409, when the container is not paused. */
export function unpauseContainer(ctx: DaemonContext, container: Container): void {
  const state = container.state;
  if (!state.paused) throw ContainerStateError.notPaused(container.id);
  ctx.runtime.resume(container.id);
  state.paused = false;
  updateHealthMonitor(ctx, container);
  logContainerEvent(ctx, container, "unpause");
}
