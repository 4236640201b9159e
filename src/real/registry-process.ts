/**
 * One private docker-registry (Debian's 2.8.2): its own config and storage under `dir`, on a free
 * loopback port. Daemons reach it without TLS because dockerd trusts 127.0.0.0/8 as insecure.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { hasExited, stopChild } from "./stop-child.ts";

/** A running private registry. */
export interface RegistryProcess {
  readonly name: string;
  /** `127.0.0.1:PORT`, the host part of image references pushed to it. */
  readonly address: string;
  readonly dir: string;
  /** The current process's pid (it changes on `reset`). */
  pid(): number | undefined;
  /**
   * Empties the storage (or restores what `keepAsSeed` saved): stops the process, replaces the
   * blobs, starts again on the same port.
   */
  reset(): Promise<void>;
  /** Makes the current content what `reset` returns to (call while nothing pushes). */
  keepAsSeed(): void;
  /** Stops the process; does not remove `dir`. */
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
  if (address === null || typeof address === "string") throw new Error("no loopback port");
  return address.port;
}

/** Starts docker-registry in `dir` and waits until `/v2/` answers, or returns why it did not. */
export async function startRegistryProcess(options: {
  name: string;
  dir: string;
  binary: string;
  startTimeoutMs: number;
}): Promise<RegistryProcess | string> {
  const address = `127.0.0.1:${await freeLoopbackPort()}`;
  const config = join(options.dir, "config.yml");
  const storage = join(options.dir, "data");
  const seed = join(options.dir, "seed");
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n` +
      `storage:\n  filesystem:\n    rootdirectory: ${storage}\n  delete:\n    enabled: true\n` +
      `http:\n  addr: ${address}\n`,
  );
  let child: ChildProcess | undefined;
  const start = async (): Promise<string | undefined> => {
    mkdirSync(storage, { recursive: true });
    child = spawn(options.binary, ["serve", config], { stdio: "ignore" });
    return await waitUntilServing(child, address, options.startTimeoutMs);
  };
  const stop = async () => {
    if (child !== undefined) await stopChild(child, 5_000);
  };
  const failed = await start();
  if (failed !== undefined) {
    await stop();
    return `registry "${options.name}": ${failed}`;
  }
  return {
    name: options.name,
    address,
    dir: options.dir,
    pid: () => (child === undefined || hasExited(child) ? undefined : child.pid),
    reset: async () => {
      await stop();
      rmSync(storage, { recursive: true, force: true });
      if (existsSync(seed)) cpSync(seed, storage, { recursive: true });
      const again = await start();
      if (again !== undefined) throw new Error(`registry "${options.name}": ${again}`);
    },
    keepAsSeed: () => {
      rmSync(seed, { recursive: true, force: true });
      cpSync(storage, seed, { recursive: true });
    },
    stop,
  };
}

async function waitUntilServing(
  child: ChildProcess,
  address: string,
  timeoutMs: number,
): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child))
      return `docker-registry exited with ${child.exitCode ?? child.signalCode}`;
    try {
      const response = await fetch(`http://${address}/v2/`);
      if (response.status === 200) return undefined;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return `docker-registry did not answer on ${address} within ${timeoutMs} ms`;
}
