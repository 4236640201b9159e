/**
 * Docker's side of a differential case: the real docker CLI (`DOCKER_BUILDKIT=0`, the classic
 * builder) against a real dockerd 20.10, in a temporary context directory.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ContextFile } from "./case-context.ts";
import type { CliDriver, CliOutput } from "./cli-driver.ts";

/** Longest a single docker command may take. */
const COMMAND_TIMEOUT_MS = 180_000;

/** Runs the docker CLI against `host` (a `unix://` address), never rejecting on a non-zero exit. */
export function dockerCli(
  host: string,
  args: readonly string[],
  options: { cwd?: string; stdin?: string } = {},
): Promise<CliOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn("docker", [...args], {
      cwd: options.cwd,
      env: { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: "0", DOCKER_CLI_HINTS: "false" },
      timeout: COMMAND_TIMEOUT_MS,
      stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        exitCode: code ?? -1,
        stdout: new Uint8Array(Buffer.concat(out)),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
    if (options.stdin !== undefined) {
      // A command may exit before reading all of it (EPIPE); what it printed is the result.
      child.stdin?.on("error", () => undefined);
      child.stdin?.end(options.stdin);
    }
  });
}

/** The docker CLI on a real daemon, in a temporary directory holding the case's context. */
export class DockerDriver implements CliDriver {
  readonly #dir: string;

  constructor(
    readonly host: string,
    name: string,
  ) {
    this.#dir = mkdtempSync(join(tmpdir(), `dd-${name}-`));
  }

  writeFile(path: string, file: ContextFile): void {
    const full = join(this.#dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, file.data);
    chmodSync(full, file.mode);
    const seconds = file.mtimeUs / 1_000_000;
    utimesSync(full, seconds, seconds);
  }

  removeFile(path: string): void {
    rmSync(join(this.#dir, path));
  }

  docker(args: readonly string[], stdin?: string): Promise<CliOutput> {
    return dockerCli(this.host, args, { cwd: this.#dir, stdin });
  }

  async close(): Promise<void> {
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** Removes every container, volume and image but busybox and its parents. */
export async function resetDaemon(host: string): Promise<void> {
  const lines = async (args: readonly string[]) =>
    new TextDecoder()
      .decode((await dockerCli(host, args)).stdout)
      .split("\n")
      .filter((line) => line !== "");
  const containers = await lines(["ps", "-aq"]);
  if (containers.length > 0) await dockerCli(host, ["rm", "-f", "-v", ...containers]);
  const volumes = await lines(["volume", "ls", "-q"]);
  if (volumes.length > 0) await dockerCli(host, ["volume", "rm", "-f", ...volumes]);
  const keep = new Set<string>();
  for (let id = await inspectField(host, "busybox:latest", "{{.Id}}"); id !== ""; ) {
    keep.add(id);
    id = await inspectField(host, id, "{{.Parent}}");
  }
  for (let round = 0; round < 20; round++) {
    const images = (await lines(["images", "-aq", "--no-trunc"])).filter((id) => !keep.has(id));
    if (images.length === 0) return;
    for (const image of new Set(images)) await dockerCli(host, ["rmi", "-f", image]);
  }
}

async function inspectField(host: string, name: string, format: string): Promise<string> {
  const result = await dockerCli(host, ["image", "inspect", "--format", format, name]);
  return new TextDecoder().decode(result.stdout).trim();
}
