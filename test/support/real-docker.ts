/**
 * A private real dockerd (Debian's docker.io) for interop tests, through `src/real/`'s
 * startDockerdSet with a single host: its own socket, data root, exec root and pid file under a
 * temporary directory, no bridge and no iptables. When dockerd is missing, we are not root, or it
 * does not come up, `startRealDockerd` returns the reason instead, and the tests skip with it.
 */
import { join } from "node:path";
import { buildBusyboxImage } from "../../src/real/busybox-image.ts";
import type { DockerCli, DockerCliResult } from "../../src/real/docker-cli.ts";
import { startDockerdSet } from "../../src/real/dockerd-set.ts";
import { findCommand } from "../../src/real/find-command.ts";

export interface RealDockerd {
  /** `unix:///…/docker.sock`, for DOCKER_HOST. */
  readonly host: string;
  /** The daemon's own directory; tests may put build contexts here (removed on stop). */
  readonly dir: string;
  /** Runs the docker CLI against this daemon. Rejects on a non-zero exit. */
  readonly docker: DockerCli;
  stop(): Promise<void>;
}

export type CliResult = DockerCliResult;

/** The absolute path of an installed program, or undefined. */
export function which(command: string): string | undefined {
  return findCommand(command);
}

export async function startRealDockerd(
  options: { startTimeoutMs?: number } = {},
): Promise<RealDockerd | string> {
  const set = await startDockerdSet({
    hosts: ["docker"],
    ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
  });
  if (set.unavailable !== undefined) return set.unavailable;
  const { host, dir, docker } = set.hosts.docker;
  return { host, dir, docker, stop: () => set.stop() };
}

/** Builds `busybox:latest` on a real daemon the way drydock's offline base image is made. */
export async function buildRealBusybox(
  dockerd: RealDockerd,
  tag = "busybox:latest",
): Promise<void> {
  const busybox = which("busybox");
  if (busybox === undefined) throw new Error("busybox-static is not installed");
  await buildBusyboxImage({
    docker: dockerd.docker,
    busybox,
    contextDir: join(dockerd.dir, "busybox-context"),
    tag,
  });
}
