import type { Clock } from "../clock/clock.ts";
import type { AttachOptions, AttachSession, OutputFrame } from "../engine/engine.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { ContainerConfig } from "../image/container-config.ts";
import type { ContainerProcess } from "../runtime/container-runtime.ts";
import { AsyncQueue } from "./async-queue.ts";
import type { LogStore } from "./log-store.ts";

interface Session {
  readonly queue: AsyncQueue<OutputFrame>;
  readonly stdout: boolean;
  readonly stderr: boolean;
  readonly stdin: boolean;
}

/**
 * A container's stdio, as dockerd's stream config wires it: every byte the process writes goes
 * to the log and to each attached session; stdin written by sessions goes to the process, and is
 * buffered when it arrives before the process starts (the CLI attaches, writes and may even
 * close stdin before it sends `/start`). An attach session lasts until the end of the current
 * run, or of the next one when the container is not running.
 */
export class ContainerStdio {
  readonly #logs: LogStore;
  readonly #clock: Clock;
  readonly #tty: boolean;
  readonly #stdinOnce: boolean;
  readonly #openStdin: boolean;
  readonly #sessionCountMax: number;
  readonly #sessions = new Set<Session>();
  #stdinBuffer: Uint8Array[] = [];
  #stdinClosed = false;
  #process: ContainerProcess | undefined;

  constructor(options: {
    logs: LogStore;
    clock: Clock;
    tty: boolean;
    openStdin: boolean;
    stdinOnce: boolean;
    sessionCountMax: number;
  }) {
    this.#logs = options.logs;
    this.#clock = options.clock;
    this.#tty = options.tty;
    this.#openStdin = options.openStdin;
    this.#stdinOnce = options.stdinOnce;
    this.#sessionCountMax = options.sessionCountMax;
  }

  /** The stdio of a container with this config (TTY, `-i`, `StdinOnce`). */
  static forConfig(options: {
    logs: LogStore;
    clock: Clock;
    config: ContainerConfig;
    sessionCountMax: number;
  }): ContainerStdio {
    const { config } = options;
    return new ContainerStdio({
      ...options,
      tty: config.tty,
      openStdin: config.openStdin,
      stdinOnce: config.stdinOnce,
    });
  }

  /** Opens a session; with `replayLogs`, what the container logged so far comes first. */
  attach(options: AttachOptions): AttachSession {
    if (this.#sessions.size >= this.#sessionCountMax) {
      throw new LimitExceededError({ what: "attach sessions", limit: this.#sessionCountMax });
    }
    const stdout = options.stdout ?? false;
    const stderr = options.stderr ?? false;
    const session: Session = {
      queue: new AsyncQueue<OutputFrame>({ onClose: () => this.#sessions.delete(session) }),
      stdout,
      stderr,
      stdin: (options.stdin ?? false) && this.#openStdin,
    };
    if (options.logs === true) {
      for (const entry of this.#logs.entries) this.#deliver(session, entry);
    }
    if (options.stream === false) session.queue.end();
    else this.#sessions.add(session);
    return {
      output: session.queue,
      writeStdin: (data) => {
        if (session.stdin) this.#writeStdin(data);
      },
      closeStdin: () => {
        if (session.stdin) this.#closeStdin();
      },
      close: () => {
        this.#sessions.delete(session);
        session.queue.end();
        if (session.stdin) this.#closeStdin();
      },
    };
  }

  /** A run began: the process gets the stdin written so far. */
  connect(process: ContainerProcess): void {
    this.#process = process;
    for (const chunk of this.#stdinBuffer) process.writeStdin(chunk);
    this.#stdinBuffer = [];
    if (this.#stdinClosed || !this.#openStdin) process.closeStdin();
  }

  /** The process wrote `data` (called at the simulated instant it did). */
  output(stream: "stdout" | "stderr", data: Uint8Array): void {
    const tUs = this.#clock.nowUs();
    const effective = this.#tty ? "stdout" : stream;
    this.#logs.write(effective, data, tUs);
    for (const session of this.#sessions) this.#deliver(session, { stream: effective, data, tUs });
  }

  /** The run ended: partial log lines are flushed and every session ends. */
  disconnect(): void {
    this.#logs.flush(this.#clock.nowUs());
    this.#process = undefined;
    this.#stdinBuffer = [];
    this.#stdinClosed = false;
    for (const session of [...this.#sessions]) session.queue.end();
    this.#sessions.clear();
  }

  #deliver(session: Session, frame: OutputFrame): void {
    if (frame.stream === "stdout" ? session.stdout : session.stderr)
      session.queue.push({ stream: frame.stream, data: frame.data.slice(), tUs: frame.tUs });
  }

  #writeStdin(data: Uint8Array): void {
    if (this.#stdinClosed) return;
    if (this.#process !== undefined) this.#process.writeStdin(data);
    else this.#stdinBuffer.push(data.slice());
  }

  #closeStdin(): void {
    if (!this.#stdinOnce) return;
    this.#stdinClosed = true;
    this.#process?.closeStdin();
  }
}
