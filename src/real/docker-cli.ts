/** Runs the docker CLI against one private daemon, as a user would, one process per call. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** What a docker CLI call printed. */
export interface DockerCliResult {
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Per-call options of a {@link DockerCli}. */
export interface DockerCliOptions {
  readonly input?: Uint8Array | string;
  readonly timeoutMs?: number;
}

/** Runs `docker ARGS` against one daemon; rejects on a non-zero exit (the error carries stderr). */
export type DockerCli = (
  args: readonly string[],
  options?: DockerCliOptions,
) => Promise<DockerCliResult>;

/**
 * A runner for the daemon at `host`. The classic builder is forced (as the simulator models it),
 * and `configDir` keeps the CLI's config (logins, contexts) away from the user's ~/.docker.
 */
export function dockerCli(options: { cli: string; host: string; configDir: string }): DockerCli {
  const env = {
    ...process.env,
    DOCKER_HOST: options.host,
    DOCKER_CONFIG: options.configDir,
    DOCKER_BUILDKIT: "0",
    DOCKER_CLI_HINTS: "false",
  };
  return async (args, callOptions = {}) => {
    const call = execFileAsync(options.cli, [...args], {
      env,
      encoding: "buffer",
      maxBuffer: 512 * 1024 * 1024,
      timeout: callOptions.timeoutMs ?? 120_000,
    });
    if (callOptions.input !== undefined) call.child.stdin?.end(callOptions.input);
    else call.child.stdin?.end();
    const { stdout, stderr } = await call;
    return { stdout, stderr: stderr.toString(), exitCode: 0 };
  };
}
