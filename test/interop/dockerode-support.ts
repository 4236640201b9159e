/**
 * Runs `drydock daemon --memory --unpaced` as its own process on a unix socket in a temporary
 * directory, and types the part of dockerode's API the interop tests use (dockerode ships no
 * types, and `@types/dockerode` pulls a second `@types/node`).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import type { Duplex, Readable } from "node:stream";

const MAIN = new URL("../../src/cli/main.ts", import.meta.url).pathname;

/** A daemon process under test. */
export interface TestDaemon {
  readonly socket: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  log(): string;
  stop(): Promise<void>;
}

/** Starts the daemon and resolves once it listens. */
export async function startDrydockDaemon(dir: string): Promise<TestDaemon> {
  const socket = join(dir, "drydock.sock");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", MAIN, "daemon", "-H", `unix://${socket}`, "--memory", "--unpaced"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("API listen on")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`drydock daemon exited (${code}): ${log}`)));
  });
  return {
    socket,
    child,
    log: () => log,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The dockerode calls the tests make. */
export interface Dockerode {
  readonly modem: {
    demuxStream(
      stream: Readable,
      stdout: NodeJS.WritableStream,
      stderr: NodeJS.WritableStream,
    ): void;
    followProgress(
      stream: Readable,
      onFinished: (error: Error | null, output: unknown[]) => void,
      onProgress: (event: { stream?: string; error?: string }) => void,
    ): void;
  };
  buildImage(
    file: { context: string; src: string[] },
    options: Record<string, unknown>,
  ): Promise<Readable>;
  getImage(name: string): { inspect(): Promise<{ Config: { Cmd: string[] } }> };
  createContainer(options: Record<string, unknown>): Promise<DockerodeContainer>;
  listContainers(options: Record<string, unknown>): Promise<unknown[]>;
}

/** A container handle. */
export interface DockerodeContainer {
  attach(options: Record<string, unknown>): Promise<Duplex>;
  start(): Promise<unknown>;
  wait(): Promise<{ StatusCode: number }>;
  logs(options: Record<string, unknown>): Promise<Readable>;
  exec(options: Record<string, unknown>): Promise<{
    start(options: Record<string, unknown>): Promise<Duplex>;
    inspect(): Promise<{ ExitCode: number; Running: boolean }>;
  }>;
  inspect(): Promise<unknown>;
  remove(options?: Record<string, unknown>): Promise<unknown>;
}
