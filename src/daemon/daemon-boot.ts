import { isDrydockError } from "../errors/drydock-error.ts";
import type { Container } from "./container.ts";
import { startContainer } from "./container-start.ts";
import type { DaemonContext } from "./daemon-context.ts";

/**
 * What dockerd does with containers when it starts: those whose restart policy says so
 * (`always`; `unless-stopped` unless stopped by hand; `on-failure` after a failure, within its
 * retry count) are started again. Returns the IDs started, oldest first.
 */
export function bootContainers(ctx: DaemonContext): string[] {
  const started: string[] = [];
  for (const container of [...ctx.containers.list()].reverse()) {
    if (container.state.running || !restartsAtBoot(container)) continue;
    try {
      startContainer(ctx, container, { manual: true });
      started.push(container.id);
    } catch (error) {
      if (!isDrydockError(error)) throw error;
    }
  }
  return started;
}

function restartsAtBoot(container: Container): boolean {
  const policy = container.hostConfig.RestartPolicy ?? { Name: "no", MaximumRetryCount: 0 };
  switch (policy.Name) {
    case "always":
      return true;
    case "unless-stopped":
      return !container.hasBeenManuallyStopped;
    case "on-failure":
      return (
        container.state.exitCode !== 0 &&
        (policy.MaximumRetryCount === 0 || container.restartCount < policy.MaximumRetryCount)
      );
    default:
      return false;
  }
}
