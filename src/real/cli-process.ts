/**
 * One real docker CLI command as a scenario step runs it: in the host's client directory, against
 * the host's dockerd, with the classic builder, its output streamed line by line (so each line
 * gets the wall-clock instant it appeared) and kept whole as bytes.
 */
import { spawn } from "node:child_process";

/** Where and how a command runs. */
export interface CliProcessOptions {
  /** The docker binary. */
  readonly cli: string;
  /** DOCKER_HOST: `unix:///…/docker.sock` or `tcp://…`. */
  readonly dockerHost: string;
  /** DOCKER_CONFIG: keeps logins and contexts away from the user's ~/.docker. */
  readonly configDir: string;
  readonly cwd: string;
  readonly argv: readonly string[];
  readonly stdin?: Uint8Array;
  /** The command is killed after this long (exit code -1, a line on stderr). */
  readonly timeoutMs: number;
  /** Each complete stdout line, without its newline, as it arrives. */
  readonly onLine?: (line: string) => void;
}

/** What the command did. */
export interface CliProcessResult {
  readonly exitCode: number;
  readonly stdout: Uint8Array;
  readonly stderr: string;
}

/** Longest stdout kept (a `docker export` of a large image, `docker save`); more is an error. */
export const CLI_OUTPUT_BYTES_MAX: number = 512 * 1024 * 1024;

/** Runs the command; resolves (never rejects) once it has exited and its output is read. */
export function runCliProcess(options: CliProcessOptions): Promise<CliProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(options.cli, [...options.argv], {
      cwd: options.cwd,
      env: {
        ...process.env,
        DOCKER_HOST: options.dockerHost,
        DOCKER_CONFIG: options.configDir,
        DOCKER_BUILDKIT: "0",
        DOCKER_CLI_HINTS: "false",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let note = "";
    let partial = "";
    const decoder = new TextDecoder();
    child.stdout.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > CLI_OUTPUT_BYTES_MAX) {
        note = `drydock: the command printed more than ${CLI_OUTPUT_BYTES_MAX} bytes; stopped\n`;
        child.kill("SIGKILL");
        return;
      }
      out.push(chunk);
      if (options.onLine === undefined) return;
      partial += decoder.decode(chunk, { stream: true });
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) options.onLine(line.replace(/\r$/, ""));
    });
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => {
      note = `drydock: the command did not finish within ${options.timeoutMs} ms; killed\n`;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    let spawnError: Error | undefined;
    child.on("error", (error) => {
      spawnError = error;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (partial !== "") options.onLine?.(partial);
      const stderr = Buffer.concat(err).toString("utf8") + note;
      if (spawnError !== undefined) {
        resolve({
          exitCode: -1,
          stdout: new Uint8Array(),
          stderr: `${stderr}drydock: cannot run ${options.cli}: ${spawnError.message}\n`,
        });
        return;
      }
      resolve({
        exitCode: note === "" ? (code ?? -1) : -1,
        stdout: new Uint8Array(Buffer.concat(out)),
        stderr,
      });
    });
    // A command may exit before reading all of its input (EPIPE): what it printed is the result.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.stdin === undefined ? undefined : Buffer.from(options.stdin));
  });
}
