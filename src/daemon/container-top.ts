import type { TopResponse } from "../engine/api-types.ts";
import type { Container } from "./container.ts";
import { ContainerStateError } from "./container-state-error.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logContainerEvent } from "./daemon-events.ts";

const TITLES = ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"];

/**
 * `docker top`: `ps -ef` rows for the container's processes as the host sees them (host PIDs,
 * the containerd-shim as the init's parent), from the runtime's process table.
 */
export function containerTop(ctx: DaemonContext, container: Container): TopResponse {
  if (!container.state.running || container.state.restarting)
    throw ContainerStateError.notRunning(container.id);
  const rows = ctx.runtime.processes(container.id).map((process) => {
    const started = new Date(Math.floor(process.startedUs / 1000));
    return [
      process.uid === 0 ? "root" : String(process.uid),
      String(process.hostPid),
      String(process.hostPpid),
      "0",
      `${pad(started.getUTCHours())}:${pad(started.getUTCMinutes())}`,
      container.config.tty ? "pts/0" : "?",
      "00:00:00",
      process.argv.join(" "),
    ];
  });
  logContainerEvent(ctx, container, "top");
  return { Titles: TITLES, Processes: rows };
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
