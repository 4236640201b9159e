/**
 * One private dockerd: its own socket, data root, exec root and pid file under `dir`, no bridge
 * and no iptables rules, so it shares nothing with other daemons on the machine. With `hosts` it
 * also gets its own `/etc/hosts` (see {@link hostsFileText}).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assert } from "../errors/assert.ts";
import { type DockerCli, dockerCli } from "./docker-cli.ts";
import { findCommand } from "./find-command.ts";
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
  /** The current dockerd's pid (it changes on `restart`). */
  readonly pid: number;
  /** Runs the docker CLI against this daemon. */
  readonly docker: DockerCli;
  /** The `DOCKER_CONFIG` of `docker` (logins, contexts). */
  readonly configDir: string;
  /** The daemon's pid and, once known, that of the containerd it started. */
  pids(): number[];
  /** Stops the daemon, waits `downMs`, and starts it again on the same directories. */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops the daemon (and the containerd it started); does not remove `dir`. */
  stop(): Promise<void>;
}

/** Options of {@link startDockerdProcess}. */
export interface DockerdProcessOptions {
  readonly name: string;
  readonly dir: string;
  /** Paths of the dockerd and docker programs. */
  readonly dockerd: string;
  readonly cli: string;
  readonly startTimeoutMs: number;
  /**
   * Name → IPv4 entries of a private `/etc/hosts` seen by this dockerd only (it then runs in its
   * own mount namespace, so its overlay mounts are invisible outside it).
   */
  readonly hosts?: Readonly<Record<string, string>>;
  /** `--registry-mirror` URLs (`http://…`): where pulls of Docker Hub images go first. */
  readonly registryMirrors?: readonly string[];
  /** `--insecure-registry` entries: registries reached over plain HTTP. */
  readonly insecureRegistries?: readonly string[];
}

const HOST_NAME = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAX_HOST_ENTRIES = 256;

/** Where the daemon keeps each part of its state. */
function layout(dir: string) {
  return {
    socket: join(dir, "docker.sock"),
    dataRoot: join(dir, "root"),
    execRoot: join(dir, "exec"),
    pidFile: join(dir, "docker.pid"),
    configDir: join(dir, "cli-config"),
    hostsFile: join(dir, "hosts"),
    // dockerd starts its own containerd and records its pid here.
    containerdPidFile: join(dir, "exec", "containerd", "containerd.pid"),
  };
}

/** The private hosts file: the usual localhost lines, then `entries` sorted by name. */
export function hostsFileText(entries: Readonly<Record<string, string>>): string {
  const names = Object.keys(entries).sort();
  assert(names.length <= MAX_HOST_ENTRIES, `at most ${MAX_HOST_ENTRIES} hosts entries`);
  const lines = ["127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback"];
  for (const name of names) {
    const ip = entries[name] ?? "";
    assert(HOST_NAME.test(name) && name !== "localhost", `bad hosts entry name: ${name}`);
    const parts = IPV4.exec(ip);
    assert(parts?.slice(1).every((part) => Number(part) <= 255) === true, `bad IPv4: ${ip}`);
    lines.push(`${ip}\t${name}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The program and arguments that start dockerd, or why they cannot be made. */
function commandLine(
  options: DockerdProcessOptions,
  paths: ReturnType<typeof layout>,
): { program: string; args: string[] } | string {
  const dockerdArgs = [
    ...["-H", `unix://${paths.socket}`, "--data-root", paths.dataRoot],
    ...["--exec-root", paths.execRoot, "--pidfile", paths.pidFile],
    ...["--bridge=none", "--iptables=false", "--ip6tables=false"],
    ...(options.registryMirrors ?? []).flatMap((url) => ["--registry-mirror", url]),
    ...(options.insecureRegistries ?? []).flatMap((name) => ["--insecure-registry", name]),
  ];
  if (options.hosts === undefined) return { program: options.dockerd, args: dockerdArgs };
  writeFileSync(paths.hostsFile, hostsFileText(options.hosts));
  const unshare = findCommand("unshare");
  const mount = findCommand("mount");
  const sh = findCommand("sh");
  if (unshare === undefined || mount === undefined || sh === undefined)
    return "a private /etc/hosts needs unshare, mount and sh (apt-get install util-linux)";
  // unshare and sh both exec, so the child's pid is dockerd's own.
  const script = '"$0" --bind "$1" /etc/hosts && shift && exec "$@"';
  const wrapped = [sh, "-c", script, mount, paths.hostsFile, options.dockerd];
  return {
    program: unshare,
    args: ["--mount", "--propagation", "private", "--", ...wrapped, ...dockerdArgs],
  };
}

/** Starts dockerd in `dir` and waits until it answers, or returns why it did not. */
export async function startDockerdProcess(
  options: DockerdProcessOptions,
): Promise<DockerdProcess | string> {
  const paths = layout(options.dir);
  mkdirSync(paths.configDir, { recursive: true });
  const command = commandLine(options, paths);
  if (typeof command === "string") return command;
  const host = `unix://${paths.socket}`;
  const docker = dockerCli({ cli: options.cli, host, configDir: paths.configDir });
  let current: { child: ChildProcess; log: () => string } | undefined;
  const stop = async () => {
    if (current !== undefined) await stopDockerd(current.child, paths.containerdPidFile);
  };
  /** Spawns dockerd; undefined once it answers, else why not (after stopping it). */
  const launch = async (): Promise<string | undefined> => {
    current = spawnLogged(command.program, command.args);
    if (await answers(current.child, docker, options.startTimeoutMs)) return undefined;
    await stop();
    const tail = current.log().split("\n").slice(-3).join(" ").trim();
    return `dockerd "${options.name}" did not start within ${options.startTimeoutMs} ms: ${tail}`;
  };
  const failed = await launch();
  if (failed !== undefined) return failed;
  const pidNow = () => current?.child.pid ?? 0;
  return {
    name: options.name,
    host,
    socket: paths.socket,
    dir: options.dir,
    get pid() {
      return pidNow();
    },
    docker,
    configDir: paths.configDir,
    pids: () => [pidNow(), ...optional(readPid(paths.containerdPidFile))],
    restart: async (restartOptions = {}) => {
      await stop();
      await sleep(restartOptions.downMs ?? 0);
      const again = await launch();
      if (again !== undefined) throw new Error(again);
    },
    stop,
  };
}

function spawnLogged(
  program: string,
  args: readonly string[],
): { child: ChildProcess; log: () => string } {
  const child = spawn(program, [...args], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  return { child, log: () => log };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
      await sleep(200);
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
