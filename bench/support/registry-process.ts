/**
 * A private real registry (Debian's docker-registry 2.8.2) for the benchmarks: its own config and
 * storage under a temporary directory, on a free loopback port, so it touches nothing shared.
 * When the binary is missing or it does not answer, `startRealRegistry` returns the reason.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { which } from "../../test/support/real-docker.ts";

/** A running registry process. */
export interface RealRegistry {
  /** `127.0.0.1:PORT`, the host part of image references pushed to it. */
  readonly address: string;
  /** Empties the storage: stops the process, removes the blobs, starts again on the same port. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** A loopback port nobody listens on right now. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Starts docker-registry on a free loopback port, or returns why it could not. */
export async function startRealRegistry(): Promise<RealRegistry | string> {
  const binary = which("docker-registry");
  if (binary === undefined) return "docker-registry is not installed";
  const dir = mkdtempSync(join(tmpdir(), "drydock-bench-registry-"));
  const port = await freeLoopbackPort();
  const address = `127.0.0.1:${port}`;
  const config = join(dir, "config.yml");
  const storage = join(dir, "data");
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n` +
      `storage:\n  filesystem:\n    rootdirectory: ${storage}\n  delete:\n    enabled: true\n` +
      `http:\n  addr: ${address}\n`,
  );
  let child: ChildProcess | undefined;
  const start = async (): Promise<string | undefined> => {
    mkdirSync(storage, { recursive: true });
    child = spawn(binary, ["serve", config], { stdio: "ignore" });
    return await waitUntilServing(child, address);
  };
  const halt = async () => {
    if (child !== undefined) await stopChild(child);
  };
  const failed = await start();
  if (failed !== undefined) {
    await halt();
    rmSync(dir, { recursive: true, force: true });
    return failed;
  }
  return {
    address,
    reset: async () => {
      await halt();
      rmSync(storage, { recursive: true, force: true });
      const again = await start();
      if (again !== undefined) throw new Error(again);
    },
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilServing(child: ChildProcess, address: string): Promise<string | undefined> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return `docker-registry exited with ${child.exitCode}`;
    try {
      const response = await fetch(`http://${address}/v2/`);
      if (response.status === 200) return undefined;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return `docker-registry did not answer on ${address}`;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
