/**
 * A private real registry (Debian's docker-registry 2.8.2) for the benchmarks, through
 * `src/real/`: its own config and storage under a temporary directory, on a free loopback port, so
 * it touches nothing shared. When the binary is missing or it does not answer,
 * `startRealRegistry` returns the reason.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findCommand } from "../../src/real/find-command.ts";
import { startRegistryProcess } from "../../src/real/registry-process.ts";

export { freeLoopbackPort } from "../../src/real/registry-process.ts";

/** A running registry process. */
export interface RealRegistry {
  /** `127.0.0.1:PORT`, the host part of image references pushed to it. */
  readonly address: string;
  /** Empties the storage: stops the process, removes the blobs, starts again on the same port. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts docker-registry on a free loopback port, or returns why it could not. */
export async function startRealRegistry(): Promise<RealRegistry | string> {
  const binary = findCommand("docker-registry");
  if (binary === undefined) return "docker-registry is not installed";
  const dir = mkdtempSync(join(tmpdir(), "drydock-bench-registry-"));
  const started = await startRegistryProcess({
    name: "registry",
    dir,
    binary,
    startTimeoutMs: 10_000,
  });
  if (typeof started === "string") {
    rmSync(dir, { recursive: true, force: true });
    return started;
  }
  return {
    address: started.address,
    reset: () => started.reset(),
    stop: async () => {
      await started.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
