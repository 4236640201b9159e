import * as nodeFs from "node:fs";
import type { CommandIo } from "../client/command-io.ts";
import { NodeHostFiles } from "./node-host-files.ts";

/** A CommandIo on the process's stdio, environment and working directory. */
export function nodeIo(): CommandIo & { release(): void } {
  let stdinUsed = false;
  const stdout = pipeWriter(process.stdout);
  const stderr = pipeWriter(process.stderr);
  return {
    stdout: { write: stdout },
    stderr: { write: stderr },
    stdin: () => {
      stdinUsed = true;
      return (async function* () {
        for await (const chunk of process.stdin) yield new Uint8Array(chunk as Buffer);
      })();
    },
    stdinIsTerminal: process.stdin.isTTY === true,
    stdoutIsTerminal: process.stdout.isTTY === true,
    env: process.env,
    files: new NodeHostFiles(process.cwd()),
    git: { fs: nodeFs },
    // Reading stdin keeps the process alive; once the command is done, stop reading it.
    release: () => {
      if (stdinUsed) process.stdin.destroy();
    },
  };
}

/**
 * Writes to a stdio stream until its reader goes away (`drydock … | head -1`): then further
 * output is dropped instead of crashing on EPIPE, so the command still finishes and the world
 * is saved whole.
 */
function pipeWriter(stream: NodeJS.WriteStream): (chunk: string | Uint8Array) => void {
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    closed = true;
  });
  return (chunk) => {
    if (!closed) stream.write(chunk);
  };
}
