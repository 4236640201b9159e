/**
 * Runs `drydock registry` as its own process (from the sources, through tsx) on a free loopback
 * port, for interop tests with real clients; `restart` stops it and starts it again on the same
 * port and data root.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const MAIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "cli", "main.ts");

export interface DrydockRegistryProcess {
  /** `127.0.0.1:PORT`. */
  readonly authority: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDrydockRegistry(options: {
  dataRoot: string;
  extraArgs?: readonly string[];
}): Promise<DrydockRegistryProcess> {
  let addr = "127.0.0.1:0";
  let child: ChildProcess;
  const launch = async (): Promise<string> => {
    child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        MAIN,
        "registry",
        "--addr",
        addr,
        "--data-root",
        options.dataRoot,
        ...(options.extraArgs ?? []),
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let log = "";
    return new Promise((resolve, reject) => {
      child.stderr!.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        const match = /listening on http:\/\/(\S+)/.exec(log);
        if (match !== null) resolve(match[1]!);
      });
      child.once("exit", (code) => reject(new Error(`drydock registry exited (${code}): ${log}`)));
    });
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  addr = await launch();
  return {
    authority: addr,
    restart: async () => {
      await stop();
      await launch();
    },
    stop,
  };
}
