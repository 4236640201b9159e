import { parse } from "just-bash";
import type { StdinBuffer } from "./stdin-buffer.ts";

/** Shell state carried from one command line to the next. */
export interface ShellState {
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly replaceEnv: boolean;
}

/** How an `InteractiveShell` reads, runs and answers. */
export interface InteractiveShellOptions {
  readonly stdin: StdinBuffer;
  /** Runs one complete command line; returns its status and the shell's variables after it. */
  readonly run: (
    script: string,
    state: ShellState,
  ) => Promise<{ exitCode: number; env: Record<string, string> }>;
  /** The prompt for a TTY (`/ # `), or undefined without one. */
  readonly prompt?: (cwd: string) => string;
  readonly write: (text: string) => void;
  /** Whether the last command line ended without `exit` (see `__drydock_alive`). */
  readonly isAlive: () => boolean;
  readonly positional: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly whenRunnable: () => Promise<void>;
}

/** A command line may not grow past this while it waits for its end (an unclosed quote). */
const PENDING_BYTES_MAX = 1024 * 1024;
const decoder = new TextDecoder();

/**
 * `sh` reading commands from an open stdin (`docker run -i busybox`): each complete command is
 * run as soon as its last line arrives. Variables and the working directory carry over from one
 * command to the next; functions do not (each line is a fresh just-bash execution).
 */
export class InteractiveShell {
  readonly #options: InteractiveShellOptions;

  constructor(options: InteractiveShellOptions) {
    this.#options = options;
  }

  async run(): Promise<number> {
    const options = this.#options;
    let state: ShellState = { env: { ...options.positional }, cwd: options.cwd, replaceEnv: false };
    let partial = "";
    let command = "";
    let status = 0;
    if (options.prompt !== undefined) options.write(options.prompt(state.cwd));
    for (;;) {
      const chunk = await options.stdin.next();
      if (chunk === undefined) return status;
      await options.whenRunnable();
      partial += decoder.decode(chunk);
      if (partial.length + command.length > PENDING_BYTES_MAX)
        partial = partial.slice(-PENDING_BYTES_MAX);
      // Line by line, as the shell reads: a command runs once its last line is in.
      for (let end = partial.indexOf("\n"); end >= 0; end = partial.indexOf("\n")) {
        command += partial.slice(0, end + 1);
        partial = partial.slice(end + 1);
        if (!isComplete(command)) continue;
        const outcome = await options.run(`${command}/usr/bin/__drydock_alive\n`, state);
        command = "";
        status = outcome.exitCode;
        if (!options.isAlive()) return status;
        state = { env: outcome.env, cwd: outcome.env.PWD ?? state.cwd, replaceEnv: true };
        if (options.prompt !== undefined) options.write(options.prompt(state.cwd));
      }
    }
  }
}

/** Whether the text parses as whole commands (no open quote, here-doc or compound command). */
function isComplete(text: string): boolean {
  try {
    parse(text);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return !/end of file|unexpected EOF|unterminated|expected/i.test(message);
  }
}
