import type { GitContextOptions } from "../builder/context/git-context.ts";
import type { Clock } from "../clock/clock.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";

/** Where a command writes: stdout or stderr of the process, or a buffer in tests. */
export interface OutputSink {
  write(chunk: string | Uint8Array): void;
}

/** What `HostFiles.lstat` reports about a host path. */
export interface HostStat {
  readonly type: "file" | "directory" | "symlink" | "other";
  /** Permission bits (0o7777). */
  readonly mode: number;
  readonly sizeBytes: number;
  readonly mtimeUs: number;
  readonly uid: number;
  readonly gid: number;
}

/**
 * The host filesystem as the client sees it: build context directories, `--env-file`, `docker
 * cp` to and from the host, `save -o`, `load -i`. Paths are as the user typed them, relative to
 * the client's working directory. Errors are `FsError`s (ENOENT …). In a browser this is a
 * virtual tree; in Node, `src/cli` backs it with `node:fs`.
 */
export interface HostFiles {
  /** Absolute, cleaned form of a path (relative ones against the working directory). */
  resolve(path: string): string;
  lstat(path: string): Promise<HostStat>;
  /** Follows symlinks; undefined when nothing is there. */
  stat(path: string): Promise<HostStat | undefined>;
  readFile(path: string): Promise<Uint8Array>;
  /** Entry names, sorted. */
  readDir(path: string): Promise<string[]>;
  readLink(path: string): Promise<string>;
  writeFile(
    path: string,
    data: Uint8Array,
    options?: { mode?: number; mtimeUs?: number },
  ): Promise<void>;
  mkdir(path: string, options?: { mode?: number }): Promise<void>;
  symlink(target: string, path: string): Promise<void>;
}

/**
 * A command's connection to the outside: stdio, environment, host files and the clock used for
 * "2 minutes ago". Commands never touch `process`; the CLI builds this from it, tests from
 * buffers (`bufferIo`).
 */
export interface CommandIo {
  readonly stdout: OutputSink;
  readonly stderr: OutputSink;
  /** Standard input, read only by commands that need it (`run -i`, `build -`, `load`, `cp -`). */
  readonly stdin: () => AsyncIterable<Uint8Array>;
  readonly stdinIsTerminal: boolean;
  readonly stdoutIsTerminal: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly files: HostFiles;
  /**
   * How git build contexts reach repositories (an isomorphic-git filesystem); absent where the
   * client has none, and then `docker build <git-url>` is sent to the daemon as a remote.
   */
  readonly git?: GitContextOptions;
  /**
   * The client's clock for relative times; when absent, commands use the daemon's clock
   * (`SystemTime` of `info`), which is the simulated world's time for an embedded engine.
   */
  readonly clock?: Clock;
}

/** Reads all of standard input (bounded: more than `sizeBytesMax` is an error). */
export async function readAllStdin(io: CommandIo, sizeBytesMax: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of io.stdin()) {
    total += chunk.length;
    if (total > sizeBytesMax) {
      throw new LimitExceededError({
        what: "standard input in bytes",
        limit: sizeBytesMax,
        actual: total,
      });
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
