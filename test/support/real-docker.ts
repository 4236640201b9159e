/**
 * Starts a private real dockerd (Debian's docker.io) for interop tests: its own socket, data root,
 * exec root and pid file under a temporary directory, no bridge and no iptables, so it touches
 * nothing else on the machine. When dockerd is missing, we are not root, or it does not come up,
 * `startRealDockerd` returns the reason instead, and the tests skip with that message.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface RealDockerd {
  /** `unix:///…/docker.sock`, for DOCKER_HOST. */
  readonly host: string;
  readonly dir: string;
  /** Runs the docker CLI against this daemon. Rejects on a non-zero exit. */
  docker(
    args: readonly string[],
    options?: { input?: Uint8Array | string; timeoutMs?: number },
  ): Promise<CliResult>;
  stop(): Promise<void>;
}

export interface CliResult {
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly exitCode: number;
}

export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const path = join(dir, command);
    if (dir !== "" && existsSync(path)) return path;
  }
  for (const dir of ["/usr/sbin", "/sbin", "/usr/bin"]) {
    if (existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

export async function startRealDockerd(
  options: { startTimeoutMs?: number } = {},
): Promise<RealDockerd | string> {
  const dockerd = which("dockerd");
  const cli = which("docker");
  if (dockerd === undefined) return "dockerd is not installed (apt-get install docker.io)";
  if (cli === undefined) return "the docker CLI is not installed";
  if (process.getuid?.() !== 0) return "dockerd needs root here";
  const dir = mkdtempSync(join(tmpdir(), "drydock-dockerd-"));
  const host = `unix://${dir}/docker.sock`;
  const child = spawn(
    dockerd,
    [
      "-H",
      host,
      "--data-root",
      join(dir, "root"),
      "--exec-root",
      join(dir, "exec"),
      "--pidfile",
      join(dir, "docker.pid"),
      "--bridge=none",
      "--iptables=false",
      "--ip6tables=false",
    ],
    { stdio: ["ignore", "ignore", "pipe"], detached: false },
  );
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const run = makeRunner(cli, host);
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      await run(["version", "--format", "{{.Server.Version}}"], { timeoutMs: 5_000 });
      return { host, dir, docker: run, stop: () => stopDockerd(child, dir) };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await stopDockerd(child, dir);
  return `dockerd did not start: ${log.split("\n").slice(-3).join(" ").trim()}`;
}

function makeRunner(cli: string, host: string): RealDockerd["docker"] {
  return async (args, options = {}) => {
    const child = execFileAsync(cli, [...args], {
      env: { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: "0", DOCKER_CLI_HINTS: "false" },
      encoding: "buffer",
      maxBuffer: 512 * 1024 * 1024,
      timeout: options.timeoutMs ?? 120_000,
    });
    if (options.input !== undefined) child.child.stdin?.end(options.input);
    const { stdout, stderr } = await child;
    return { stdout, stderr: stderr.toString(), exitCode: 0 };
  };
}

async function stopDockerd(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // A mount left behind by a killed daemon; the temporary directory is reclaimed on reboot.
  }
}

/** Builds `busybox:latest` on a real daemon the way drydock's offline base image is made. */
export async function buildRealBusybox(
  dockerd: RealDockerd,
  tag = "busybox:latest",
): Promise<void> {
  const busybox = which("busybox");
  if (busybox === undefined) throw new Error("busybox-static is not installed");
  const { mkdirSync, copyFileSync, writeFileSync } = await import("node:fs");
  const context = join(dockerd.dir, "busybox-context");
  mkdirSync(context, { recursive: true });
  copyFileSync(busybox, join(context, "busybox"));
  writeFileSync(
    join(context, "Dockerfile"),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["sh"]\n',
  );
  await dockerd.docker(["build", "-q", "-t", tag, context]);
}
