import { DrydockError } from "../errors/drydock-error.ts";
import type { Container } from "./container.ts";
import { stopContainer } from "./container-kill.ts";
import { startContainer } from "./container-start.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logContainerEvent } from "./daemon-events.ts";

/**
 * `docker restart`: stops the container if it runs (without letting `--rm` remove it meanwhile),
 * starts it again, and logs `restart`. A stopped or created container is simply started.
 */
export async function restartContainer(
  ctx: DaemonContext,
  container: Container,
  timeoutSeconds?: number,
  name = container.shortName,
): Promise<void> {
  if (container.state.running) {
    const hostConfig = container.hostConfig as { AutoRemove?: boolean };
    const autoRemove = hostConfig.AutoRemove;
    hostConfig.AutoRemove = false;
    try {
      await stopContainer(ctx, container, timeoutSeconds);
    } finally {
      hostConfig.AutoRemove = autoRemove;
    }
  }
  // The start half takes runc as long as `docker start` does.
  if (ctx.costs.containerStartUs > 0) await ctx.scheduler.sleep(ctx.costs.containerStartUs);
  try {
    startContainer(ctx, container, { manual: true });
  } catch (error) {
    // dockerd's `ContainerRestart` wraps what failed (`fmt.Errorf`, so HTTP 500); recorded
    // with a link to a stopped container (test/fixtures/daemon/container-links.json).
    if (!(error instanceof DrydockError)) throw error;
    throw new DrydockError("Internal", `Cannot restart container ${name}: ${error.message}`, {
      data: error.data,
      cause: error,
    });
  }
  logContainerEvent(ctx, container, "restart");
}
