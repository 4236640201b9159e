/**
 * One private dockerd: its own socket, data root, exec root and pid file under `dir`, no bridge
 * and no iptables rules, so it shares nothing with other daemons on the machine.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type DockerCli, dockerCli } from "./docker-cli.ts";
import { hasExited, processExists, stopChild } from "./stop-child.ts";

/** A running private dockerd. */
export interface DockerdProcess {
  readonly name: string;
  /** `unix:///…/docker.sock`, for DOCKER_HOST. */
  readonly host: string;
  /** The socket's path. */
  readonly socket: string;
  /** Holds everything of this daemon (data root, exec root, pid file, CLI config). */
  readonly dir: string;
  readonly pid: number;
  /** Runs the docker CLI against this daemon. */
  readonly docker: DockerCli;
  /** The daemon's pid and, once known, that of the containerd it started. */
  pids(): number[];
  /** Stops the daemon (and the containerd it started); does not remove `dir`. */
  stop(): Promise<void>;
}

/** Where the daemon keeps each part of its state. */
function layout(dir: string) {
  return {
    socket: join(dir, "docker.sock"),
    dataRoot: join(dir, "root"),
    execRoot: join(dir, "exec"),
    pidFile: join(dir, "docker.pid"),
    configDir: join(dir, "cli-config"),
    // dockerd starts its own containerd and records its pid here.
    containerdPidFile: join(dir, "exec", "containerd", "containerd.pid"),
  };
}

/** Starts dockerd in `dir` and waits until it answers, or returns why it did not. */
export async function startDockerdProcess(options: {
  name: string;
  dir: string;
  dockerd: string;
  cli: string;
  startTimeoutMs: number;
}): Promise<DockerdProcess | string> {
  const paths = layout(options.dir);
  mkdirSync(paths.configDir, { recursive: true });
  const host = `unix://${paths.socket}`;
  const child = spawn(
    options.dockerd,
    [
      ...["-H", host, "--data-root", paths.dataRoot, "--exec-root", paths.execRoot],
      ...["--pidfile", paths.pidFile, "--bridge=none", "--iptables=false", "--ip6tables=false"],
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const docker = dockerCli({ cli: options.cli, host, configDir: paths.configDir });
  const stop = () => stopDockerd(child, paths.containerdPidFile);
  if (await answers(child, docker, options.startTimeoutMs)) {
    const pid = child.pid;
    if (pid !== undefined) {
      const pids = () => [pid, ...optional(readPid(paths.containerdPidFile))];
      return {
        name: options.name,
        host,
        socket: paths.socket,
        dir: options.dir,
        pid,
        docker,
        pids,
        stop,
      };
    }
  }
  await stop();
  const tail = log.split("\n").slice(-3).join(" ").trim();
  return `dockerd "${options.name}" did not start within ${options.startTimeoutMs} ms: ${tail}`;
}

async function answers(
  child: ChildProcess,
  docker: DockerCli,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !hasExited(child)) {
    try {
      await docker(["version", "--format", "{{.Server.Version}}"], { timeoutMs: 5_000 });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return false;
}

async function stopDockerd(child: ChildProcess, containerdPidFile: string): Promise<void> {
  const containerd = readPid(containerdPidFile);
  await stopChild(child, 15_000);
  // After a SIGKILL dockerd could not stop its containerd; end it here.
  if (containerd !== undefined && processExists(containerd)) {
    try {
      process.kill(containerd, "SIGKILL");
    } catch {
      // Gone meanwhile.
    }
  }
}

function optional(pid: number | undefined): number[] {
  return pid === undefined ? [] : [pid];
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
